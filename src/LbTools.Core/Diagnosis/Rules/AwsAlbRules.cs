using System;
using System.Globalization;
using LbTools.Core.Diagnosis.Rules.Expressions;
using static LbTools.Core.Diagnosis.Rules.Expressions.Col;
using static LbTools.Core.Diagnosis.Rules.Expressions.Facts;

namespace LbTools.Core.Diagnosis.Rules
{
    /// <summary>
    /// AWS ALB: the balancer's own errors (AWS "Troubleshoot your Application Load Balancers") and the error_reason
    /// codes (AWS "Access logs for your Application Load Balancer"). A 502/504 of an instance target has error_reason '-': the timings decide.
    /// The table applies when the target did not answer, or on every 504.
    /// </summary>
    internal static class AwsAlbRules
    {
        private const string SeparateByProbe = "The log alone cannot tell a refused connection, a closed connection, an invalid response and a failed TLS handshake apart. The Tcp, Tls and Http probes separate them.";
        private const string NoElapsed = "The target gave no answer; without request_creation_time the wait cannot be compared with the connect and idle timeouts.";
        private const string NeitherTimeout = "The wait matches neither the 10 s connect timeout nor the idle timeout; check whether the idle timeout was changed (give the diagnosis the configured one).";

        private static readonly Evidence NoAnswerEvidence = new Evidence("target_status_code", "-", null, "The target sent no response (target_status_code is '-').");

        // error_reason (the balancer's own classification) decides first.
        private static readonly TextExpr Reason = ErrorReason.OrElse(Vendor("error_reason"));
        private static readonly BoolExpr Lambda = Reason.StartsWith("Lambda");
        private static readonly BoolExpr LambdaTooLarge = Lambda & Reason.Eq("LambdaRequestTooLarge");
        private static readonly BoolExpr LambdaTimeout = Lambda & !Reason.Eq("LambdaRequestTooLarge") & (Status.Eq(504) | Reason.Eq("LambdaConnectionTimeout") & Status.Ne(502));
        private static readonly BoolExpr Auth = Reason.StartsWith("Auth");
        private static readonly BoolExpr AuthServerError = Auth & (Status.Eq(500) | Status.Ne(561) & (Reason.Contains("EpRequest") | Reason.Eq("AuthUnhandledException")));

        /// <summary>error_reason is one the first table decides on; the second table then does not apply (the code returned here).</summary>
        private static readonly BoolExpr ReasonDecides = (Lambda | Reason.StartsWith("WAF") | Auth).IsTrue();

        /// <summary>The target did not answer, or the status is 504.</summary>
        private static readonly BoolExpr OwnAnswerOr504 = !(BackendAnswered & Status.Ne(504));

        private static readonly BoolExpr Http2 = Vendor("type").EqIgnoreCase("h2");
        private static readonly BoolExpr WafLast = Vendor("actions_executed").OrElse(string.Empty).LastItem().Eq("waf");
        private static readonly BoolExpr Classified = Vendor("classification_reason").IsNotNull();
        private static readonly BoolExpr BodylessAtHeaderLimit = BytesReceived.Ge(Param.HeaderLimitBytes) & (Method.In("GET", "HEAD") | Method.IsNull());

        private static readonly NumExpr Elapsed = AlbElapsedSeconds;
        private static readonly BoolExpr NearConnectTimeout = (Elapsed - Param.ConnectTimeout).Abs().Le(1.5);
        private static readonly BoolExpr AtIdleTimeout = Elapsed.Ge(Param.IdleTimeout - 1);

        /// <summary>error_reason names the failure: exactly one clause fires, and the status table is skipped.</summary>
        public static readonly RuleTable ReasonTable = new RuleTable("AWS ALB error_reason", OwnAnswerOr504)
        {
            { LambdaTooLarge, "413.LambdaRequestTooLarge", 95, "error_reason names the failure directly.", ReasonEvidence },
            { LambdaTimeout, "504.LambdaTimeout", 95, "error_reason names the failure directly.", ReasonEvidence },
            { Lambda & !LambdaTooLarge & !LambdaTimeout, "502.LambdaError", 95, "error_reason names the failure directly.", ReasonEvidence },
            { Reason.StartsWith("WAF"), "500.WafOrIdpError", 95, "error_reason names the failure directly.", ReasonEvidence },
            { Auth & Status.Eq(561), "561.IdpError", 95, "error_reason names the failure directly.", ReasonEvidence },
            { AuthServerError, "500.WafOrIdpError", 95, "error_reason names the failure directly.", ReasonEvidence },
            { Auth & Status.Ne(561) & !AuthServerError, "401.AuthenticationDenied", 95, "error_reason names the failure directly.", ReasonEvidence },
        };

        /// <summary>The balancer's own answers by status, when error_reason did not decide.</summary>
        public static readonly RuleTable Table = new RuleTable("AWS ALB", OwnAnswerOr504 & !ReasonDecides)
        {
            { Status.Eq(0) & Http2, "000.Http2GoAway", 80, "Status 000 on an HTTP/2 connection fits the GOAWAY after 10,000 requests.", _ => new[] { new Evidence("type", "h2", "10000 requests", "The request came over HTTP/2 and got no status.") } },
            { Status.Eq(0) & !Http2.IsTrue(), "000.Http2GoAway", 40, "Status 000 without HTTP/2: the GOAWAY explanation is weaker." },

            { Status.Eq(400) & Classified, "400.MalformedRequest", 90, "Desync mitigation classified the request as not RFC-compliant.", ClassificationEvidence, Then.Stop },
            { Status.Eq(400) & BodylessAtHeaderLimit, "400.HeaderTooLarge", 80, "A request without a body is at least as large as the 16 K header limit.", HeaderSizeEvidence },
            { Status.Eq(400) & ExpectsBody, "400.ClientClosedEarly", 60, "A request with a body was rejected before a target; the client may have closed before sending it all." },
            { Status.Eq(400) & !ExpectsBody.IsTrue(), "400.ClientClosedEarly", 30, "A request without a body is less likely to be cut short." },
            { Status.Eq(400), "400.MalformedRequest", 55, "ALB rejected the request itself; nothing points at size or an early close.", c => new[] { new Evidence("target:port", c.Record.Upstream ?? "-", null, "No target was involved.") } },

            { Status.Eq(403) & WafLast, "403.WafBlocked", 95, "AWS WAF was the last action: it rejected the request.", c => WafEvidence(c, true) },
            { Status.Eq(403) & !WafLast, "403.WafBlocked", 60, "ALB answers 403 itself mainly for WAF blocks.", c => WafEvidence(c, false) },
            { Status.Eq(405) & Method.EqIgnoreCase("TRACE"), "405.TraceNotSupported", 95, "The method is TRACE, which ALB does not support.", _ => new[] { new Evidence("request", "TRACE", null, "The request used TRACE.") } },
            { Status.Eq(408), "408.IdleTimeoutNoData", 85, "ALB answers 408 when the client sends nothing within the idle timeout.", NoAnswer },
            { Status.Eq(413), "413.LambdaRequestTooLarge", 80, "ALB answers 413 for a request body over 1 MB to a Lambda target.", c => new[] { new Evidence("target:port", c.Record.Upstream ?? "-", null, "No instance target was involved.") } },
            { Status.Eq(414), "414.UriTooLong", 85, "ALB answers 414 when the URL or query string is too large.", NoAnswer },
            { Status.Eq(460), "460.ClientClosedBeforeIdleTimeout", 90, "460 means the client closed the connection before ALB answered.", NoAnswer },
            { Status.Eq(463), "463.TooManyForwardedFor", 90, "On AWS ALB, 463 means X-Forwarded-For held more than 30 addresses.", _ => new[] { new Evidence("status", "463", "30 addresses", "AWS ALB rejects more than 30 X-Forwarded-For addresses with 463.") } },
            { Status.Eq(464), "464.ProtocolVersionMismatch", 90, "464 means the request protocol does not fit the target group's protocol version.", c => new[] { new Evidence("type / request", c.Field("type") ?? c.Record.Protocol, null, "The request's protocol is incompatible with the target group.") } },
            { Status.Eq(500), "500.WafOrIdpError", 70, "ALB answers 500 itself when WAF or the identity provider fails.", NoAnswer },
            { Status.Eq(501), "501.TransferEncodingUnsupported", 90, "ALB answers 501 for an unsupported Transfer-Encoding.", NoAnswer },

            { Status.Eq(502), "502.BackendConnectFailed", 60, SeparateByProbe, Failure502 },
            { Status.Eq(502), "502.BackendClosedConnection", 55, SeparateByProbe, Failure502 },
            { Status.Eq(502), "502.MalformedResponse", 50, SeparateByProbe, Failure502 },
            { Status.Eq(502), "502.TlsToBackendFailed", 40, SeparateByProbe + " TLS applies only when the target group speaks HTTPS.", Failure502 },
            { Status.Eq(502) & Elapsed.Ge(Param.DeregistrationDelay - 1), "502.DeregistrationDelayElapsed", 80, "The request ran as long as the deregistration delay and then failed: the target was cut off.", DeregistrationEvidence },

            { Status.Eq(503) & !HasUpstreamAddress, "503.NoBackend", 85, "No target was chosen and none answered: the target group had nothing to send the request to.", c => new[] { new Evidence("target:port", "-", null, "No target address was logged."), NoAnswerEvidence } },

            // A target status on a 504 means headers arrived but the body did not complete.
            { Status.Eq(504) & BackendAnswered, "504.ContentLengthMismatch", 80, "The target sent its response header, yet ALB timed out: it was waiting for body bytes the Content-Length promised.", ContentLengthEvidence, Then.Stop },
            { Status.Eq(504) & Elapsed.IsNull(), "504.BackendResponseTimeout", 55, NoElapsed, NoAnswer },
            { Status.Eq(504) & Elapsed.IsNull(), "504.BackendConnectTimeout", 50, NoElapsed, NoAnswer },
            { Status.Eq(504) & NearConnectTimeout, "504.BackendConnectTimeout", 85, c => $"The wait matches the {RuleContext.Seconds(c.Profile.ConnectTimeout)} target connect timeout.", ConnectTimeoutEvidence },
            { Status.Eq(504) & NearConnectTimeout, "504.ReturnTrafficBlocked", 50, "Blocked return traffic also ends in a connect timeout; a TCP probe that times out instead of being refused points at it.", c => new[] { Waited(c) } },
            { Status.Eq(504) & NearConnectTimeout, "504.TlsHandshakeTimeout", 45, "A TLS handshake timeout (also 10 s) looks the same; the Tls probe separates it.", c => new[] { Waited(c) } },
            { Status.Eq(504) & NearConnectTimeout, "504.BackendResponseTimeout", 30, "A response timeout would show a wait near the idle timeout instead.", c => new[] { NoAnswerEvidence, Waited(c) } },
            { Status.Eq(504) & !NearConnectTimeout & AtIdleTimeout, "504.BackendResponseTimeout", 85, "The wait reached the idle timeout: connected, but the target did not answer in time.", IdleTimeoutEvidence },
            { Status.Eq(504) & !NearConnectTimeout & AtIdleTimeout, "504.BackendConnectTimeout", 30, "A connect timeout would end after about 10 s.", c => new[] { NoAnswerEvidence, Waited(c) } },
            { Status.Eq(504) & !NearConnectTimeout & !AtIdleTimeout, "504.BackendResponseTimeout", 55, NeitherTimeout, c => new[] { NoAnswerEvidence, Waited(c) } },
            { Status.Eq(504) & !NearConnectTimeout & !AtIdleTimeout, "504.BackendConnectTimeout", 50, NeitherTimeout, c => new[] { NoAnswerEvidence, Waited(c) } },

            { Status.Eq(505), "505.HttpVersionMismatch", 90, "505 means an unexpected HTTP version on the connection.", c => new[] { new Evidence("request", c.Record.Protocol, null, $"The request used {c.Record.Protocol ?? "an unknown version"}.") } },
            { Status.Eq(507), "507.RedirectUrlTooLong", 90, "507 from ALB means the redirect URL is too long.", c => new[] { new Evidence("actions_executed", c.Field("actions_executed"), "redirect", "A redirect action produced the answer.") } },
            { Status.Eq(561), "561.IdpError", 90, "561 means the identity provider returned an error.", NoAnswer },
        };

        private static Evidence[] NoAnswer(RuleContext c) => new[] { NoAnswerEvidence };

        private static Evidence[] ReasonEvidence(RuleContext c)
        {
            string reason = c.Record.ErrorReason ?? c.Field("error_reason")!;
            return new[] { new Evidence("error_reason", reason, null, $"The balancer recorded the error reason {reason}.") };
        }

        private static Evidence[] ClassificationEvidence(RuleContext c)
        {
            string classification = c.Field("classification_reason")!;
            return new[] { new Evidence("classification_reason", classification, null, $"ALB classified the request: {classification}.") };
        }

        private static Evidence[] HeaderSizeEvidence(RuleContext c)
        {
            long received = c.Record.BytesReceived!.Value;
            long limit = c.Profile.HeaderLimitBytes;
            return new[] { new Evidence("received_bytes", received.ToString(CultureInfo.InvariantCulture), limit.ToString(CultureInfo.InvariantCulture), $"The client sent {received} bytes without a body; a header line is limited to {limit} bytes.") };
        }

        private static Evidence[] WafEvidence(RuleContext c, bool waf)
        {
            string actions = c.Field("actions_executed") ?? string.Empty;
            return new[] { new Evidence("actions_executed", actions.Length == 0 ? "-" : actions, "waf", waf ? "WAF was the final action." : "WAF is not shown as the final action.") };
        }

        private static Evidence[] Failure502(RuleContext c)
        {
            var r = c.Record;
            var evidence = new System.Collections.Generic.List<Evidence>(3) { NoAnswerEvidence };
            if (r.UpstreamHeaderTime == null)
            {
                evidence.Add(new Evidence("target_processing_time", "-1", null, "target_processing_time is -1: the request was not dispatched to the target, or the target closed or did not answer."));
            }

            if (c.HasUpstreamAddress)
            {
                evidence.Add(new Evidence("target:port", r.Upstream, null, $"A target ({r.Upstream}) was chosen, so the failure happened on the way to or at that target."));
            }

            return evidence.ToArray();
        }

        private static Evidence[] DeregistrationEvidence(RuleContext c)
        {
            string seconds = RuleContext.Seconds(Elapsed.Evaluate(c)!.Value);
            string delay = RuleContext.Seconds(c.Profile.DeregistrationDelay!.Value);
            return new[] { new Evidence("time - request_creation_time", seconds, delay, $"The request ran {seconds}, the deregistration delay is {delay}.") };
        }

        private static Evidence[] ContentLengthEvidence(RuleContext c) =>
            new[] { new Evidence("target_status_code", c.Record.UpstreamStatus!.Value.ToString(CultureInfo.InvariantCulture), null, "The target answered with a status, so the timeout came while reading the body.") };

        private static Evidence Waited(RuleContext c)
        {
            string seconds = RuleContext.Seconds(Elapsed.Evaluate(c)!.Value);
            return new Evidence("time - request_creation_time", seconds, null, $"The balancer waited {seconds} before answering 504.");
        }

        private static Evidence[] ConnectTimeoutEvidence(RuleContext c)
        {
            string seconds = RuleContext.Seconds(Elapsed.Evaluate(c)!.Value);
            string limit = RuleContext.Seconds(c.Profile.ConnectTimeout);
            return new[] { NoAnswerEvidence, new Evidence("time - request_creation_time", seconds, limit, $"The wait of {seconds} matches the ALB target connect timeout of {limit}.") };
        }

        private static Evidence[] IdleTimeoutEvidence(RuleContext c)
        {
            string seconds = RuleContext.Seconds(Elapsed.Evaluate(c)!.Value);
            string idle = RuleContext.Seconds(c.Profile.IdleTimeout);
            return new[] { NoAnswerEvidence, new Evidence("time - request_creation_time", seconds, idle, $"The wait of {seconds} reached the idle timeout of {idle}.") };
        }
    }
}
