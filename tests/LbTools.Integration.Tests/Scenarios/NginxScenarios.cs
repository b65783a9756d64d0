using System.Net;
using System.Text;
using LbTools.Core.Probes;
using LbTools.Integration.Tests.Backends;
using LbTools.Integration.Tests.Clients;
using LbTools.Integration.Tests.Nginx;

namespace LbTools.Integration.Tests.Scenarios;

/// <summary>
/// The faults of issue 6, each put between a real nginx and a real client. A method builds the
/// backends and the nginx config, drives the client, waits for nginx's log lines and returns
/// them with the cause LbTools must name (ids from cause-catalog.md) and the probe that must
/// confirm it. What nginx actually logged is asserted in NginxScenarioTests.
/// </summary>
public static class NginxScenarios
{
    /// <summary>Every scenario by name, for theories (NginxScenarioTests, ScenarioCauseTests).</summary>
    public static readonly IReadOnlyDictionary<string, Func<Task<ScenarioRun>>> All = new Dictionary<string, Func<Task<ScenarioRun>>>(StringComparer.Ordinal)
    {
        ["BackendAnswers500"] = () => BackendAnswersAsync(500, "Internal Server Error"),
        ["BackendAnswers502"] = () => BackendAnswersAsync(502, "Bad Gateway"),
        ["BackendAnswers503"] = () => BackendAnswersAsync(503, "Service Unavailable"),
        ["BackendAnswers504"] = () => BackendAnswersAsync(504, "Gateway Timeout"),
        ["PortClosed"] = PortClosedAsync,
        ["BackendNeverAnswers"] = BackendNeverAnswersAsync,
        ["ConnectNeverCompletes"] = ConnectNeverCompletesAsync,
        ["InvalidResponseHeader"] = InvalidResponseHeaderAsync,
        ["BackendClosesWithoutAnswer"] = BackendClosesWithoutAnswerAsync,
        ["ClientGivesUpEarly"] = ClientGivesUpEarlyAsync,
        ["TraceMethod"] = TraceMethodAsync,
        ["UriTooLong"] = UriTooLongAsync,
        ["HeaderTooLarge"] = HeaderTooLargeAsync,
        ["GarbageRequestLine"] = GarbageRequestLineAsync,
        ["PlainHttpToTlsListener"] = PlainHttpToTlsListenerAsync,
        ["RateLimited"] = RateLimitedAsync,
        ["RetryHidesFailingServer"] = RetryHidesFailingServerAsync,
        ["TlsBackendNameMismatch"] = TlsBackendNameMismatchAsync,

        // Issue 16: backends that misbehave at the byte level, and nginx's own "no live upstreams".
        ["NoStatusLine"] = () => ByteLevelAsync("NoStatusLine", "009.Http09Response", "Content-Length: 2\r\n\r\nok"),
        ["Http09Answer"] = () => ByteLevelAsync("Http09Answer", "009.Http09Response", "hello world\n"),
        ["InvalidStatusCode"] = () => ByteLevelAsync("InvalidStatusCode", "009.Http09Response", "HTTP/1.1 abc Weird\r\nContent-Length: 2\r\n\r\nok"),
        ["PartialStatusLine"] = () => ByteLevelAsync("PartialStatusLine", "502.BackendClosedConnection", "HTTP/1.1 2"),
        ["ResponseHeaderTooBig"] = () => ByteLevelAsync("ResponseHeaderTooBig", "502.ResponseHeaderTooLarge", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-Big: " + new string('a', 9000) + "\r\n\r\nok", probeFails: false),
        ["InterimAnswerFirst"] = () => ByteLevelAsync("InterimAnswerFirst", "100.InformationalAsFinal", "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", probeFails: false),
        ["NonStandardStatus"] = () => ByteLevelAsync("NonStandardStatus", "999.NonStandardStatus", "HTTP/1.1 999 Weird\r\nContent-Length: 2\r\n\r\nok"),
        ["BodyShorterThanLength"] = () => ByteLevelAsync("BodyShorterThanLength", "200.UpstreamBodyBroken", "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly ten b"),
        ["BadChunkSize"] = () => ByteLevelAsync("BadChunkSize", "200.UpstreamBodyBroken", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nok\r\n0\r\n\r\n"),
        ["BackendResets"] = BackendResetsAsync,
        ["ResetAfterHeader"] = ResetAfterHeaderAsync,
        ["NoLiveUpstreams"] = NoLiveUpstreamsAsync,
        ["TlsBackendUntrusted"] = TlsBackendUntrustedAsync,
        ["TlsToPlainBackend"] = TlsToPlainBackendAsync,
        ["ClientHeadersTooSlow"] = ClientHeadersTooSlowAsync,
        ["ConnectionLimited"] = ConnectionLimitedAsync,
        ["TlsHandshakeRejected"] = TlsHandshakeRejectedAsync,
        ["NetworkUnreachable"] = () => UnreachableAsync("NetworkUnreachable", "192.0.2.1:80", new PrivateNetwork()),
        ["NoRouteToHost"] = () => UnreachableAsync("NoRouteToHost", "198.51.100.7:80", new PrivateNetwork("198.51.100.7")),

        // Faults nginx passes over: the client gets a clean answer and nothing is logged as wrong.
        ["HeaderWithoutColon"] = () => CleanAsync("HeaderWithoutColon", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nNoColonHere\r\n\r\nok"),
        ["BodyLongerThanLength"] = () => CleanAsync("BodyLongerThanLength", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok and then some more"),
        ["HeadAnswerWithBody"] = () => CleanAsync("HeadAnswerWithBody", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", method: "HEAD"),
    };

    /// <summary>The expected cause of a scenario whose line must get no diagnosis at all (a clean 2xx).</summary>
    public const string NoCause = "";

    /// <summary>
    /// A backend that sends exactly <paramref name="answer"/> (Latin-1) and closes. What the real
    /// nginx logged for each is asserted in NginxByteLevelScenarioTests; the expected cause is the
    /// one nginx's error log names. Probed with the strict Http probe, which must not pass, except
    /// where it is right to pass: a 9 000-byte header is within the 32 K it checks (AWS ALB's limit;
    /// nginx's is one proxy_buffer_size, 4k or 8k), and an interim 100 before the answer is valid HTTP
    /// that the probe skips as clients do (only nginx takes it for the answer).
    /// </summary>
    public static Task<ScenarioRun> ByteLevelAsync(string name, string expectedCause, string answer, bool probeFails = true) =>
        MisbehavingAsync(name, expectedCause, ScriptedBackend.RawAnswer(Encoding.Latin1.GetBytes(answer)), probeFails);

    /// <summary>
    /// A backend that sends exactly <paramref name="answer"/> and closes, a fault nginx does not
    /// notice: what it logged is asserted in NginxByteLevelScenarioTests; the line must get no cause.
    /// The Tcp probe passes (the backend is up); the strict Http probe is not asked.
    /// </summary>
    public static Task<ScenarioRun> CleanAsync(string name, string answer, string method = "GET")
    {
        var backend = ScriptedBackend.RawAnswer(Encoding.Latin1.GetBytes(answer));
        return RunAsync(
            name,
            NoCause,
            ProxyConfig(backend.Address),
            port => RawHttpClient.SendAsync(port, Encoding.ASCII.GetBytes($"{method} /{name} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")),
            probeTarget: backend.Address,
            probeWith: new[] { ProbeKind.Tcp },
            expectedProbeFailure: null,
            owned: backend);
    }

    /// <summary>The backend reads the request and resets the connection (RST) before answering.</summary>
    public static Task<ScenarioRun> BackendResetsAsync() =>
        MisbehavingAsync("BackendResets", "502.BackendClosedConnection", ScriptedBackend.ResetWithoutAnswer());

    /// <summary>A good header promising 100 000 bytes, 1 000 of them, then a reset: the client got 200 and a cut body.</summary>
    public static Task<ScenarioRun> ResetAfterHeaderAsync() =>
        MisbehavingAsync("ResetAfterHeader", "200.UpstreamBodyBroken", ScriptedBackend.RawAnswerThenReset(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n" + new string('x', 1000))));

    /// <summary>One GET through nginx to a backend that misbehaves; the strict Http probe must fail on it (unless told it passes rightly).</summary>
    private static Task<ScenarioRun> MisbehavingAsync(string name, string expectedCause, ScriptedBackend backend, bool probeFails = true) =>
        RunAsync(
            name,
            expectedCause,
            ProxyConfig(backend.Address),
            port => RawHttpClient.SendAsync(port, RawHttpClient.Get("/" + name)),
            probeTarget: $"http://{backend.Address}/",
            probeWith: new[] { ProbeKind.Http },
            expectedProbeFailure: null,
            probeMustFail: probeFails,
            owned: backend);

    /// <summary>
    /// Two servers, both refusing, max_fails=1: the first request fails on both and marks them
    /// down; the second finds no server to try. nginx logs the group name in upstream_addr.
    /// </summary>
    public static Task<ScenarioRun> NoLiveUpstreamsAsync()
    {
        var first = $"127.0.0.1:{FreePort.Next()}";
        var second = $"127.0.0.1:{FreePort.Next()}";
        var config = new NginxConfig()
            .Http($"    upstream pool {{\n        server {first} max_fails=1 fail_timeout=60s;\n        server {second} max_fails=1 fail_timeout=60s;\n    }}");
        config.Server("        location / { proxy_pass http://pool; }");
        return RunAsync(
            "NoLiveUpstreams",
            "502.AllBackendsUnhealthy",
            config,
            async port =>
            {
                await RawHttpClient.SendAsync(port, RawHttpClient.Get("/first"));
                return await RawHttpClient.SendAsync(port, RawHttpClient.Get("/second"));
            },
            probeTarget: first,
            probeWith: new[] { ProbeKind.Tcp },
            expectedProbeFailure: ProbeFailureReason.Refused,
            lines: 2);
    }

    private const string ProxyTo = "        location / {{ proxy_pass http://{0}; }}";

    /// <summary>The backend itself answers 500/502/503/504; nginx passes it on.</summary>
    public static Task<ScenarioRun> BackendAnswersAsync(int status, string reason)
    {
        var backend = ScriptedBackend.Status(status, reason);
        return RunAsync(
            "BackendAnswers" + status,
            $"{status}.FromBackend",
            ProxyConfig(backend.Address),
            port => RawHttpClient.SendAsync(port, RawHttpClient.Get("/orders")),
            probeTarget: $"http://{backend.Address}/orders",
            probeWith: new[] { ProbeKind.Http },
            expectedProbeFailure: ProbeFailureReason.UnexpectedStatus,
            owned: backend);
    }

    /// <summary>Nothing listens on the backend port: the connect is refused.</summary>
    public static Task<ScenarioRun> PortClosedAsync()
    {
        var address = $"127.0.0.1:{FreePort.Next()}";
        return RunAsync(
            "PortClosed",
            "502.BackendConnectFailed",
            ProxyConfig(address),
            port => RawHttpClient.SendAsync(port, RawHttpClient.Get("/")),
            probeTarget: address,
            probeWith: new[] { ProbeKind.Tcp },
            expectedProbeFailure: ProbeFailureReason.Refused);
    }

    /// <summary>
    /// The backend accepts and reads the request but never answers (proxy_read_timeout 1 s). The
    /// Latency probe measures it against that same 1 s request timeout: SlowResponse. (The Http
    /// probe would say TimedOut, its own step timeout; Latency is the probe that compares with the
    /// balancer's timeout, which is the 504 question.)
    /// </summary>
    public static Task<ScenarioRun> BackendNeverAnswersAsync()
    {
        var backend = ScriptedBackend.NeverAnswer();
        return RunAsync(
            "BackendNeverAnswers",
            "504.BackendResponseTimeout",
            ProxyConfig(backend.Address),
            port => RawHttpClient.SendAsync(port, RawHttpClient.Get("/report")),
            probeTarget: $"http://{backend.Address}/report",
            probeWith: new[] { ProbeKind.Latency },
            expectedProbeFailure: ProbeFailureReason.SlowResponse,
            probeRequestTimeout: TimeSpan.FromSeconds(NginxConfig.ProxyTimeoutSeconds),
            owned: backend);
    }

    /// <summary>The TCP handshake never completes (full accept queue, SYNs dropped; proxy_connect_timeout 1 s).</summary>
    public static Task<ScenarioRun> ConnectNeverCompletesAsync()
    {
        var backend = new NeverAcceptingBackend();
        return RunAsync(
            "ConnectNeverCompletes",
            "504.BackendConnectTimeout",
            ProxyConfig(backend.Address),
            port => RawHttpClient.SendAsync(port, RawHttpClient.Get("/")),
            probeTarget: backend.Address,
            probeWith: new[] { ProbeKind.Tcp },
            expectedProbeFailure: ProbeFailureReason.TimedOut,
            owned: backend);
    }

    /// <summary>
    /// The backend answers with a header line nginx cannot parse (a NUL byte in a header name).
    /// nginx logged the same shape as a backend that closes without answering (connect time set,
    /// header time '-', 502 in both status fields; the backend's "200" is nowhere), so the log alone
    /// ties 502.BackendClosedConnection with 502.MalformedResponse (issue 16); the error log ("upstream sent invalid header") or the strict Http probe (MalformedResponse) decides.
    /// </summary>
    public static Task<ScenarioRun> InvalidResponseHeaderAsync()
    {
        var backend = ScriptedBackend.RawAnswer(Encoding.Latin1.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nX-Bro\0ken: yes\r\n\r\nok\n"));
        return RunAsync(
            "InvalidResponseHeader",
            "502.MalformedResponse",
            ProxyConfig(backend.Address),
            port => RawHttpClient.SendAsync(port, RawHttpClient.Get("/")),
            probeTarget: $"http://{backend.Address}/",
            probeWith: new[] { ProbeKind.Http },
            expectedProbeFailure: ProbeFailureReason.MalformedResponse,
            owned: backend);
    }

    /// <summary>The backend reads the request and closes the connection without a byte of answer.</summary>
    public static Task<ScenarioRun> BackendClosesWithoutAnswerAsync()
    {
        var backend = ScriptedBackend.CloseWithoutAnswer();
        return RunAsync(
            "BackendClosesWithoutAnswer",
            "502.BackendClosedConnection",
            ProxyConfig(backend.Address),
            port => RawHttpClient.SendAsync(port, RawHttpClient.Get("/")),
            probeTarget: $"http://{backend.Address}/",
            probeWith: new[] { ProbeKind.Http },
            expectedProbeFailure: ProbeFailureReason.ClosedWithoutResponse,
            owned: backend);
    }

    /// <summary>
    /// The backend takes 5 s; the client hangs up after 0.3 s. proxy_read_timeout is raised to
    /// 10 s here so nginx is still waiting for the backend when the client goes.
    /// Cause: nginx logged a connect time, header time '-' and upstream_response_time 0.3 s: the
    /// request had reached the backend, which had not answered when the client left. The catalog's
    /// 499.ClientTimeoutTooShort is the client giving up "before the request was even sent" (no
    /// upstream contacted), so it does not fit; 499.BackendSlow is "backend took longer than the
    /// client was willing to wait". The log alone cannot say whether 0.3 s was slow (its evidence,
    /// a large upstream_response_time, is missing), so it ranks 499.ClientAborted first; the Latency
    /// probe measured against the client's 0.3 s patience (SlowResponse) decides for BackendSlow.
    /// </summary>
    public static Task<ScenarioRun> ClientGivesUpEarlyAsync()
    {
        var patience = TimeSpan.FromMilliseconds(300);
        var backend = ScriptedBackend.Slow(TimeSpan.FromSeconds(5));
        var config = new NginxConfig();
        config.Server($"        location / {{ proxy_read_timeout 10s; proxy_pass http://{backend.Address}; }}");
        return RunAsync(
            "ClientGivesUpEarly",
            "499.BackendSlow",
            config,
            async port =>
            {
                await RawHttpClient.SendAndHangUpAsync(port, RawHttpClient.Get("/slow"), patience);
                return ClientResult.HungUp;
            },
            probeTarget: $"http://{backend.Address}/slow",
            probeWith: new[] { ProbeKind.Latency },
            expectedProbeFailure: ProbeFailureReason.SlowResponse,
            probeRequestTimeout: patience,
            topCauseWithoutProbe: "499.ClientAborted",
            owned: backend);
    }

    /// <summary>TRACE through nginx; the backend behind it is healthy.</summary>
    public static Task<ScenarioRun> TraceMethodAsync()
    {
        var backend = ScriptedBackend.Status(200, "OK");
        return RunAsync(
            "TraceMethod",
            "405.TraceNotSupported",
            ProxyConfig(backend.Address),
            port => RawHttpClient.SendAsync(port, Encoding.ASCII.GetBytes("TRACE / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")),
            probeTarget: $"http://{backend.Address}/",
            probeWith: new[] { ProbeKind.Http },
            expectedProbeFailure: null,
            owned: backend);
    }

    /// <summary>A 10 000-byte URI: over large_client_header_buffers (default 4 × 8 KB per line).</summary>
    public static Task<ScenarioRun> UriTooLongAsync()
    {
        var backend = ScriptedBackend.Status(200, "OK");
        return RunAsync(
            "UriTooLong",
            "414.UriTooLong",
            ProxyConfig(backend.Address),
            port => RawHttpClient.SendAsync(port, RawHttpClient.Get("/search?q=" + new string('a', 10_000))),
            probeTarget: $"http://{backend.Address}/",
            probeWith: new[] { ProbeKind.Http },
            expectedProbeFailure: null,
            owned: backend);
    }

    /// <summary>
    /// One 16 KB cookie header: over large_client_header_buffers (8 KB per header line).
    /// Expected cause changed from 400.HeaderTooLarge after reading what nginx logged: status 400
    /// (its internal 494 is not logged), no upstream, and request_length 66 - only the header lines
    /// read before the oversized one - so the catalog's evidence for HeaderTooLarge (request/header
    /// length near or over the limit) is not in the log at all, and the healthy backend's probe
    /// cannot see the client's headers. The line is indistinguishable from a malformed request,
    /// so the log alone ties 400.HeaderTooLarge with 400.MalformedRequest (and plain HTTP to a TLS
    /// port); only nginx's error.log ("client sent too long header line") tells them apart, and it
    /// names 400.HeaderTooLarge (issue 16).
    /// </summary>
    public static Task<ScenarioRun> HeaderTooLargeAsync()
    {
        var backend = ScriptedBackend.Status(200, "OK");
        return RunAsync(
            "HeaderTooLarge",
            "400.HeaderTooLarge",
            ProxyConfig(backend.Address),
            port => RawHttpClient.SendAsync(port, RawHttpClient.Get("/", extraHeaders: "Cookie: session=" + new string('c', 16 * 1024) + "\r\n")),
            probeTarget: $"http://{backend.Address}/",
            probeWith: new[] { ProbeKind.Http },
            expectedProbeFailure: null,
            owned: backend);
    }

    /// <summary>A request line that is not HTTP at all.</summary>
    public static Task<ScenarioRun> GarbageRequestLineAsync()
    {
        var backend = ScriptedBackend.Status(200, "OK");
        return RunAsync(
            "GarbageRequestLine",
            "400.MalformedRequest",
            ProxyConfig(backend.Address),
            port => RawHttpClient.SendAsync(port, Encoding.ASCII.GetBytes("this is not http\r\n\r\n")),
            probeTarget: $"http://{backend.Address}/",
            probeWith: new[] { ProbeKind.Http },
            expectedProbeFailure: null,
            owned: backend);
    }

    /// <summary>
    /// Plain HTTP sent to nginx's TLS listener. The probe checks that listener: plain HTTP to a TLS port.
    /// The line alone reads like a malformed request (400, no upstream, scheme http, nothing says the
    /// port was TLS), so the log alone ties it with 400.MalformedRequest (issue 16). The probe's PlainHttpToTlsPort
    /// decides: the balancer answered 400 itself, so the TLS-speaking port is its listener
    /// (400.HttpToHttpsPort), not a backend (400.BackendExpectsHttps needs a relayed backend 400).
    /// </summary>
    public static Task<ScenarioRun> PlainHttpToTlsListenerAsync()
    {
        var backend = ScriptedBackend.Status(200, "OK");
        using var certificate = TestCertificates.SelfSigned("localhost");
        var config = new NginxConfig();
        config.File("listener.crt", TestCertificates.CertificatePem(certificate));
        config.File("listener.key", TestCertificates.PrivateKeyPem(certificate));
        int tlsPort = config.Server(
            $"        ssl_certificate listener.crt;\n        ssl_certificate_key listener.key;\n        location / {{ proxy_pass http://{backend.Address}; }}",
            listenSuffix: " ssl");
        return RunAsync(
            "PlainHttpToTlsListener",
            "400.HttpToHttpsPort",
            config,
            port => RawHttpClient.SendAsync(port, RawHttpClient.Get("/")),
            probeTarget: $"http://127.0.0.1:{tlsPort}/",
            probeWith: new[] { ProbeKind.Http },
            expectedProbeFailure: ProbeFailureReason.PlainHttpToTlsPort,
            owned: backend);
    }

    /// <summary>
    /// limit_req at 1 request per minute, no burst: the second request is refused with 503 and never forwarded.
    /// 503.QpsThrottled: nginx's request-rate limit (limit_req_status defaults to 503) is the balancer's
    /// QPS limit of cause-catalog.md (503, upstream status '-'). 503.NoBackend does not fit nginx: a
    /// group without a usable server logs 502 with the group name in upstream_addr (§6.1).
    /// </summary>
    public static Task<ScenarioRun> RateLimitedAsync()
    {
        var backend = ScriptedBackend.Status(200, "OK");
        var config = new NginxConfig()
            .Http("    limit_req_zone $binary_remote_addr zone=per_client:1m rate=1r/m;");
        config.Server($"        location / {{ limit_req zone=per_client; proxy_pass http://{backend.Address}; }}");
        return RunAsync(
            "RateLimited",
            "503.QpsThrottled",
            config,
            async port =>
            {
                await RawHttpClient.SendAsync(port, RawHttpClient.Get("/first"));
                return await RawHttpClient.SendAsync(port, RawHttpClient.Get("/second"));
            },
            probeTarget: $"http://{backend.Address}/",
            probeWith: new[] { ProbeKind.Http },
            expectedProbeFailure: null,
            lines: 2,
            owned: backend);
    }

    /// <summary>
    /// Two servers, the primary's port closed, the healthy one marked backup so the order is fixed:
    /// the refused attempt is retried (proxy_next_upstream error, the default) and the client gets 200.
    /// Cause: the log alone ranks 502.UpstreamAttemptFailed first ("502, 200": an attempt failed and
    /// a retry hid it; its connect time '-' fits a refused connect or a failed TLS handshake alike).
    /// The Tcp probe of that server (Refused) names why the hidden attempt failed, so it promotes
    /// 502.BackendConnectFailed, the cause an operator acts on; UpstreamAttemptFailed stays listed
    /// as the reason a 200 is diagnosed at all.
    /// </summary>
    public static Task<ScenarioRun> RetryHidesFailingServerAsync()
    {
        var backend = ScriptedBackend.Status(200, "OK");
        var closed = $"127.0.0.1:{FreePort.Next()}";
        var config = new NginxConfig()
            .Http($"    upstream pool {{\n        server {closed};\n        server {backend.Address} backup;\n    }}");
        config.Server("        location / { proxy_pass http://pool; }");
        return RunAsync(
            "RetryHidesFailingServer",
            "502.BackendConnectFailed",
            config,
            port => RawHttpClient.SendAsync(port, RawHttpClient.Get("/")),
            probeTarget: closed,
            probeWith: new[] { ProbeKind.Tcp },
            expectedProbeFailure: ProbeFailureReason.Refused,
            topCauseWithoutProbe: "502.UpstreamAttemptFailed",
            alsoListed: new[] { "502.UpstreamAttemptFailed" },
            owned: backend);
    }

    /// <summary>
    /// An HTTPS backend whose certificate names wrong.example while nginx verifies backend.internal.
    /// nginx does not verify backend certificates by default (proxy_ssl_verify off); this
    /// scenario turns verification on, as a balancer with backend TLS checks does.
    /// </summary>
    public static Task<ScenarioRun> TlsBackendNameMismatchAsync()
    {
        var backend = new TlsBackend("wrong.example");
        var config = new NginxConfig();
        config.File("backend-ca.pem", TestCertificates.CertificatePem(backend.Certificate));
        config.Server(
            "        location / {\n" +
            $"            proxy_pass https://{backend.Address};\n" +
            "            proxy_ssl_verify on;\n" +
            "            proxy_ssl_trusted_certificate backend-ca.pem;\n" +
            "            proxy_ssl_name backend.internal;\n" +
            "            proxy_ssl_server_name on;\n" +
            "        }");
        return RunAsync(
            "TlsBackendNameMismatch",
            "502.TlsToBackendFailed",
            config,
            port => RawHttpClient.SendAsync(port, RawHttpClient.Get("/")),
            probeTarget: backend.Url,
            probeWith: new[] { ProbeKind.Tls },
            expectedProbeFailure: ProbeFailureReason.TlsNameMismatch,
            owned: backend);
    }

    /// <summary>
    /// nginx verifies the backend certificate (proxy_ssl_verify on) against a CA that did not sign
    /// it: "upstream SSL certificate verify error" while SSL handshaking, 502 like a failed connect.
    /// The Tls probe, aimed at the address, fails too (it reports the name first: TlsNameMismatch).
    /// </summary>
    public static Task<ScenarioRun> TlsBackendUntrustedAsync()
    {
        var backend = new TlsBackend("backend.internal");
        using var stranger = TestCertificates.SelfSigned("someone-else.example");
        var config = new NginxConfig();
        config.File("other-ca.pem", TestCertificates.CertificatePem(stranger));
        config.Server(
            "        location / {\n" +
            $"            proxy_pass https://{backend.Address};\n" +
            "            proxy_ssl_verify on;\n" +
            "            proxy_ssl_trusted_certificate other-ca.pem;\n" +
            "            proxy_ssl_name backend.internal;\n" +
            "            proxy_ssl_server_name on;\n" +
            "        }");
        return RunAsync(
            "TlsBackendUntrusted",
            "502.TlsToBackendFailed",
            config,
            port => RawHttpClient.SendAsync(port, RawHttpClient.Get("/")),
            probeTarget: backend.Url,
            probeWith: new[] { ProbeKind.Tls },
            expectedProbeFailure: null,
            probeMustFail: true,
            owned: backend);
    }

    /// <summary>
    /// proxy_pass https:// to a plain-HTTP backend that waits for a request head: it never answers
    /// the ClientHello. Surprise: 504 (not 502) with connect time '-' after proxy_connect_timeout,
    /// "upstream timed out ... while SSL handshaking to upstream" - the same access line as a TCP
    /// connect timeout.
    /// </summary>
    public static Task<ScenarioRun> TlsToPlainBackendAsync()
    {
        var backend = ScriptedBackend.Status(200, "OK");
        var config = new NginxConfig();
        config.Server($"        location / {{ proxy_pass https://{backend.Address}; }}");
        return RunAsync(
            "TlsToPlainBackend",
            "504.TlsHandshakeTimeout",
            config,
            port => RawHttpClient.SendAsync(port, RawHttpClient.Get("/")),
            probeTarget: $"https://{backend.Address}/",
            probeWith: new[] { ProbeKind.Tls },
            expectedProbeFailure: null,
            probeMustFail: true,
            owned: backend);
    }

    /// <summary>
    /// The client sends a request line and one header, then nothing (client_header_timeout 1s):
    /// nginx gives up with 408 and "client timed out ... while reading client request headers".
    /// </summary>
    public static Task<ScenarioRun> ClientHeadersTooSlowAsync()
    {
        var backend = ScriptedBackend.Status(200, "OK");
        var config = new NginxConfig();
        config.Server($"        client_header_timeout 1s;\n        location / {{ proxy_pass http://{backend.Address}; }}");
        return RunAsync(
            "ClientHeadersTooSlow",
            "408.PartialRequest",
            config,
            port => RawHttpClient.SendAsync(port, Encoding.ASCII.GetBytes("GET /slow-client HTTP/1.1\r\nHost: localhost\r\n")),
            probeTarget: $"http://{backend.Address}/",
            probeWith: new[] { ProbeKind.Http },
            expectedProbeFailure: null,
            owned: backend);
    }

    /// <summary>
    /// limit_conn 1 per client address in front of a backend that takes 0.5 s: the first request is
    /// in flight when the second arrives, which nginx refuses at once with 503 (limit_conn_status
    /// defaults to 503), never forwarded, and "limiting connections by zone" in the error log.
    /// The refused request's line is written first (the first request ends a second later) and it
    /// is the one kept (the first waits for the backend's request count, so it is in flight). 503.QpsThrottled as for limit_req: the balancer's own limit, same access line.
    /// The Tcp probe of the backend passes: the backend is healthy, only slow.
    /// </summary>
    public static Task<ScenarioRun> ConnectionLimitedAsync()
    {
        var backend = ScriptedBackend.Slow(TimeSpan.FromMilliseconds(500));
        var config = new NginxConfig()
            .Http("    limit_conn_zone $binary_remote_addr zone=per_ip:1m;");
        config.Server($"        location / {{ limit_conn per_ip 1; proxy_pass http://{backend.Address}; }}");
        return RunAsync(
            "ConnectionLimited",
            "503.QpsThrottled",
            config,
            async port =>
            {
                var first = RawHttpClient.SendAsync(port, RawHttpClient.Get("/first"));
                var clock = System.Diagnostics.Stopwatch.StartNew();
                while (backend.Requests == 0 && clock.Elapsed < TimeSpan.FromSeconds(5))
                {
                    await Task.Delay(10);
                }

                var second = await RawHttpClient.SendAsync(port, RawHttpClient.Get("/second"));
                await first;
                return second;
            },
            probeTarget: backend.Address,
            probeWith: new[] { ProbeKind.Tcp },
            expectedProbeFailure: null,
            lines: 2,
            keep: 0,
            owned: backend);
    }

    /// <summary>
    /// proxy_pass https:// to a backend that answers the ClientHello with a plain-HTTP 400 (no TLS
    /// record): nginx's handshake fails at once with "SSL_do_handshake() failed (SSL: ... wrong version
    /// number) while SSL handshaking to upstream", 502 with connect time '-' like a refused connect.
    /// The log alone ties 502.BackendConnectFailed with 502.TlsToBackendFailed; the error log, or the
    /// Tls probe (TlsToPlainPort: the port answered the ClientHello in plain HTTP), decides.
    /// </summary>
    public static Task<ScenarioRun> TlsHandshakeRejectedAsync()
    {
        var backend = new NotTlsBackend();
        var config = new NginxConfig();
        config.Server($"        location / {{ proxy_pass https://{backend.Address}; }}");
        return RunAsync(
            "TlsHandshakeRejected",
            "502.TlsToBackendFailed",
            config,
            port => RawHttpClient.SendAsync(port, RawHttpClient.Get("/")),
            probeTarget: $"https://{backend.Address}/",
            probeWith: new[] { ProbeKind.Tls },
            expectedProbeFailure: ProbeFailureReason.TlsToPlainPort,
            owned: backend);
    }

    /// <summary>
    /// nginx runs in a network namespace of its own (PrivateNetwork: only lo, so no packet can leave)
    /// and proxies to a documentation address (RFC 5737 TEST-NET) it has no route to. With no route
    /// at all the kernel refuses the connect() with 101 "Network is unreachable"; with an "unreachable"
    /// route for the address, with 113 "No route to host". nginx logs that like a refused connect
    /// (502, upstream_status 502, connect time '-'), and its error log names the errno. The client
    /// reaches nginx through a unix socket in the prefix. Cause: the connect to the backend failed
    /// (502.BackendConnectFailed). The access log alone ties it with a failed TLS handshake (connect
    /// time '-' fits both). The Tcp probe, run inside the same namespace, reports Unreachable, which
    /// rules out TLS but fits a firewall that rejects with an ICMP error as well (Linux turns ICMP
    /// "host unreachable" and "administratively prohibited" into the same 113): the probe leaves
    /// 502.BackendConnectFailed tied with 502.FirewallBlocked, and nginx's error log decides.
    /// </summary>
    public static Task<ScenarioRun> UnreachableAsync(string name, string backendAddress, PrivateNetwork network)
    {
        var config = new NginxConfig().InPrivateNetwork(network, string.Format(ProxyTo, backendAddress));
        return RunAsync(
            name,
            "502.BackendConnectFailed",
            config,
            server => RawHttpClient.SendAsync(server, RawHttpClient.Get("/" + name)),
            probeTarget: backendAddress,
            probeWith: new[] { ProbeKind.Tcp },
            expectedProbeFailure: ProbeFailureReason.Unreachable,
            tiedWithProbe: new[] { "502.BackendConnectFailed", "502.FirewallBlocked" });
    }

    /// <summary>Runs a scenario by name and writes what nginx logged to the test output (the tests' common first step).</summary>
    public static async Task<ScenarioRun> RunAndShowAsync(string name, Xunit.Abstractions.ITestOutputHelper output)
    {
        var run = await All[name]();
        output.WriteLine("JSON : " + run.Outcome.JsonLine);
        output.WriteLine("plain: " + run.Outcome.PlainLine);
        output.WriteLine("error.log:" + Environment.NewLine + run.Outcome.ErrorLog);
        return run;
    }

    private static NginxConfig ProxyConfig(string backendAddress)
    {
        var config = new NginxConfig();
        config.Server(string.Format(ProxyTo, backendAddress));
        return config;
    }

    /// <summary>
    /// Starts nginx, lets <paramref name="drive"/> talk to its first port, waits for the log lines
    /// and keeps the last one. On any failure everything started so far is stopped.
    /// </summary>
    private static async Task<ScenarioRun> RunAsync(
        string name,
        string expectedTopCause,
        NginxConfig config,
        Func<EndPoint, Task<ClientResult>> drive,
        string probeTarget,
        ProbeKind[] probeWith,
        ProbeFailureReason? expectedProbeFailure,
        int lines = 1,
        TimeSpan? probeRequestTimeout = null,
        string? topCauseWithoutProbe = null,
        string[]? alsoListed = null,
        bool probeMustFail = false,
        int? keep = null,
        string[]? tiedWithProbe = null,
        params IDisposable[] owned)
    {
        var running = new List<IDisposable>(owned);
        try
        {
            var nginx = NginxInstance.Start(config);
            running.Add(nginx);
            var client = await drive(nginx.ClientEndPoint);
            var (json, plain) = nginx.WaitForLogLines(lines);
            int kept = keep ?? lines - 1;
            var outcome = new ScenarioOutcome
            {
                Name = name,
                ExpectedTopCause = expectedTopCause,
                JsonLine = json[kept],
                PlainLine = plain[kept],
                Logged = LoggedRequest.FromJson(json[kept]),
                ProbeTarget = probeTarget,
                ProbeWith = probeWith,
                ProbeRequestTimeout = probeRequestTimeout,
                TopCauseWithoutProbe = topCauseWithoutProbe,
                AlsoListed = alsoListed ?? Array.Empty<string>(),
                ExpectedProbeFailure = expectedProbeFailure,
                ClientStatus = client.Status,
                ErrorLog = nginx.ErrorLog(),
                ErrorLogPath = nginx.ErrorLogPath,
                ProbeMustFail = probeMustFail,
                ProbeInNetworkOf = config.Network != null ? nginx.ProcessId : null,
                TiedWithProbe = tiedWithProbe ?? Array.Empty<string>(),
            };
            return new ScenarioRun(outcome, running);
        }
        catch
        {
            for (int i = running.Count - 1; i >= 0; i--)
            {
                running[i].Dispose();
            }

            throw;
        }
    }
}
