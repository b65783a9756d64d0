using System.Globalization;
using LbTools.Core.Diagnosis;
using LbTools.Core.Logs;
using LbTools.Core.Probes;
using static LbTools.Core.Tests.Support.DiagnosisFixtures;

namespace LbTools.Core.Tests.Diagnosis;

/// <summary>One piece of evidence: a record (resolved Repeat times by one resolver, for bursts) and probes.</summary>
public sealed record EvidenceCase(LbLogRecord Record, ProbeResult[] Probes, DiagnosisSettings? Settings = null, int Repeat = 1, IReadOnlyList<LbTools.Core.Logs.ErrorLog.NginxErrorEvent>? ErrorEvents = null)
{
    public StatusDiagnosis? Resolve()
    {
        var resolver = new StatusResolver(CauseCatalog.BuiltIn, CultureInfo.GetCultureInfo("en"), Settings, null);
        StatusDiagnosis? last = null;
        for (int i = 0; i < Repeat; i++)
        {
            last = resolver.Resolve(Record, Probes, ErrorEvents);
        }

        return last;
    }
}

/// <summary>A catalog id, the evidence that must make it the top cause, a near miss that must not, and where the expectation comes from.</summary>
public sealed record CauseFixture(string Id, string Source, Func<EvidenceCase> Hit, Func<EvidenceCase> NearMiss)
{
    public override string ToString() => Id;
}

internal static class CauseFixtureTable
{
    private const string AliAlb = "Alibaba Cloud \"ALB status codes\"";
    private const string AliClb = "Alibaba Cloud \"CLB error status codes\"";
    private const string Aws502 = "AWS Knowledge Center \"How do I troubleshoot Application Load Balancer HTTP 502 errors?\"";
    private const string AwsTs = "AWS \"Troubleshoot your Application Load Balancers\"";
    private const string AwsEr = "AWS \"Access logs for your Application Load Balancer\", error_reason codes";
    private const string Clb = "AWS \"Troubleshoot a Classic Load Balancer: HTTP errors\"";
    private const string Cf = "Amazon CloudFront \"Standard logging reference\", x-edge-detailed-result-type";
    private const string Ngx = "nginx \"Module ngx_http_upstream_module\" and src/http/ngx_http_upstream.c";

    private static readonly ProbeResult[] NoProbes = Array.Empty<ProbeResult>();
    private static readonly DiagnosisSettings Bursty = new() { BurstPerSecond = 3 };

    private static EvidenceCase R(LbLogRecord record, params ProbeResult[] probes) => new(record, probes);

    /// <summary>The error-log event real nginx wrote for a body cut short after a good header (integration scenario ShortBody).</summary>
    private static LbTools.Core.Logs.ErrorLog.NginxErrorEvent[] BodyBrokeOff()
    {
        LbTools.Core.Logs.ErrorLog.NginxErrorLineParser.TryParse("2026/12/05 01:49:47 [error] 30021#30021: *13 upstream prematurely closed connection while reading upstream, client: 127.0.0.1, server: localhost, request: \"GET /ShortBody HTTP/1.1\", upstream: \"http://127.0.0.1:40897/ShortBody\", host: \"localhost\"", out var e, out _);
        NginxMessageTable.BuiltIn.Annotate(e!);
        return new[] { e! };
    }

    private static EvidenceCase Burst(LbLogRecord record, int repeat) => new(record, NoProbes, Bursty, repeat);

    private static LbLogRecord Ali(int status, int? upstream, string? address = Backend, double? connect = 0.001, double? header = 0.010, double? response = 0.010, string method = "GET", string path = "/api/orders",
        double? requestTime = null, double? rtt = null, long? requestLength = null, string host = "www.example.com", string scheme = "https", params (string, string?)[] fields) =>
        Proxy(LbProvider.AlibabaAlb, status, upstream, address, connect, header, response, method, path, requestTime, rtt, requestLength, host, scheme, fields);

    private static LbLogRecord AliClbRecord(int status, int? upstream, string? address = Backend, double? header = 0.010) =>
        Proxy(LbProvider.AlibabaClb, status, upstream, address, header: header);

    public static IEnumerable<CauseFixture> All()
    {
        // ---- 400
        yield return new("400.FromBackend", AliAlb + " 400: upstream_status 400", () => R(Ali(400, 400)), () => R(Ali(400, null, address: null)));
        yield return new("400.MalformedRequest", AliAlb + " 400: malformed header, no upstream status", () => R(Ali(400, null, address: null)), () => R(Ali(400, null, address: null, method: "POST")));
        yield return new("400.HttpToHttpsPort", AliAlb + " 400: HTTP request to an HTTPS listener", () => R(Ali(400, null, address: null, scheme: "http", fields: ("slb_vport", "443"))), () => R(Ali(400, null, address: null, scheme: "http", fields: ("slb_vport", "80"))));
        yield return new("400.ClientClosedEarly", AliAlb + " 400: client closed before the request was complete", () => R(Ali(400, null, address: null, method: "POST")), () => R(Ali(400, null, address: null, method: "GET")));
        yield return new("400.HeaderTooLarge", AliAlb + " 400: header over 32 KB", () => R(Ali(400, null, address: null, requestLength: 40_000)), () => R(Ali(400, null, address: null, requestLength: 2_000)));
        yield return new("400.BackendExpectsHttps", AliClb + " 400: backend accepts only HTTPS; probe: plain HTTP to a TLS port", () => R(AliClbRecord(400, 400), Probe(ProbeKind.Http, ProbeFailureReason.PlainHttpToTlsPort)), () => R(AliClbRecord(400, 400)));
        yield return new("400.ConnectMethodRejected", Clb + " 400 cause 2: CONNECT", () => R(Clb(400, method: "CONNECT")), () => R(Clb(400, method: "GET")));
        // ---- 401 / 403 / 421
        yield return new("401.AuthenticationDenied", AwsTs + " 401; " + AwsEr, () => R(Alb("401", target: "-", errorReason: "AuthInvalidIdToken", actions: "authenticate")), () => R(Alb("561", target: "-", errorReason: "AuthInvalidIdToken", actions: "authenticate")));
        yield return new("403.WafBlocked", AwsTs + " 403; §1.3 waf action", () => R(Alb("403", target: "-", actions: "waf")), () => R(CloudFront(403, "ClientGeoBlocked")));
        yield return new("403.GeoBlocked", Cf + " ClientGeoBlocked", () => R(CloudFront(403, "ClientGeoBlocked")), () => R(CloudFront(403, "InvalidRequestBlocked")));
        yield return new("403.AccessBlocked", Cf + " InvalidRequestMethod", () => R(CloudFront(403, "InvalidRequestMethod")), () => R(CloudFront(403, "ClientGeoBlocked")));
        yield return new("421.ViewerCertificateMismatch", Cf + " InvalidRequestCertificate", () => R(CloudFront(421, "InvalidRequestCertificate")), () => R(CloudFront(400, "InvalidRequestHeader")));
        // ---- 405
        yield return new("405.FromBackend", AliAlb + " 405: other methods depend on the backend", () => R(Nginx(405, 405)), () => R(Ali(405, null, address: null, method: "TRACE")));
        yield return new("405.TraceNotSupported", AliAlb + " 405: ALB does not support TRACE", () => R(Ali(405, null, address: null, method: "TRACE")), () => R(Ali(405, 405, method: "TRACE")));
        yield return new("405.MethodTooLong", Clb + " 405: method over 127 characters", () => R(Clb(405, method: new string('X', 130))), () => R(Clb(405, backendStatus: 405, backendTime: 0.01)));
        // ---- 408
        // Issue 16, what real nginx 1.22 logged (NginxOddAnswerScenarioTests): an answer without a status line
        // is logged 009 / "200"; an interim 100 passed on is logged 100 / "100"; a backend's 999 is logged 999 / "999".
        yield return new("009.Http09Response", "nginx source ngx_http_proxy_module.c (HTTP/0.9 answer, status 9)", () => R(Nginx(9, 200, header: 0.001)), () => R(Nginx(200, 200)));
        yield return new("100.InformationalAsFinal", "nginx source ngx_http_proxy_module.c (first status line is the answer)", () => R(Nginx(100, 100)), () => R(Nginx(101, 101)));
        yield return new("200.UpstreamBodyBroken", "nginx source ngx_http_upstream.c (\"while reading upstream\")", () => new(Nginx(200, 200, header: 0.001), NoProbes, ErrorEvents: BodyBrokeOff()), () => R(Nginx(200, 200, header: 0.001)));
        yield return new("999.NonStandardStatus", "RFC 9110 section 15 (status codes)", () => R(Nginx(999, 999)), () => R(Nginx(500, 500)));
        yield return new("408.PartialRequest", AliClb + " 408: partial request within the 60 s request timeout", () => R(Ali(408, null, address: null, requestTime: 60.0)), () => R(Ali(408, null, address: null, requestTime: 2.0, rtt: 0.5)));
        yield return new("408.ClientNetwork", AliAlb + " 408: poor client network (tcpinfo_rtt)", () => R(Ali(408, null, address: null, requestTime: 3.0, rtt: 0.5)), () => R(Ali(408, null, address: null, requestTime: 60.0, rtt: 0.01)));
        yield return new("408.BandwidthThrottled", AliAlb + " 408: bandwidth throttling (bursts)", () => Burst(Ali(408, null, address: null, requestTime: 3.0), 3), () => Burst(Ali(408, null, address: null, requestTime: 60.0), 1));
        yield return new("408.IdleTimeoutNoData", AwsTs + " 408: no data before the idle timeout", () => R(Alb("408", target: "-", times: "-1 -1 -1")), () => R(Ali(408, null, address: null, requestTime: 60.0)));
        yield return new("408.ClientConnectionClosed", Clb + " 408 cause 2: client connection closed", () => R(Clb(408, backend: null)), () => R(Clb(408)));
        // ---- 413 / 414
        yield return new("413.LambdaRequestTooLarge", AwsTs + " 413: Lambda body over 1 MB", () => R(Alb("413", target: "-")), () => R(Alb("413", target: "-", errorReason: "LambdaResponseTooLarge")));
        yield return new("414.FromBackend", AliAlb + " 414: backend's own URI limit", () => R(Ali(414, 414)), () => R(Ali(414, null, address: null, path: "/" + new string('a', 40_000))));
        yield return new("414.UriTooLong", AliAlb + " 414: URI over 32 KB", () => R(Ali(414, null, address: null, path: "/" + new string('a', 40_000))), () => R(Ali(414, 414)));
        // ---- 444 / 460 / 463 / 464
        yield return new("444.ClosedWithoutResponse", Ngx + " 444", () => R(Nginx(444, null, address: null)), () => R(Nginx(502, 502, connect: 0.001, header: null)));
        yield return new("460.ClientClosedBeforeIdleTimeout", AwsTs + " 460", () => R(Alb("460", times: "0.000 -1 -1")), () => R(Alb("408", target: "-", times: "-1 -1 -1")));
        yield return new("463.ForwardingLoop", "Alibaba Cloud \"ALB status codes\", 463 (more than 16 ALICLOUD-ALB-TRACE values)", () => R(Ali(463, null, address: null, fields: ("ALICLOUD-ALB-TRACE", string.Join(",", Enumerable.Range(1, 17).Select(i => i.ToString("x16", CultureInfo.InvariantCulture)))))), () => R(Alb("463", target: "-")));
        yield return new("463.TooManyForwardedFor", "AWS \"Troubleshoot your Application Load Balancers\", 463 (over 30 X-Forwarded-For addresses)", () => R(Alb("463", target: "-")), () => R(Ali(463, null, address: null)));
        yield return new("464.ProtocolVersionMismatch", AwsTs + " 464", () => R(Alb("464", target: "-")), () => R(Alb("505", target: "-")));
        // ---- 499
        yield return new("499.ClientNetwork", AliAlb + " 499 (older zh page): poor client network, tcpinfo_rtt", () => R(Ali(499, null, address: null, rtt: 0.5)), () => R(Ali(499, null, address: null, rtt: 0.01)));
        yield return new("499.BandwidthThrottled", AliAlb + " 499: bandwidth throttling (bursts)", () => Burst(Ali(499, null, address: null), 3), () => Burst(Ali(499, null, address: null), 1));
        yield return new("499.BackendSlow", Ngx + " 499; cause-catalog.md 499.BackendSlow: large upstream_response_time", () => R(Nginx(499, null, connect: 0.001, header: null, response: 12.0)), () => R(Nginx(499, null, connect: 0.001, header: null, response: 0.5)));
        yield return new("499.ClientTimeoutTooShort", "cause-catalog.md 499.ClientTimeoutTooShort: gave up before the request was sent", () => R(Nginx(499, null, address: null, requestTime: 0.2)), () => R(Nginx(499, null, connect: 0.001, header: null, response: 0.5)));
        yield return new("499.ClientAborted", Ngx + " 499: client closed the connection", () => R(Nginx(499, null, connect: 0.001, header: null, response: 0.5)), () => R(Nginx(499, null, address: null, requestTime: 0.2)));
        // ---- 500 / 501
        yield return new("500.FromBackend", AliAlb + " 500: backend returned 500", () => R(Nginx(500, 500)), () => R(Ali(500, null)));
        yield return new("500.BackendClosedEarly", AliAlb + " 500: backend closed the connection abnormally", () => R(Ali(500, null)), () => R(Ali(500, 500)));
        yield return new("500.WafOrIdpError", AwsTs + " 500; " + AwsEr + " WAF*", () => R(Alb("500", target: "-", errorReason: "WAFConnectionError", actions: "waf-failed")), () => R(Alb("500", targetStatus: "500", times: "0.000 0.020 0.000")));
        yield return new("501.TransferEncodingUnsupported", AwsTs + " 501", () => R(Alb("501", target: "-")), () => R(Alb("505", target: "-")));
        // ---- 502
        yield return new("502.FromBackend", Ngx + " real backend answer: upstream_header_time is a number", () => R(Nginx(502, 502, header: 0.012)), () => R(Nginx(502, 502, connect: null, header: null, response: 0.0)));
        yield return new("502.BackendCodeMapped", AliAlb + " 502: backend returned 504 or 444 shown as 502", () => R(Ali(502, 504)), () => R(Ali(502, 500)));
        yield return new("502.BackendConnectFailed", AliAlb + " 502: TCP to the backend failed; nginx refused connect logs connect time '-' (tied with a failed TLS handshake until a probe says Refused)", () => R(Nginx(502, 502, connect: null, header: null, response: 0.0), Probe(ProbeKind.Tcp, ProbeFailureReason.Refused)), () => R(Nginx(502, 502, connect: 0.001, header: null, response: 0.0)));
        yield return new("502.BacklogFull", AliAlb + " 502: backlog full; probe: concurrent connects", () => R(Nginx(502, 502, connect: null, header: null), Probe(ProbeKind.Concurrency, ProbeFailureReason.BacklogFull)), () => R(Nginx(502, 502, connect: null, header: null)));
        yield return new("502.MtuExceeded", AliAlb + " 502: long packets fail, short ones pass (request over one MTU)", () => R(Nginx(502, 502, connect: 0.001, header: null, requestLength: 9_000)), () => R(Nginx(502, 502, connect: 0.001, header: null, requestLength: 300)));
        yield return new("502.MalformedResponse", AliAlb + " 502: invalid response format; probe: strict response check", () => R(Nginx(502, 502, connect: 0.001, header: null), Probe(ProbeKind.Http, ProbeFailureReason.MalformedResponse)), () => R(Nginx(502, 502, connect: 0.001, header: null), Probe(ProbeKind.Http, ProbeFailureReason.None)));
        yield return new("502.BackendClosedConnection", AwsTs + " 502: target closed with RST/FIN; nginx 'upstream prematurely closed' logs a connect time and header '-' (tied with an invalid header until a probe sees the close)", () => R(Nginx(502, 502, connect: 0.001, header: null, response: 0.0), Probe(ProbeKind.Http, ProbeFailureReason.ClosedWithoutResponse)), () => R(Nginx(502, 502, connect: null, header: null, response: 0.0)));
        yield return new("502.BackendIncomplete", AliAlb + " 502: backend did not finish processing (long upstream time)", () => R(Nginx(502, 502, connect: 0.001, header: null, response: 7.3)), () => R(Nginx(502, 502, connect: 0.001, header: null, response: 0.3)));
        yield return new("502.AllBackendsUnhealthy", AliClb + " 502: all backends unhealthy; " + Ngx + " $upstream_addr keeps the group name", () => R(Nginx(502, 502, address: "backend_pool", connect: null, header: null)), () => R(Nginx(502, 502, connect: null, header: null)));
        yield return new("502.BackendOverloaded", Aws502 + " overload; probe: slow response", () => R(Nginx(502, 502, connect: 0.001, header: null), Probe(ProbeKind.Latency, ProbeFailureReason.SlowResponse)), () => R(Nginx(502, 502, connect: 0.001, header: null)));
        yield return new("502.TimeoutMismatch", Aws502 + " timeout mismatch: failure at a fixed elapsed time", () => R(Nginx(502, 502, connect: 0.001, header: null, response: 30.0)), () => R(Nginx(502, 502, connect: 0.001, header: null, response: 7.3)));
        yield return new("502.RoutingMisconfigured", Aws502 + " routing; probe: the wrong service answers", () => R(Nginx(502, 502, connect: 0.001, header: null), Probe(ProbeKind.Http, ProbeFailureReason.UnexpectedStatus)), () => R(Nginx(502, 502, connect: 0.001, header: null)));
        yield return new("502.FirewallBlocked", Aws502 + " security rules; probe: TCP timeout, not refused", () => R(Alb("502"), Probe(ProbeKind.Tcp, ProbeFailureReason.TimedOut)), () => R(Alb("502"), Probe(ProbeKind.Tcp, ProbeFailureReason.Refused)));
        yield return new("502.DnsMisconfigured", Aws502 + " DNS; probe: name does not resolve", () => R(Alb("502"), Probe(ProbeKind.Dns, ProbeFailureReason.NameNotFound)), () => R(Alb("502"), Probe(ProbeKind.Dns, ProbeFailureReason.None)));
        yield return new("502.TlsToBackendFailed", Aws502 + " certificate mismatch; probe: TLS expired", () => R(Nginx(502, 502, connect: null, header: null), Probe(ProbeKind.Tls, ProbeFailureReason.TlsExpired)), () => R(Nginx(502, 502, connect: null, header: null), Probe(ProbeKind.Tcp, ProbeFailureReason.Refused)));
        yield return new("502.LambdaError", "AWS \"Access logs for your Application Load Balancer\", Lambda failure example (LambdaInvalidResponse)", () => R(Parse(Support.AlbExamples.LambdaFailure)), () => R(Alb("502", target: "-")));
        yield return new("502.AppError", Aws502 + " application error: upstream 5xx", () => R(Ali(502, 500)), () => R(Ali(502, 504)));
        yield return new("502.ResponseHeaderTooLarge", Cf + " OriginHeaderTooBigError", () => R(CloudFront(502, "OriginHeaderTooBigError")), () => R(CloudFront(502, "OriginDnsError")));
        yield return new("502.DeregistrationDelayElapsed", AwsTs + " 502: deregistration delay elapsed", () => new EvidenceCase(Alb("502", created: "2018-07-02T22:18:00.000000Z"), NoProbes, new DiagnosisSettings { DeregistrationDelay = TimeSpan.FromSeconds(300) }), () => R(Alb("502", created: "2018-07-02T22:18:00.000000Z")));
        yield return new("502.OriginConnectError", Cf + " OriginConnectError", () => R(CloudFront(502, "OriginConnectError")), () => R(CloudFront(502, "OriginDnsError")));
        yield return new("502.OriginDnsError", Cf + " OriginDnsError (AWS example row)", () => R(CloudFront(502, "OriginDnsError")), () => R(CloudFront(502, "OriginConnectError")));
        yield return new("502.OriginInvalidResponse", Cf + " OriginInvalidResponseError", () => R(CloudFront(502, "OriginInvalidResponseError")), () => R(CloudFront(502, "OriginConnectError")));
        yield return new("502.UpstreamAttemptFailed", Ngx + " §6.2: \"502, 200\" = first peer failed, second answered", () => R(NginxAttempts(200, new int?[] { 502, 200 }, new double?[] { null, 0.010 })), () => R(NginxAttempts(200, new int?[] { 504, 200 }, new double?[] { null, 0.010 })));
        yield return new("504.UpstreamAttemptTimedOut", Ngx + " §6.2: \"504, 200\" = first peer timed out", () => R(NginxAttempts(200, new int?[] { 504, 200 }, new double?[] { null, 0.010 })), () => R(NginxAttempts(200, new int?[] { 502, 200 }, new double?[] { null, 0.010 })));
        // ---- 503
        yield return new("503.FromBackend", AliAlb + " 503: backend returned 503", () => R(Nginx(503, 503)), () => R(Nginx(503, null, address: null)));
        yield return new("503.QpsThrottled", AliAlb + " 503: ALB-QPS-Limited: Limited, upstream_status '-'", () => R(Ali(503, null, address: null, fields: ("ALB-QPS-Limited", "Limited"))), () => R(Ali(503, null, address: null)));
        yield return new("503.SingleAddressClient", AliAlb + " 503: direct-IP access", () => R(Ali(503, null, host: "47.100.1.2")), () => R(Ali(503, null, host: "www.example.com")));
        yield return new("503.NoBackend", AwsTs + " 503: no registered targets", () => R(Alb("503", target: "-", times: "-1 -1 -1")), () => R(Ali(503, null, address: null, fields: ("ALB-QPS-Limited", "Limited"))));
        yield return new("503.NoHealthyBackend", Clb + " 503 cause 3; probe: health path answers wrongly", () => R(Clb(503, backend: null), Probe(ProbeKind.Http, ProbeFailureReason.UnexpectedStatus)), () => R(Clb(503, backend: null)));
        yield return new("503.SurgeQueueFull", Clb + " 503 cause 4; probe: concurrent connections rejected", () => R(Clb(503, backend: null), Probe(ProbeKind.Concurrency, ProbeFailureReason.BacklogFull)), () => R(Clb(503, backend: null)));
        yield return new("503.BalancerCapacity", Clb + " 503 cause 1: insufficient capacity (bursts)", () => Burst(Clb(503, backend: null), 3), () => Burst(Clb(503, backend: null), 1));
        yield return new("503.EdgeCapacityExceeded", "Amazon CloudFront \"Standard logging reference\", CapacityExceeded", () => R(CloudFront(503, "CapacityExceeded", "CapacityExceeded")), () => R(CloudFront(503, null, "Error")));
        // ---- 504
        yield return new("504.FromBackend", AliAlb + " 504: backend returned 504", () => R(Nginx(504, 504, header: 0.5)), () => R(Nginx(504, 504, connect: 0.001, header: null, response: 60.0)));
        yield return new("504.BackendConnectTimeout", AliAlb + " 504: upstream_connect_time at the 5 s connect timeout", () => R(Ali(504, 504, connect: null, header: null, response: 5.0)), () => R(Ali(504, 504, connect: 0.002, header: null, response: 60.001)));
        yield return new("504.BackendResponseTimeout", AliAlb + " 504: request timeout 60 s, 60.001 s fails", () => R(Ali(504, 504, connect: 0.002, header: null, response: 60.001)), () => R(Ali(504, 504, connect: null, header: null, response: 5.0)));
        yield return new("504.ReturnTrafficBlocked", AwsTs + " 504: ephemeral ports blocked; probe: TCP times out", () => R(Alb("504", created: "2018-07-02T22:22:50.180000Z"), Probe(ProbeKind.Tcp, ProbeFailureReason.TimedOut)), () => R(Alb("504", created: "2018-07-02T22:22:50.180000Z"), Probe(ProbeKind.Tcp, ProbeFailureReason.Refused)));
        yield return new("504.ContentLengthMismatch", AwsTs + " 504: Content-Length larger than the body", () => R(Alb("504", targetStatus: "200", times: "0.000 0.010 -1")), () => R(Alb("504", targetStatus: "504", times: "0.000 0.010 0.000")));
        yield return new("504.LambdaTimeout", AwsTs + " 504: Lambda did not answer; " + AwsEr + " LambdaConnectionTimeout", () => R(Alb("504", target: "-", errorReason: "LambdaConnectionTimeout")), () => R(Alb("502", target: "-", errorReason: "LambdaConnectionTimeout")));
        yield return new("504.TlsHandshakeTimeout", AwsTs + " 504: SSL handshake timeout (10 s); probe: TLS times out", () => R(Alb("504", created: "2018-07-02T22:22:50.180000Z"), Probe(ProbeKind.Tls, ProbeFailureReason.TimedOut)), () => R(Alb("504", created: "2018-07-02T22:22:50.180000Z")));
        yield return new("504.OriginCommError", Cf + " OriginCommError", () => R(CloudFront(504, "OriginCommError")), () => R(CloudFront(502, "OriginConnectError")));
        // ---- 505 / 507 / 561 / 000
        yield return new("505.HttpVersionMismatch", AwsTs + " 505", () => R(Alb("505", target: "-")), () => R(Alb("464", target: "-")));
        yield return new("507.RedirectUrlTooLong", AwsTs + " 507 (newer page)", () => R(Alb("507", target: "-", actions: "redirect")), () => R(Alb("505", target: "-")));
        yield return new("561.IdpError", AwsTs + " 561", () => R(Alb("561", target: "-", errorReason: "AuthTokenEpRequestFailed", actions: "authenticate")), () => R(Alb("401", target: "-", errorReason: "AuthInvalidIdToken", actions: "authenticate")));
        yield return new("000.Http2GoAway", AwsTs + " 000: GOAWAY after 10,000 requests on HTTP/2", () => R(Alb("000", type: "h2", target: "-", times: "-1 -1 -1")), () => R(CloudFront(0, null, "-")));
        yield return new("000.ViewerClosed", "Amazon CloudFront \"Standard logging reference\", sc-status 000 (the viewer closed the connection)", () => R(CloudFront(0, null, "-")), () => R(Alb("000", type: "h2", target: "-", times: "-1 -1 -1")));
    }
}
