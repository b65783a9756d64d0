using System;
using System.Globalization;
using System.Linq;
using System.Net;
using LbTools.Core.Diagnosis.Rules.Expressions;
using LbTools.Core.Logs;
using static LbTools.Core.Diagnosis.Rules.Expressions.Col;
using static LbTools.Core.Diagnosis.Rules.Expressions.Facts;

namespace LbTools.Core.Diagnosis.Rules
{
    /// <summary>
    /// nginx, Alibaba ALB and CLB (Tengine): the request never got a real backend answer, so the
    /// timings say which step failed. Real nginx logs (see NginxLogTests): a refused connect and a
    /// failed TLS handshake both log connect time '-', header time '-', status 502/502; a closed
    /// connection logs a connect time, header '-', 502/502; a read timeout logs a connect time,
    /// header '-', 504/504 with the timeout in upstream_response_time.
    /// </summary>
    internal static class ProxyFamilyRules
    {
        private const string SeparateByProbe = "The log alone cannot tell these apart; nginx's error log names the failure, and the Tcp, Tls and Http probes separate them (Refused, Tls*, ClosedWithoutResponse/Reset, MalformedResponse, HeaderTooLarge).";

        /// <summary>nginx's own 400s without an upstream: malformed request, too-large header, plain HTTP to the TLS port look alike.</summary>
        private const int TiedScore400 = 55;

        /// <summary>502 without a connection (connect time '-'): a refused connect and a failed TLS handshake look alike.</summary>
        private const int TiedScoreNoConnect = 70;

        /// <summary>502 after a connection but without a response header: closed, reset, invalid or too big a header look alike.</summary>
        private const int TiedScoreNoHeader = 65;

        private const string ConnectWhy = "The connection (TCP, or TLS which nginx counts in the connect time) to the backend failed. " + SeparateByProbe;
        private const string ClosedWhy = "Connected, but no response header came back: the backend closed or reset the connection, or sent an invalid header. " + SeparateByProbe;

        private static readonly Evidence NoConnect = new Evidence("upstream_connect_time", "-", null, "The connection to the backend was never completed (connect time '-').");

        private static readonly BoolExpr IsNginx = new BoolFact("IsNginx", c => c.Provider == LbProvider.Nginx, sql => sql.Provider == LbProvider.Nginx);

        /// <summary>The log_format has $upstream_* variables (nginx 'combined' has none). The served SQL providers always log them.</summary>
        private static readonly BoolExpr LogsUpstreamFields = new BoolFact(
            "LogsUpstreamFields",
            c => c.Record.Fields.Keys.Any(k => k.StartsWith("upstream_", StringComparison.OrdinalIgnoreCase)),
            sql => sql.Shape.Has("upstream_status"));

        /// <summary>
        /// upstream_addr is an address (ip:port or unix:), not an upstream group's name. In SQL a regular
        /// expression over the first item: a port of digits after the last colon, or unix:.
        /// </summary>
        private static readonly BoolExpr UpstreamIsAddress = new BoolFact(
            "UpstreamIsAddress",
            c => c.Record.Upstream == null ? (bool?)null : LooksLikeAddress(c.Record.Upstream),
            sql => sql.RegexMatch(Upstream, @"^\s*(unix:|[^,]*[^,\s]:[0-9]+\s*(,|$))"),
            100);

        /// <summary>
        /// The Host is an IP address (the client pinned one balancer address). In process .NET's
        /// IPAddress.TryParse of the part before ':'; in SQL a dotted IPv4 address with an optional port,
        /// which is what the Host header holds in practice.
        /// </summary>
        private static readonly BoolExpr HostIsIp = new BoolFact(
            "HostIsIp",
            c => c.Record.Host != null && IPAddress.TryParse(c.Record.Host.Split(':')[0].Trim('[', ']'), out _),
            sql => sql.RegexMatch(Host, "^[0-9]{1,3}(\\.[0-9]{1,3}){3}(:[0-9]*)?$"),
            100);

        private static readonly BoolExpr UnprovenEcho = IsProxyFamily & !HeaderTimeKnown & UpstreamStatus.Eq(Status) & Status.In(502, 504);

        private static readonly NumExpr UriBytes = Path.Length().OrElse(0) + (Query.Length() + 1).OrElse(0);
        private static readonly TextExpr Trace = Vendor("ALICLOUD-ALB-TRACE").OrElse(Vendor("http_alicloud_alb_trace"));
        private static readonly TextExpr Qps = Vendor("ALB-QPS-Limited").OrElse(Vendor("http_alb_qps_limited")).OrElse(Vendor("sent_http_alb_qps_limited"));
        private static readonly BoolExpr AtHeaderLimit = RequestLength.Ge(Param.HeaderLimitBytes);
        private static readonly BoolExpr PlainHttpToTls = Scheme.EqIgnoreCase("http") & Vendor("slb_vport").Eq("443");
        private static readonly BoolExpr SlowBackend = UpstreamResponseTime.Ge(Param.SlowUpstream);
        private static readonly BoolExpr RoundSeconds = UpstreamResponseTime.Ge(1) & UpstreamResponseTime.FractionDistance().Le(0.01);
        private static readonly BoolExpr AtConnectTimeout = (UpstreamResponseTime - Param.ConnectTimeout).Abs().Le(0.5);
        private static readonly BoolExpr AtRequestTimeout = UpstreamResponseTime.Ge(Param.RequestTimeout - 0.5);
        private static readonly BoolExpr Connected504 = Status.Eq(504) & UpstreamConnectTime.IsNotNull();
        private static readonly BoolExpr ConnectAtTimeout = Param.ConnectTimeout.Gt(0) & (UpstreamConnectTime - Param.ConnectTimeout).Abs().Le(0.5);

        /// <summary>
        /// Answers nginx passed on although they are not final HTTP answers (real nginx, integration
        /// scenarios NoStatusLine and InterimAnswer): the backend answered, so this table comes first.
        /// </summary>
        public static readonly RuleTable OddAnswerTable = new RuleTable("proxy family passed-on answers", IsProxyFamily)
        {
            { Status.Eq(9), "009.Http09Response", 90, "nginx logs 009 for a backend answer without a status line, which it passes on as HTTP/0.9.", _ => new[] { new Evidence("status", "009", null, "Status 009 is nginx's mark for an answer that had no valid HTTP/1.x status line.") } },
            { Status.In(100, 102, 103), "100.InformationalAsFinal", 90, "A 1xx was logged as the final status: nginx passed the backend's interim answer on as the response.", c => new[] { new Evidence("status", c.Status.ToString(CultureInfo.InvariantCulture), null, $"The request ended with the interim status {c.Status}, which is never a final answer.") } },
        };

        /// <summary>
        /// The request never got a real backend answer. Without an upstream_header_time column a 502/502
        /// or 504/504 may be the proxy's own failure: the failure causes are listed too (below the
        /// relayed answer, see OriginRule). A log_format without $upstream_* variables (nginx 'combined')
        /// says nothing about the backend: a missing upstream_addr there is not "no backend could be selected".
        /// </summary>
        public static readonly RuleTable Table = new RuleTable("proxy family", !(BackendAnswered & !UnprovenEcho.IsTrue()) & !(IsNginx & Status.Ge(500) & !LogsUpstreamFields))
        {
            { Status.Eq(400) & AtHeaderLimit, "400.HeaderTooLarge", 85, "The request is at least as large as the header limit.", HeaderLimitEvidence },

            // Real nginx (integration scenario HeaderTooLarge): an oversized header line is logged as
            // 400 with request_length counting only the lines read before it, so the size never shows.
            { Status.Eq(400) & !AtHeaderLimit.IsTrue() & IsNginx & Method.IsNotNull() & !Method.Eq(string.Empty), "400.HeaderTooLarge", TiedScore400, "nginx parsed the request line but refused the headers; it logs only the header bytes read before an oversized line, so request_length cannot rule a too-large header out.", c => new[] { new Evidence("request_length", c.Record.RequestLength?.ToString(CultureInfo.InvariantCulture), c.Profile.HeaderLimitBytes.ToString(CultureInfo.InvariantCulture), "nginx counts only the header lines it read before giving up.") } },
            { Status.Eq(400) & PlainHttpToTls, "400.HttpToHttpsPort", 85, "A plain HTTP request reached the HTTPS port.", _ => new[] { new Evidence("scheme / slb_vport", "http / 443", null, "The scheme was http on listener port 443.") } },
            { Status.Eq(400) & ExpectsBody, "400.ClientClosedEarly", 60, "A request with a body was rejected without a backend; the client may have stopped sending it.", MethodEvidence },
            { Status.Eq(400) & !ExpectsBody.IsTrue(), "400.ClientClosedEarly", 30, "A request without a body is less likely to be cut short.", MethodEvidence },
            { Status.Eq(400), "400.MalformedRequest", TiedScore400, "The balancer rejected the request without asking a backend; nothing points at size, scheme or an early close.", c => new[] { c.NoBackendAnswer() } },

            // Real nginx (integration scenario PlainHttpToTlsListener): plain HTTP on a "listen ... ssl"
            // port is logged as 400 with scheme http, exactly like a malformed request; nothing in the
            // line says the port was TLS, so neither can be preferred.
            { Status.Eq(400) & IsNginx & !PlainHttpToTls.IsTrue(), "400.HttpToHttpsPort", TiedScore400, "nginx logs plain HTTP sent to its TLS port as a 400 without an upstream, the same line as a malformed request.", c => new[] { c.NoBackendAnswer() } },

            { Status.Eq(405) & Method.EqIgnoreCase("TRACE"), "405.TraceNotSupported", 95, "The method is TRACE, which the balancer refuses.", _ => new[] { new Evidence("request_method", "TRACE", null, "The request used TRACE.") } },

            { Status.Eq(408) & InBurst, "408.BandwidthThrottled", 85, "Many 408s arrived within the same second, which fits bandwidth throttling.", c => new[] { new Evidence("status", "408", c.Profile.BurstPerSecond.ToString(CultureInfo.InvariantCulture) + "/s", "408s arrived in a burst.") } },
            { Status.Eq(408) & Rtt.Ge(Param.LargeRtt), "408.ClientNetwork", 80, "The client's round-trip time is large.", RttEvidence },
            { Status.Eq(408) & !Rtt.Ge(Param.LargeRtt).IsTrue(), "408.ClientNetwork", 40, "A slow client network is possible but the RTT does not show it." },
            { Status.Eq(408) & RequestTime.Ge(Param.RequestTimeout - 1), "408.PartialRequest", 85, "request_time reached the request timeout: the request did not arrive completely in time.", RequestTimeEvidence },
            { Status.Eq(408) & !RequestTime.Ge(Param.RequestTimeout - 1).IsTrue(), "408.PartialRequest", 45, "A partial request is possible, but request_time is below the request timeout." },

            { Status.Eq(414) & UriBytes.Ge(Param.UriLimitBytes), "414.UriTooLong", 90, "The URI is at least as long as the balancer's limit.", UriEvidence },
            { Status.Eq(414) & UriBytes.Lt(Param.UriLimitBytes), "414.UriTooLong", 60, "The balancer answered 414 without a backend, although the logged URI is below the limit.", UriEvidence },

            { Status.Eq(444), "444.ClosedWithoutResponse", 90, "nginx's own code 444 means a rule closed the connection without a response.", _ => new[] { new Evidence("status", "444", null, "nginx logged 444: the connection was closed without a response header.") } },

            { Status.Eq(463) & Trace.IsNotNull(), "463.ForwardingLoop", 95, "The trace header shows the request passing the balancer again.", TraceEvidence },
            { Status.Eq(463) & Trace.IsNull(), "463.ForwardingLoop", 85, "On Alibaba ALB, 463 always means a forwarding loop.", _ => new[] { new Evidence("status", "463", null, "Alibaba ALB answers 463 only for a forwarding loop.") } },

            { Status.Eq(499) & InBurst, "499.BandwidthThrottled", 85, "Many 499s arrived within the same second, which fits bandwidth throttling.", c => new[] { new Evidence("status", "499", c.Profile.BurstPerSecond.ToString(CultureInfo.InvariantCulture) + "/s", "499s arrived in a burst.") } },
            { Status.Eq(499) & SlowBackend, "499.BackendSlow", 80, "The backend was still busy when the client gave up.", c => new[] { new Evidence("upstream_response_time", RuleContext.Seconds(c.Record.UpstreamResponseTime!.Value), RuleContext.Seconds(c.Profile.SlowUpstream), $"The backend had worked {RuleContext.Seconds(c.Record.UpstreamResponseTime!.Value)} when the client left.") } },
            { Status.Eq(499) & Rtt.Ge(Param.LargeRtt), "499.ClientNetwork", 80, "The client's round-trip time is large.", RttEvidence },
            { Status.Eq(499) & !HasUpstreamAddress, "499.ClientTimeoutTooShort", 60, "The client left before the request was even passed to a backend.", c => new[] { new Evidence(c.UpstreamAddressField, "-", null, "No backend had been contacted when the client closed.") } },
            { Status.Eq(499) & !HasUpstreamAddress, "499.ClientAborted", 50, "The client closed early; nothing else in the record explains it." },
            { Status.Eq(499) & HasUpstreamAddress, "499.ClientAborted", 60, "The client closed early while a backend was working; nothing in the record explains why.", c => new[] { new Evidence(c.UpstreamAddressField, c.Record.Upstream, null, "A backend had been contacted.") } },
            { Status.Eq(499) & HasUpstreamAddress, "499.ClientTimeoutTooShort", 30, "A short client timeout is possible, but the request had already reached a backend." },

            { Status.Eq(500) & HasUpstreamAddress, "500.BackendClosedEarly", 80, "A backend was contacted but gave no answer: it closed the connection before responding.", c => new[] { new Evidence(c.UpstreamAddressField, c.Record.Upstream, null, $"The backend {c.Record.Upstream} was chosen."), c.NoBackendAnswer() } },

            { Status.Eq(502) & Upstream.IsNotNull() & !UpstreamIsAddress, "502.AllBackendsUnhealthy", 85, "upstream_addr holds a group name: no server of the group could be selected.", c => new[] { new Evidence("upstream_addr", c.Record.Upstream, "ip:port", $"upstream_addr is '{c.Record.Upstream}', not an address: nginx found no usable server.") }, Then.Stop },
            { Status.Eq(502) & !HasUpstreamAddress, "502.AllBackendsUnhealthy", 70, "No backend address was logged, so no backend could take the request.", c => new[] { new Evidence(c.UpstreamAddressField, "-", null, "No backend address was logged."), c.NoBackendAnswer() } },
            { Status.Eq(502) & !HasUpstreamAddress, "502.BackendConnectFailed", 50, "Without an address the connect attempt itself is unlikely.", c => new[] { c.NoBackendAnswer() }, Then.Stop },

            // nginx counts the TLS handshake in the connect time: both leave it '-'.
            { Status.Eq(502) & UpstreamConnectTime.IsNull(), "502.BackendConnectFailed", TiedScoreNoConnect, ConnectWhy, NoConnectEvidence },
            { Status.Eq(502) & UpstreamConnectTime.IsNull(), "502.TlsToBackendFailed", TiedScoreNoConnect, ConnectWhy + " TLS applies only when the backend is reached over HTTPS.", NoConnectEvidence },
            { Status.Eq(502) & UpstreamConnectTime.IsNull(), "502.FirewallBlocked", 40, "A firewall that rejects (rather than drops) also ends the connect early.", c => new[] { NoConnect }, Then.Stop },

            { Status.Eq(502), "502.BackendClosedConnection", TiedScoreNoHeader, ClosedWhy, ConnectedEvidence },
            { Status.Eq(502), "502.MalformedResponse", TiedScoreNoHeader, ClosedWhy, ConnectedEvidence },

            // "upstream sent too big header" (over proxy_buffer_size) leaves the same line: nginx read bytes but no complete header.
            { Status.Eq(502) & IsNginx, "502.ResponseHeaderTooLarge", TiedScoreNoHeader, ClosedWhy + " nginx also logs a response header over proxy_buffer_size this way.", ConnectedEvidence },
            { Status.Eq(502) & SlowBackend & RoundSeconds, "502.TimeoutMismatch", 80, "The failure came at a whole number of seconds, the mark of a timeout somewhere on the path.", c => new[] { SlowEvidence(c), new Evidence("upstream_response_time", RuleContext.Seconds(c.Record.UpstreamResponseTime!.Value), "whole seconds", "The elapsed time is a whole number of seconds, like a configured timeout.") } },
            { Status.Eq(502) & SlowBackend, "502.BackendIncomplete", 75, "The backend worked a long time and then failed without an answer.", c => new[] { SlowEvidence(c), c.NoBackendAnswer() } },
            { Status.Eq(502) & RequestLength.Gt(Param.LargeRequestBytes), "502.MtuExceeded", 68, "The request is larger than one MTU and failed after the connection was made; small requests would pass.", c => new[] { new Evidence("request_length", c.Record.RequestLength!.Value.ToString(CultureInfo.InvariantCulture), c.Profile.LargeRequestBytes.ToString(CultureInfo.InvariantCulture), $"The request was {c.Record.RequestLength} bytes, more than one 1500-byte MTU."), Connected(c) } },

            { Status.Eq(503) & Qps.IsNotNull(), "503.QpsThrottled", 95, "The balancer marked the answer as QPS-limited.", c => new[] { new Evidence("ALB-QPS-Limited", Qps.Evaluate(c), null, $"The response carried ALB-QPS-Limited: {Qps.Evaluate(c)}.") } },

            // nginx cannot log "no backend" as 503: a group without a usable server gives 502 with the
            // group's name in upstream_addr (nginx ngx_http_upstream_module, $upstream_addr). Its own 503 without
            // an upstream comes from limit_req / limit_conn, whose default status is 503
            // (ngx_http_limit_req_module limit_req_status; real nginx: NginxScenarios.RateLimited).
            { Status.Eq(503) & !HasUpstreamAddress & IsNginx, "503.QpsThrottled", 80, "nginx answered 503 itself without choosing an upstream: a request limit (limit_req, limit_conn) rejected it.", c => new[] { new Evidence(c.UpstreamAddressField, "-", null, "No upstream was chosen: nginx refused the request before proxying it."), c.NoBackendAnswer() } },
            { Status.Eq(503) & !HasUpstreamAddress & !IsNginx, "503.NoBackend", 70, "No backend address was logged: there was nothing to send the request to.", c => new[] { new Evidence(c.UpstreamAddressField, "-", null, "No backend address was logged."), c.NoBackendAnswer() } },
            { Status.Eq(503) & !HasUpstreamAddress & !IsNginx, "503.QpsThrottled", 60, "A QPS limit also answers 503 without a backend; look for ALB-QPS-Limited.", c => new[] { c.NoBackendAnswer() } },
            { Status.Eq(503) & HostIsIp, "503.SingleAddressClient", 80, "The client addressed the balancer by IP instead of its DNS name, which pins it to one address.", c => new[] { new Evidence("host", c.Record.Host, null, $"The Host was the IP address {c.Record.Host}.") } },

            { Status.Eq(504) & UpstreamConnectTime.IsNull() & AtConnectTimeout, "504.BackendConnectTimeout", 85, "The connect never finished and the time matches the connect timeout.", c => new[] { c.NoBackendAnswer(), ConnectWaited(c) } },

            // Real nginx (integration scenario TlsToPlainBackend): proxy_connect_timeout covers the TLS
            // handshake too, and a handshake that never completes leaves the same line.
            { Status.Eq(504) & UpstreamConnectTime.IsNull() & AtConnectTimeout & IsNginx, "504.TlsHandshakeTimeout", 85, "nginx counts the TLS handshake to an https:// backend in the connect time: a handshake that never completes times out the same way.", c => new[] { c.NoBackendAnswer(), ConnectWaited(c) } },
            { Status.Eq(504) & UpstreamConnectTime.IsNull() & !AtConnectTimeout.IsTrue(), "504.BackendConnectTimeout", 60, "The connect never finished, but the time does not match the connect timeout (check the connect timeout given to the diagnosis).", c => new[] { c.NoBackendAnswer(), new Evidence("upstream_connect_time", "-", RuleContext.Seconds(c.Profile.ConnectTimeout.TotalSeconds), "The connection to the backend was never completed.") } },
            { Connected504 & AtRequestTimeout, "504.BackendResponseTimeout", 85, "Connected, and the backend took the whole request timeout without a response header.", c => new[] { c.NoBackendAnswer(), new Evidence("upstream_response_time", RuleContext.Seconds(c.Record.UpstreamResponseTime!.Value), RuleContext.Seconds(c.Profile.RequestTimeout.TotalSeconds), $"The backend took {RuleContext.Seconds(c.Record.UpstreamResponseTime!.Value)}; the request timeout is {RuleContext.Seconds(c.Profile.RequestTimeout.TotalSeconds)}.") } },
            { Connected504 & !AtRequestTimeout.IsTrue() & ConnectAtTimeout, "504.BackendConnectTimeout", 85, "The connect time sits at the connect timeout.", c => new[] { c.NoBackendAnswer(), new Evidence("upstream_connect_time", RuleContext.Seconds(c.Record.UpstreamConnectTime!.Value), RuleContext.Seconds(c.Profile.ConnectTimeout), $"Connecting took {RuleContext.Seconds(c.Record.UpstreamConnectTime!.Value)}, the connect timeout is {RuleContext.Seconds(c.Profile.ConnectTimeout)}.") } },
            { Connected504 & !AtRequestTimeout.IsTrue() & !ConnectAtTimeout.IsTrue(), "504.BackendResponseTimeout", 70, "Connected but no response header in time; the wait is below the configured request timeout, so check the request timeout given to the diagnosis (proxy_read_timeout).", c => new[] { c.NoBackendAnswer(), new Evidence("upstream_response_time", c.Record.UpstreamResponseTime == null ? "-" : RuleContext.Seconds(c.Record.UpstreamResponseTime.Value), RuleContext.Seconds(c.Profile.RequestTimeout.TotalSeconds), "The backend did not send a response header before the proxy gave up.") } },
            { Connected504 & !AtRequestTimeout.IsTrue() & !ConnectAtTimeout.IsTrue() & RoundSeconds, "502.TimeoutMismatch", 60, "A wait of whole seconds below the expected timeout suggests a timeout set elsewhere on the path." },
        };

        private static Evidence[] HeaderLimitEvidence(RuleContext c)
        {
            long length = c.Record.RequestLength!.Value;
            return new[] { new Evidence("request_length", length.ToString(CultureInfo.InvariantCulture), c.Profile.HeaderLimitBytes.ToString(CultureInfo.InvariantCulture), $"The request was {length} bytes; the header limit is {c.Profile.HeaderLimitBytes} bytes.") };
        }

        private static Evidence[] MethodEvidence(RuleContext c)
        {
            var r = c.Record;
            bool expectsBody = r.Method == "POST" || r.Method == "PUT" || r.Method == "PATCH";
            return new[] { new Evidence("request_method", r.Method, null, $"The method {r.Method} {(expectsBody ? "carries" : "carries no")} a body.") };
        }

        private static Evidence[] RttEvidence(RuleContext c)
        {
            double rtt = c.Record.Rtt!.Value;
            return new[] { new Evidence("tcpinfo_rtt", RuleContext.Seconds(rtt), RuleContext.Seconds(c.Profile.LargeRtt), $"The client RTT of {RuleContext.Seconds(rtt)} is above {RuleContext.Seconds(c.Profile.LargeRtt)}.") };
        }

        private static Evidence[] RequestTimeEvidence(RuleContext c)
        {
            double time = c.Record.RequestTime!.Value;
            return new[] { new Evidence("request_time", RuleContext.Seconds(time), RuleContext.Seconds(c.Profile.RequestTimeout), $"The request took {RuleContext.Seconds(time)}, the request timeout is {RuleContext.Seconds(c.Profile.RequestTimeout)}.") };
        }

        private static Evidence[] UriEvidence(RuleContext c)
        {
            long uri = (c.Record.Path?.Length ?? 0) + (c.Record.Query == null ? 0 : c.Record.Query.Length + 1);
            return new[] { new Evidence("request_uri", uri.ToString(CultureInfo.InvariantCulture) + " bytes", c.Profile.UriLimitBytes.ToString(CultureInfo.InvariantCulture), $"The URI is {uri} bytes; the limit is {c.Profile.UriLimitBytes} bytes.") };
        }

        private static Evidence[] TraceEvidence(RuleContext c)
        {
            var values = Trace.Evaluate(c)!.Split(',').Select(v => v.Trim()).Where(v => v.Length > 0).ToArray();
            bool repeated = values.Distinct(StringComparer.Ordinal).Count() < values.Length;
            return new[] { new Evidence("ALICLOUD-ALB-TRACE", values.Length.ToString(CultureInfo.InvariantCulture) + (repeated ? " (repeated value)" : string.Empty), c.Profile.MaxTraceHeaders.ToString(CultureInfo.InvariantCulture), $"The request carried {values.Length} ALICLOUD-ALB-TRACE values{(repeated ? ", one of them twice" : string.Empty)}; more than {c.Profile.MaxTraceHeaders} or a repeat is a loop.") };
        }

        private static Evidence[] NoConnectEvidence(RuleContext c) => new[] { c.NoBackendAnswer(), NoConnect };

        private static Evidence Connected(RuleContext c) => new Evidence("upstream_connect_time", RuleContext.Seconds(c.Record.UpstreamConnectTime!.Value), null, "The connection to the backend was established.");

        private static Evidence[] ConnectedEvidence(RuleContext c) => new[] { c.NoBackendAnswer(), Connected(c) };

        private static Evidence SlowEvidence(RuleContext c)
        {
            double time = c.Record.UpstreamResponseTime!.Value;
            return new Evidence("upstream_response_time", RuleContext.Seconds(time), RuleContext.Seconds(c.Profile.SlowUpstream), $"The backend held the request {RuleContext.Seconds(time)} before failing.");
        }

        private static Evidence ConnectWaited(RuleContext c)
        {
            double time = c.Record.UpstreamResponseTime!.Value;
            double limit = c.Profile.ConnectTimeout.TotalSeconds;
            return new Evidence("upstream_response_time", RuleContext.Seconds(time), RuleContext.Seconds(limit), $"upstream_connect_time is '-' and {RuleContext.Seconds(time)} passed, the connect timeout is {RuleContext.Seconds(limit)}.");
        }

        internal static bool LooksLikeAddress(string upstream)
        {
            string first = upstream.Split(',')[0].Trim();
            if (first.StartsWith("unix:", StringComparison.Ordinal))
            {
                return true;
            }

            int colon = first.LastIndexOf(':');
            return colon > 0 && int.TryParse(first.Substring(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out _);
        }

        private static bool IsRoundSeconds(double seconds) => seconds >= 1 && Math.Abs(seconds - Math.Round(seconds)) <= 0.01;
    }
}
