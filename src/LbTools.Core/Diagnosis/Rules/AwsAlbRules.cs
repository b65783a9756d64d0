using System;
using System.Linq;
using LbTools.Core.Logs;

namespace LbTools.Core.Diagnosis.Rules
{
    /// <summary>
    /// AWS ALB: the balancer's own errors (AWS "Troubleshoot your Application Load Balancers") and the error_reason
    /// codes (AWS "Access logs for your Application Load Balancer"). A 502/504 of an instance target has error_reason '-': the timings decide.
    /// </summary>
    public sealed class AwsAlbRules : IDiagnosisRule
    {
        private const string SeparateByProbe = "The log alone cannot tell a refused connection, a closed connection, an invalid response and a failed TLS handshake apart. The Tcp, Tls and Http probes separate them.";

        public void Apply(RuleContext context, CandidateSet candidates)
        {
            if (context.Provider != LbProvider.AwsAlb || context.BackendAnswered && context.Status != 504)
            {
                return;
            }

            if (ErrorReason(context, candidates))
            {
                return;
            }

            var r = context.Record;
            var noAnswer = new Evidence("target_status_code", "-", null, "The target sent no response (target_status_code is '-').");
            switch (context.Status)
            {
                case 0:
                    if (string.Equals(context.Field("type"), "h2", StringComparison.OrdinalIgnoreCase))
                    {
                        candidates.Add("000.Http2GoAway", 80, "Status 000 on an HTTP/2 connection fits the GOAWAY after 10,000 requests.", new Evidence("type", "h2", "10000 requests", "The request came over HTTP/2 and got no status."));
                    }
                    else
                    {
                        candidates.Add("000.Http2GoAway", 40, "Status 000 without HTTP/2: the GOAWAY explanation is weaker.");
                    }

                    break;
                case 400:
                    Status400(context, candidates);
                    break;
                case 403:
                    string actions = context.Field("actions_executed") ?? string.Empty;
                    bool waf = actions.Split(',').LastOrDefault()?.Trim() == "waf";
                    candidates.Add("403.WafBlocked", waf ? 95 : 60, waf ? "AWS WAF was the last action: it rejected the request." : "ALB answers 403 itself mainly for WAF blocks.", new Evidence("actions_executed", actions.Length == 0 ? "-" : actions, "waf", waf ? "WAF was the final action." : "WAF is not shown as the final action."));
                    break;
                case 405:
                    if (string.Equals(r.Method, "TRACE", StringComparison.OrdinalIgnoreCase))
                    {
                        candidates.Add("405.TraceNotSupported", 95, "The method is TRACE, which ALB does not support.", new Evidence("request", "TRACE", null, "The request used TRACE."));
                    }

                    break;
                case 408:
                    candidates.Add("408.IdleTimeoutNoData", 85, "ALB answers 408 when the client sends nothing within the idle timeout.", noAnswer);
                    break;
                case 413:
                    candidates.Add("413.LambdaRequestTooLarge", 80, "ALB answers 413 for a request body over 1 MB to a Lambda target.", new Evidence("target:port", r.Upstream ?? "-", null, "No instance target was involved."));
                    break;
                case 414:
                    candidates.Add("414.UriTooLong", 85, "ALB answers 414 when the URL or query string is too large.", noAnswer);
                    break;
                case 460:
                    candidates.Add("460.ClientClosedBeforeIdleTimeout", 90, "460 means the client closed the connection before ALB answered.", noAnswer);
                    break;
                case 463:
                    candidates.Add("463.TooManyForwardedFor", 90, "On AWS ALB, 463 means X-Forwarded-For held more than 30 addresses.", new Evidence("status", "463", "30 addresses", "AWS ALB rejects more than 30 X-Forwarded-For addresses with 463."));
                    break;
                case 464:
                    candidates.Add("464.ProtocolVersionMismatch", 90, "464 means the request protocol does not fit the target group's protocol version.", new Evidence("type / request", context.Field("type") ?? r.Protocol, null, "The request's protocol is incompatible with the target group."));
                    break;
                case 500:
                    candidates.Add("500.WafOrIdpError", 70, "ALB answers 500 itself when WAF or the identity provider fails.", noAnswer);
                    break;
                case 501:
                    candidates.Add("501.TransferEncodingUnsupported", 90, "ALB answers 501 for an unsupported Transfer-Encoding.", noAnswer);
                    break;
                case 502:
                    Status502(context, candidates, noAnswer);
                    break;
                case 503:
                    if (!context.HasUpstreamAddress)
                    {
                        candidates.Add("503.NoBackend", 85, "No target was chosen and none answered: the target group had nothing to send the request to.", new Evidence("target:port", "-", null, "No target address was logged."), noAnswer);
                    }

                    break;
                case 504:
                    Status504(context, candidates, noAnswer);
                    break;
                case 505:
                    candidates.Add("505.HttpVersionMismatch", 90, "505 means an unexpected HTTP version on the connection.", new Evidence("request", r.Protocol, null, $"The request used {r.Protocol ?? "an unknown version"}."));
                    break;
                case 507:
                    candidates.Add("507.RedirectUrlTooLong", 90, "507 from ALB means the redirect URL is too long.", new Evidence("actions_executed", context.Field("actions_executed"), "redirect", "A redirect action produced the answer."));
                    break;
                case 561:
                    candidates.Add("561.IdpError", 90, "561 means the identity provider returned an error.", noAnswer);
                    break;
            }
        }

        private static bool ErrorReason(RuleContext c, CandidateSet candidates)
        {
            string? reason = c.Record.ErrorReason ?? c.Field("error_reason");
            if (reason == null)
            {
                return false;
            }

            var evidence = new Evidence("error_reason", reason, null, $"The balancer recorded the error reason {reason}.");
            string? id = null;
            if (reason.StartsWith("Lambda", StringComparison.Ordinal))
            {
                id = reason == "LambdaRequestTooLarge" ? "413.LambdaRequestTooLarge"
                    : c.Status == 504 || reason == "LambdaConnectionTimeout" && c.Status != 502 ? "504.LambdaTimeout"
                    : "502.LambdaError";
            }
            else if (reason.StartsWith("WAF", StringComparison.Ordinal))
            {
                id = "500.WafOrIdpError";
            }
            else if (reason.StartsWith("Auth", StringComparison.Ordinal))
            {
                id = c.Status switch
                {
                    561 => "561.IdpError",
                    500 => "500.WafOrIdpError",
                    _ => reason.Contains("EpRequest") || reason == "AuthUnhandledException" ? "500.WafOrIdpError" : "401.AuthenticationDenied",
                };
            }

            if (id == null)
            {
                return false;
            }

            candidates.Add(id, 95, "error_reason names the failure directly.", evidence);
            return true;
        }

        private static void Status400(RuleContext c, CandidateSet candidates)
        {
            var r = c.Record;
            string? classification = c.Field("classification_reason");
            if (classification != null)
            {
                candidates.Add("400.MalformedRequest", 90, "Desync mitigation classified the request as not RFC-compliant.", new Evidence("classification_reason", classification, null, $"ALB classified the request: {classification}."));
                return;
            }

            if (r.BytesReceived != null && r.BytesReceived >= c.Profile.HeaderLimitBytes && (r.Method == "GET" || r.Method == "HEAD" || r.Method == null))
            {
                candidates.Add("400.HeaderTooLarge", 80, "A request without a body is at least as large as the 16 K header limit.",
                    new Evidence("received_bytes", r.BytesReceived.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), c.Profile.HeaderLimitBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), $"The client sent {r.BytesReceived} bytes without a body; a header line is limited to {c.Profile.HeaderLimitBytes} bytes."));
            }

            bool expectsBody = r.Method == "POST" || r.Method == "PUT" || r.Method == "PATCH";
            candidates.Add("400.ClientClosedEarly", expectsBody ? 60 : 30, expectsBody ? "A request with a body was rejected before a target; the client may have closed before sending it all." : "A request without a body is less likely to be cut short.");
            candidates.Add("400.MalformedRequest", 55, "ALB rejected the request itself; nothing points at size or an early close.", new Evidence("target:port", r.Upstream ?? "-", null, "No target was involved."));
        }

        private static void Status502(RuleContext c, CandidateSet candidates, Evidence noAnswer)
        {
            var r = c.Record;
            var evidence = new System.Collections.Generic.List<Evidence> { noAnswer };
            if (r.UpstreamHeaderTime == null)
            {
                evidence.Add(new Evidence("target_processing_time", "-1", null, "target_processing_time is -1: the request was not dispatched to the target, or the target closed or did not answer."));
            }

            if (c.HasUpstreamAddress)
            {
                evidence.Add(new Evidence("target:port", r.Upstream, null, $"A target ({r.Upstream}) was chosen, so the failure happened on the way to or at that target."));
            }

            var e = evidence.ToArray();
            candidates.Add("502.BackendConnectFailed", 60, SeparateByProbe, e);
            candidates.Add("502.BackendClosedConnection", 55, SeparateByProbe, e);
            candidates.Add("502.MalformedResponse", 50, SeparateByProbe, e);
            candidates.Add("502.TlsToBackendFailed", 40, SeparateByProbe + " TLS applies only when the target group speaks HTTPS.", e);

            var elapsed = Elapsed(c);
            if (elapsed != null && c.Profile.DeregistrationDelay != null && elapsed >= c.Profile.DeregistrationDelay.Value - TimeSpan.FromSeconds(1))
            {
                string seconds = RuleContext.Seconds(elapsed.Value);
                candidates.Add("502.DeregistrationDelayElapsed", 80, "The request ran as long as the deregistration delay and then failed: the target was cut off.",
                    new Evidence("time - request_creation_time", seconds, RuleContext.Seconds(c.Profile.DeregistrationDelay.Value), $"The request ran {seconds}, the deregistration delay is {RuleContext.Seconds(c.Profile.DeregistrationDelay.Value)}."));
            }
        }

        private static void Status504(RuleContext c, CandidateSet candidates, Evidence noAnswer)
        {
            var r = c.Record;
            if (c.BackendAnswered)
            {
                // A target status on a 504 means headers arrived but the body did not complete.
                candidates.Add("504.ContentLengthMismatch", 80, "The target sent its response header, yet ALB timed out: it was waiting for body bytes the Content-Length promised.",
                    new Evidence("target_status_code", r.UpstreamStatus!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), null, "The target answered with a status, so the timeout came while reading the body."));
                return;
            }

            var elapsed = Elapsed(c);
            if (elapsed == null)
            {
                const string Why = "The target gave no answer; without request_creation_time the wait cannot be compared with the connect and idle timeouts.";
                candidates.Add("504.BackendResponseTimeout", 55, Why, noAnswer);
                candidates.Add("504.BackendConnectTimeout", 50, Why, noAnswer);
                return;
            }

            string seconds = RuleContext.Seconds(elapsed.Value);
            var waited = new Evidence("time - request_creation_time", seconds, null, $"The balancer waited {seconds} before answering 504.");
            var connectLimit = c.Profile.ConnectTimeout;
            bool nearConnectTimeout = Math.Abs((elapsed.Value - connectLimit).TotalSeconds) <= 1.5;
            bool atIdleTimeout = elapsed.Value >= c.Profile.IdleTimeout - TimeSpan.FromSeconds(1);
            if (nearConnectTimeout)
            {
                candidates.Add("504.BackendConnectTimeout", 85, $"The wait matches the {RuleContext.Seconds(connectLimit)} target connect timeout.", noAnswer,
                    new Evidence("time - request_creation_time", seconds, RuleContext.Seconds(connectLimit), $"The wait of {seconds} matches the ALB target connect timeout of {RuleContext.Seconds(connectLimit)}."));
                candidates.Add("504.ReturnTrafficBlocked", 50, "Blocked return traffic also ends in a connect timeout; a TCP probe that times out instead of being refused points at it.", waited);
                candidates.Add("504.TlsHandshakeTimeout", 45, "A TLS handshake timeout (also 10 s) looks the same; the Tls probe separates it.", waited);
                candidates.Add("504.BackendResponseTimeout", 30, "A response timeout would show a wait near the idle timeout instead.", noAnswer, waited);
            }
            else if (atIdleTimeout)
            {
                string idle = RuleContext.Seconds(c.Profile.IdleTimeout);
                candidates.Add("504.BackendResponseTimeout", 85, "The wait reached the idle timeout: connected, but the target did not answer in time.", noAnswer,
                    new Evidence("time - request_creation_time", seconds, idle, $"The wait of {seconds} reached the idle timeout of {idle}."));
                candidates.Add("504.BackendConnectTimeout", 30, "A connect timeout would end after about 10 s.", noAnswer, waited);
            }
            else
            {
                const string Why = "The wait matches neither the 10 s connect timeout nor the idle timeout; check whether the idle timeout was changed (give the diagnosis the configured one).";
                candidates.Add("504.BackendResponseTimeout", 55, Why, noAnswer, waited);
                candidates.Add("504.BackendConnectTimeout", 50, Why, noAnswer, waited);
            }
        }

        private static TimeSpan? Elapsed(RuleContext c)
        {
            if (FieldValues.TryUtcTime(c.Record["request_creation_time"], out var created) && created != null && c.Record.Time != null)
            {
                return c.Record.Time.Value - created.Value;
            }

            return null;
        }
    }
}
