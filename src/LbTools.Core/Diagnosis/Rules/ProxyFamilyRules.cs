using System;
using System.Globalization;
using System.Linq;
using System.Net;
using LbTools.Core.Logs;

namespace LbTools.Core.Diagnosis.Rules
{
    /// <summary>
    /// nginx, Alibaba ALB and CLB (Tengine): the request never got a real backend answer, so the
    /// timings say which step failed. Real nginx logs (see NginxLogTests): a refused connect and a
    /// failed TLS handshake both log connect time '-', header time '-', status 502/502; a closed
    /// connection logs a connect time, header '-', 502/502; a read timeout logs a connect time,
    /// header '-', 504/504 with the timeout in upstream_response_time.
    /// </summary>
    internal sealed class ProxyFamilyRules : IDiagnosisRule
    {
        private const string SeparateByProbe = "The log alone cannot tell these apart; nginx's error log names the failure, and the Tcp, Tls and Http probes separate them (Refused, Tls*, ClosedWithoutResponse/Reset, MalformedResponse, HeaderTooLarge).";

        public void Apply(RuleContext context, CandidateSet candidates)
        {
            // Answers nginx passed on although they are not final HTTP answers (real nginx, integration
            // scenarios NoStatusLine and InterimAnswer): the backend answered, so this comes first.
            if (context.IsProxyFamily && PassedOnOddAnswer(context, candidates))
            {
                return;
            }

            // Without an upstream_header_time column a 502/502 or 504/504 may be the proxy's own
            // failure: the failure causes are listed too (below the relayed answer, see OriginRule).
            bool unprovenEcho = context.IsProxyFamily && !context.HeaderTimeKnown && context.Record.UpstreamStatus == context.Status && (context.Status == 502 || context.Status == 504);
            if (context.BackendAnswered && !unprovenEcho)
            {
                return;
            }

            // A log_format without $upstream_* variables (nginx 'combined') says nothing about the
            // backend: a missing upstream_addr there is not "no backend could be selected".
            if (context.Provider == LbProvider.Nginx && context.Status >= 500 && !LogsUpstreamFields(context))
            {
                return;
            }

            switch (context.Status)
            {
                case 400: Status400(context, candidates); break;
                case 405: Status405(context, candidates); break;
                case 408: Status408(context, candidates); break;
                case 414: Status414(context, candidates); break;
                case 444: candidates.Add("444.ClosedWithoutResponse", 90, "nginx's own code 444 means a rule closed the connection without a response.", new Evidence("status", "444", null, "nginx logged 444: the connection was closed without a response header.")); break;
                case 463: Status463(context, candidates); break;
                case 499: Status499(context, candidates); break;
                case 500: Status500(context, candidates); break;
                case 502: Status502(context, candidates); break;
                case 503: Status503(context, candidates); break;
                case 504: Status504(context, candidates); break;
            }
        }

        private static bool PassedOnOddAnswer(RuleContext c, CandidateSet candidates)
        {
            switch (c.Status)
            {
                case 9:
                    candidates.Add("009.Http09Response", 90, "nginx logs 009 for a backend answer without a status line, which it passes on as HTTP/0.9.",
                        new Evidence("status", "009", null, "Status 009 is nginx's mark for an answer that had no valid HTTP/1.x status line."));
                    return true;
                case 100:
                case 102:
                case 103:
                    candidates.Add("100.InformationalAsFinal", 90, "A 1xx was logged as the final status: nginx passed the backend's interim answer on as the response.",
                        new Evidence("status", c.Status.ToString(CultureInfo.InvariantCulture), null, $"The request ended with the interim status {c.Status}, which is never a final answer."));
                    return true;
                default:
                    return false;
            }
        }

        private static bool LogsUpstreamFields(RuleContext context) =>
            context.Record.Fields.Keys.Any(k => k.StartsWith("upstream_", StringComparison.OrdinalIgnoreCase));

        private static void Status400(RuleContext c, CandidateSet candidates)
        {
            var r = c.Record;
            long? length = r.RequestLength;
            if (length != null && length >= c.Profile.HeaderLimitBytes)
            {
                candidates.Add("400.HeaderTooLarge", 85, "The request is at least as large as the header limit.",
                    new Evidence("request_length", length.Value.ToString(CultureInfo.InvariantCulture), c.Profile.HeaderLimitBytes.ToString(CultureInfo.InvariantCulture), $"The request was {length} bytes; the header limit is {c.Profile.HeaderLimitBytes} bytes."));
            }
            else if (c.Provider == LbProvider.Nginx && !string.IsNullOrEmpty(r.Method))
            {
                // Real nginx (integration scenario HeaderTooLarge): an oversized header line is logged as
                // 400 with request_length counting only the lines read before it, so the size never shows.
                candidates.Add("400.HeaderTooLarge", TiedScore400, "nginx parsed the request line but refused the headers; it logs only the header bytes read before an oversized line, so request_length cannot rule a too-large header out.",
                    new Evidence("request_length", length?.ToString(CultureInfo.InvariantCulture), c.Profile.HeaderLimitBytes.ToString(CultureInfo.InvariantCulture), "nginx counts only the header lines it read before giving up."));
            }

            string? port = c.Field("slb_vport");
            if (string.Equals(r.Scheme, "http", StringComparison.OrdinalIgnoreCase) && port == "443")
            {
                candidates.Add("400.HttpToHttpsPort", 85, "A plain HTTP request reached the HTTPS port.", new Evidence("scheme / slb_vport", "http / 443", null, "The scheme was http on listener port 443."));
            }

            bool expectsBody = r.Method == "POST" || r.Method == "PUT" || r.Method == "PATCH";
            candidates.Add("400.ClientClosedEarly", expectsBody ? 60 : 30, expectsBody ? "A request with a body was rejected without a backend; the client may have stopped sending it." : "A request without a body is less likely to be cut short.",
                new Evidence("request_method", r.Method, null, $"The method {r.Method} {(expectsBody ? "carries" : "carries no")} a body."));
            candidates.Add("400.MalformedRequest", TiedScore400, "The balancer rejected the request without asking a backend; nothing points at size, scheme or an early close.", c.NoBackendAnswer());
            if (c.Provider == LbProvider.Nginx && !candidates.Contains("400.HttpToHttpsPort"))
            {
                // Real nginx (integration scenario PlainHttpToTlsListener): plain HTTP on a "listen ... ssl"
                // port is logged as 400 with scheme http, exactly like a malformed request; nothing in the
                // line says the port was TLS, so neither can be preferred.
                candidates.Add("400.HttpToHttpsPort", TiedScore400, "nginx logs plain HTTP sent to its TLS port as a 400 without an upstream, the same line as a malformed request.", c.NoBackendAnswer());
            }
        }

        /// <summary>nginx's own 400s without an upstream: malformed request, too-large header, plain HTTP to the TLS port look alike.</summary>
        private const int TiedScore400 = 55;

        /// <summary>502 without a connection (connect time '-'): a refused connect and a failed TLS handshake look alike.</summary>
        private const int TiedScoreNoConnect = 70;

        /// <summary>502 after a connection but without a response header: closed, reset, invalid or too big a header look alike.</summary>
        private const int TiedScoreNoHeader = 65;

        private static void Status405(RuleContext c, CandidateSet candidates)
        {
            if (string.Equals(c.Record.Method, "TRACE", StringComparison.OrdinalIgnoreCase))
            {
                candidates.Add("405.TraceNotSupported", 95, "The method is TRACE, which the balancer refuses.", new Evidence("request_method", "TRACE", null, "The request used TRACE."));
            }
        }

        private static void Status408(RuleContext c, CandidateSet candidates)
        {
            var r = c.Record;
            if (c.InBurst)
            {
                candidates.Add("408.BandwidthThrottled", 85, "Many 408s arrived within the same second, which fits bandwidth throttling.", new Evidence("status", "408", c.Profile.BurstPerSecond.ToString(CultureInfo.InvariantCulture) + "/s", "408s arrived in a burst."));
            }

            if (r.Rtt != null && r.Rtt >= c.Profile.LargeRtt.TotalSeconds)
            {
                candidates.Add("408.ClientNetwork", 80, "The client's round-trip time is large.", new Evidence("tcpinfo_rtt", RuleContext.Seconds(r.Rtt.Value), RuleContext.Seconds(c.Profile.LargeRtt), $"The client RTT of {RuleContext.Seconds(r.Rtt.Value)} is above {RuleContext.Seconds(c.Profile.LargeRtt)}."));
            }
            else
            {
                candidates.Add("408.ClientNetwork", 40, "A slow client network is possible but the RTT does not show it.");
            }

            if (r.RequestTime != null && r.RequestTime >= c.Profile.RequestTimeout.TotalSeconds - 1)
            {
                candidates.Add("408.PartialRequest", 85, "request_time reached the request timeout: the request did not arrive completely in time.",
                    new Evidence("request_time", RuleContext.Seconds(r.RequestTime.Value), RuleContext.Seconds(c.Profile.RequestTimeout), $"The request took {RuleContext.Seconds(r.RequestTime.Value)}, the request timeout is {RuleContext.Seconds(c.Profile.RequestTimeout)}."));
            }
            else
            {
                candidates.Add("408.PartialRequest", 45, "A partial request is possible, but request_time is below the request timeout.");
            }
        }

        private static void Status414(RuleContext c, CandidateSet candidates)
        {
            long uri = (c.Record.Path?.Length ?? 0) + (c.Record.Query == null ? 0 : c.Record.Query.Length + 1);
            bool over = uri >= c.Profile.UriLimitBytes;
            candidates.Add("414.UriTooLong", over ? 90 : 60, over ? "The URI is at least as long as the balancer's limit." : "The balancer answered 414 without a backend, although the logged URI is below the limit.",
                new Evidence("request_uri", uri.ToString(CultureInfo.InvariantCulture) + " bytes", c.Profile.UriLimitBytes.ToString(CultureInfo.InvariantCulture), $"The URI is {uri} bytes; the limit is {c.Profile.UriLimitBytes} bytes."));
        }

        private static void Status463(RuleContext c, CandidateSet candidates)
        {
            string? trace = c.Field("ALICLOUD-ALB-TRACE") ?? c.Field("http_alicloud_alb_trace");
            if (trace != null)
            {
                var values = trace.Split(',').Select(v => v.Trim()).Where(v => v.Length > 0).ToArray();
                bool repeated = values.Distinct(StringComparer.Ordinal).Count() < values.Length;
                candidates.Add("463.ForwardingLoop", 95, "The trace header shows the request passing the balancer again.",
                    new Evidence("ALICLOUD-ALB-TRACE", values.Length.ToString(CultureInfo.InvariantCulture) + (repeated ? " (repeated value)" : string.Empty), c.Profile.MaxTraceHeaders.ToString(CultureInfo.InvariantCulture), $"The request carried {values.Length} ALICLOUD-ALB-TRACE values{(repeated ? ", one of them twice" : string.Empty)}; more than {c.Profile.MaxTraceHeaders} or a repeat is a loop."));
            }
            else
            {
                candidates.Add("463.ForwardingLoop", 85, "On Alibaba ALB, 463 always means a forwarding loop.", new Evidence("status", "463", null, "Alibaba ALB answers 463 only for a forwarding loop."));
            }
        }

        private static void Status499(RuleContext c, CandidateSet candidates)
        {
            var r = c.Record;
            if (c.InBurst)
            {
                candidates.Add("499.BandwidthThrottled", 85, "Many 499s arrived within the same second, which fits bandwidth throttling.", new Evidence("status", "499", c.Profile.BurstPerSecond.ToString(CultureInfo.InvariantCulture) + "/s", "499s arrived in a burst."));
            }

            double? upstreamTime = r.UpstreamResponseTime;
            if (upstreamTime != null && upstreamTime >= c.Profile.SlowUpstream.TotalSeconds)
            {
                candidates.Add("499.BackendSlow", 80, "The backend was still busy when the client gave up.", new Evidence("upstream_response_time", RuleContext.Seconds(upstreamTime.Value), RuleContext.Seconds(c.Profile.SlowUpstream), $"The backend had worked {RuleContext.Seconds(upstreamTime.Value)} when the client left."));
            }

            if (r.Rtt != null && r.Rtt >= c.Profile.LargeRtt.TotalSeconds)
            {
                candidates.Add("499.ClientNetwork", 80, "The client's round-trip time is large.", new Evidence("tcpinfo_rtt", RuleContext.Seconds(r.Rtt.Value), RuleContext.Seconds(c.Profile.LargeRtt), $"The client RTT of {RuleContext.Seconds(r.Rtt.Value)} is above {RuleContext.Seconds(c.Profile.LargeRtt)}."));
            }

            if (!c.HasUpstreamAddress)
            {
                candidates.Add("499.ClientTimeoutTooShort", 60, "The client left before the request was even passed to a backend.", new Evidence(c.UpstreamAddressField, "-", null, "No backend had been contacted when the client closed."));
                candidates.Add("499.ClientAborted", 50, "The client closed early; nothing else in the record explains it.");
            }
            else
            {
                candidates.Add("499.ClientAborted", 60, "The client closed early while a backend was working; nothing in the record explains why.", new Evidence(c.UpstreamAddressField, r.Upstream, null, "A backend had been contacted."));
                candidates.Add("499.ClientTimeoutTooShort", 30, "A short client timeout is possible, but the request had already reached a backend.");
            }
        }

        private static void Status500(RuleContext c, CandidateSet candidates)
        {
            if (c.HasUpstreamAddress)
            {
                candidates.Add("500.BackendClosedEarly", 80, "A backend was contacted but gave no answer: it closed the connection before responding.", new Evidence(c.UpstreamAddressField, c.Record.Upstream, null, $"The backend {c.Record.Upstream} was chosen."), c.NoBackendAnswer());
            }
        }

        private static void Status502(RuleContext c, CandidateSet candidates)
        {
            var r = c.Record;
            var noAnswer = c.NoBackendAnswer();
            if (c.Record.Upstream != null && !LooksLikeAddress(c.Record.Upstream))
            {
                candidates.Add("502.AllBackendsUnhealthy", 85, "upstream_addr holds a group name: no server of the group could be selected.", new Evidence("upstream_addr", r.Upstream, "ip:port", $"upstream_addr is '{r.Upstream}', not an address: nginx found no usable server."));
                return;
            }

            if (!c.HasUpstreamAddress)
            {
                candidates.Add("502.AllBackendsUnhealthy", 70, "No backend address was logged, so no backend could take the request.", new Evidence(c.UpstreamAddressField, "-", null, "No backend address was logged."), noAnswer);
                candidates.Add("502.BackendConnectFailed", 50, "Without an address the connect attempt itself is unlikely.", noAnswer);
                return;
            }

            if (r.UpstreamConnectTime == null)
            {
                // nginx counts the TLS handshake in the connect time: both leave it '-'.
                var connect = new Evidence("upstream_connect_time", "-", null, "The connection to the backend was never completed (connect time '-').");
                string why = "The connection (TCP, or TLS which nginx counts in the connect time) to the backend failed. " + SeparateByProbe;
                candidates.Add("502.BackendConnectFailed", TiedScoreNoConnect, why, noAnswer, connect);
                candidates.Add("502.TlsToBackendFailed", TiedScoreNoConnect, why + " TLS applies only when the backend is reached over HTTPS.", noAnswer, connect);
                candidates.Add("502.FirewallBlocked", 40, "A firewall that rejects (rather than drops) also ends the connect early.", connect);
                return;
            }

            var connected = new Evidence("upstream_connect_time", RuleContext.Seconds(r.UpstreamConnectTime.Value), null, "The connection to the backend was established.");
            string closedWhy = "Connected, but no response header came back: the backend closed or reset the connection, or sent an invalid header. " + SeparateByProbe;
            candidates.Add("502.BackendClosedConnection", TiedScoreNoHeader, closedWhy, noAnswer, connected);
            candidates.Add("502.MalformedResponse", TiedScoreNoHeader, closedWhy, noAnswer, connected);
            if (c.Provider == LbProvider.Nginx)
            {
                // "upstream sent too big header" (over proxy_buffer_size) leaves the same line: nginx read bytes but no complete header.
                candidates.Add("502.ResponseHeaderTooLarge", TiedScoreNoHeader, closedWhy + " nginx also logs a response header over proxy_buffer_size this way.", noAnswer, connected);
            }

            double? responseTime = r.UpstreamResponseTime;
            if (responseTime != null && responseTime >= c.Profile.SlowUpstream.TotalSeconds)
            {
                var slow = new Evidence("upstream_response_time", RuleContext.Seconds(responseTime.Value), RuleContext.Seconds(c.Profile.SlowUpstream), $"The backend held the request {RuleContext.Seconds(responseTime.Value)} before failing.");
                if (IsRoundSeconds(responseTime.Value))
                {
                    candidates.Add("502.TimeoutMismatch", 80, "The failure came at a whole number of seconds, the mark of a timeout somewhere on the path.", slow,
                        new Evidence("upstream_response_time", RuleContext.Seconds(responseTime.Value), "whole seconds", "The elapsed time is a whole number of seconds, like a configured timeout."));
                }

                candidates.Add("502.BackendIncomplete", 75, "The backend worked a long time and then failed without an answer.", slow, noAnswer);
            }

            if (r.RequestLength != null && r.RequestLength > c.Profile.LargeRequestBytes)
            {
                candidates.Add("502.MtuExceeded", 68, "The request is larger than one MTU and failed after the connection was made; small requests would pass.",
                    new Evidence("request_length", r.RequestLength.Value.ToString(CultureInfo.InvariantCulture), c.Profile.LargeRequestBytes.ToString(CultureInfo.InvariantCulture), $"The request was {r.RequestLength} bytes, more than one 1500-byte MTU."), connected);
            }
        }

        private static void Status503(RuleContext c, CandidateSet candidates)
        {
            var r = c.Record;
            string? qps = c.Field("ALB-QPS-Limited") ?? c.Field("http_alb_qps_limited") ?? c.Field("sent_http_alb_qps_limited");
            if (qps != null)
            {
                candidates.Add("503.QpsThrottled", 95, "The balancer marked the answer as QPS-limited.", new Evidence("ALB-QPS-Limited", qps, null, $"The response carried ALB-QPS-Limited: {qps}."));
            }

            if (!c.HasUpstreamAddress && c.Provider == LbProvider.Nginx)
            {
                // nginx cannot log "no backend" as 503: a group without a usable server gives 502 with the
                // group's name in upstream_addr (nginx ngx_http_upstream_module, $upstream_addr). Its own 503 without
                // an upstream comes from limit_req / limit_conn, whose default status is 503
                // (ngx_http_limit_req_module limit_req_status; real nginx: NginxScenarios.RateLimited).
                candidates.Add("503.QpsThrottled", 80, "nginx answered 503 itself without choosing an upstream: a request limit (limit_req, limit_conn) rejected it.",
                    new Evidence(c.UpstreamAddressField, "-", null, "No upstream was chosen: nginx refused the request before proxying it."), c.NoBackendAnswer());
            }
            else if (!c.HasUpstreamAddress)
            {
                candidates.Add("503.NoBackend", 70, "No backend address was logged: there was nothing to send the request to.", new Evidence(c.UpstreamAddressField, "-", null, "No backend address was logged."), c.NoBackendAnswer());
                candidates.Add("503.QpsThrottled", 60, "A QPS limit also answers 503 without a backend; look for ALB-QPS-Limited.", c.NoBackendAnswer());
            }

            if (r.Host != null && IPAddress.TryParse(r.Host.Split(':')[0].Trim('[', ']'), out _))
            {
                candidates.Add("503.SingleAddressClient", 80, "The client addressed the balancer by IP instead of its DNS name, which pins it to one address.", new Evidence("host", r.Host, null, $"The Host was the IP address {r.Host}."));
            }
        }

        private static void Status504(RuleContext c, CandidateSet candidates)
        {
            var r = c.Record;
            double? responseTime = r.UpstreamResponseTime;
            var noAnswer = c.NoBackendAnswer();
            if (r.UpstreamConnectTime == null)
            {
                double connectLimit = c.Profile.ConnectTimeout.TotalSeconds;
                if (responseTime != null && Math.Abs(responseTime.Value - connectLimit) <= 0.5)
                {
                    var waited = new Evidence("upstream_response_time", RuleContext.Seconds(responseTime.Value), RuleContext.Seconds(connectLimit), $"upstream_connect_time is '-' and {RuleContext.Seconds(responseTime.Value)} passed, the connect timeout is {RuleContext.Seconds(connectLimit)}.");
                    candidates.Add("504.BackendConnectTimeout", 85, "The connect never finished and the time matches the connect timeout.", noAnswer, waited);
                    if (c.Provider == LbProvider.Nginx)
                    {
                        // Real nginx (integration scenario TlsToPlainBackend): proxy_connect_timeout covers the TLS
                        // handshake too, and a handshake that never completes leaves the same line.
                        candidates.Add("504.TlsHandshakeTimeout", 85, "nginx counts the TLS handshake to an https:// backend in the connect time: a handshake that never completes times out the same way.", noAnswer, waited);
                    }
                }
                else
                {
                    candidates.Add("504.BackendConnectTimeout", 60, "The connect never finished, but the time does not match the connect timeout (check the connect timeout given to the diagnosis).", noAnswer,
                        new Evidence("upstream_connect_time", "-", RuleContext.Seconds(connectLimit), "The connection to the backend was never completed."));
                }

                return;
            }

            double requestLimit = c.Profile.RequestTimeout.TotalSeconds;
            if (responseTime != null && responseTime >= requestLimit - 0.5)
            {
                candidates.Add("504.BackendResponseTimeout", 85, "Connected, and the backend took the whole request timeout without a response header.", noAnswer,
                    new Evidence("upstream_response_time", RuleContext.Seconds(responseTime.Value), RuleContext.Seconds(requestLimit), $"The backend took {RuleContext.Seconds(responseTime.Value)}; the request timeout is {RuleContext.Seconds(requestLimit)}."));
            }
            else if (c.Profile.ConnectTimeout.TotalSeconds > 0 && Math.Abs(r.UpstreamConnectTime.Value - c.Profile.ConnectTimeout.TotalSeconds) <= 0.5)
            {
                candidates.Add("504.BackendConnectTimeout", 85, "The connect time sits at the connect timeout.", noAnswer,
                    new Evidence("upstream_connect_time", RuleContext.Seconds(r.UpstreamConnectTime.Value), RuleContext.Seconds(c.Profile.ConnectTimeout), $"Connecting took {RuleContext.Seconds(r.UpstreamConnectTime.Value)}, the connect timeout is {RuleContext.Seconds(c.Profile.ConnectTimeout)}."));
            }
            else
            {
                candidates.Add("504.BackendResponseTimeout", 70, "Connected but no response header in time; the wait is below the configured request timeout, so check the request timeout given to the diagnosis (proxy_read_timeout).", noAnswer,
                    new Evidence("upstream_response_time", responseTime == null ? "-" : RuleContext.Seconds(responseTime.Value), RuleContext.Seconds(requestLimit), "The backend did not send a response header before the proxy gave up."));
                if (responseTime != null && IsRoundSeconds(responseTime.Value))
                {
                    candidates.Add("502.TimeoutMismatch", 60, "A wait of whole seconds below the expected timeout suggests a timeout set elsewhere on the path.");
                }
            }
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
