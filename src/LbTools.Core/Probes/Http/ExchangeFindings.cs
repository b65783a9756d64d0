using System.Linq;
using System.Text;
using System;
using LbTools.Core.Probes.Checks;

namespace LbTools.Core.Probes.Http
{
    /// <summary>
    /// Turns one request's fate (connect, TLS, send, strict read) into a result's timings, outcome,
    /// reason and cause ids. Shared by the Http, Methods, Limits and Latency probes.
    /// </summary>
    internal static class ExchangeFindings
    {
        /// <summary>
        /// Fills <paramref name="result"/>; returns true when a response with a status arrived and
        /// nothing in it would make a balancer fail (Warn-level findings still return true).
        /// </summary>
        public static bool Apply(ProbeResult result, HttpExchangeResult exchange, string endpoint, ProbeOptions options)
        {
            result.DurationMs = exchange.Connect.ElapsedMs + (exchange.TlsMs ?? 0) + (exchange.TotalMs ?? 0);
            if (!exchange.Connect.Connected)
            {
                TcpProbe.Describe(result, exchange.Connect, endpoint, options.Timeout);
                return false;
            }

            result.ConnectMs = exchange.Connect.ElapsedMs;
            result.TlsMs = exchange.TlsMs;
            if (exchange.TlsError != null)
            {
                Fail(result, ProbeFailureReason.TlsHandshakeFailed, $"The TLS handshake with {endpoint} failed: {exchange.TlsError}. The Tls probe gives the reason.", ProbeObservation.TlsFailed);
                return false;
            }

            var response = exchange.Response!;
            result.FirstByteMs = response.FirstByteMs;
            result.TransferMs = response.TransferMs;
            result.StatusCode = response.StatusCode;
            result.Details["HeaderBytes"] = response.HeaderBytes;
            result.Details["BodyBytes"] = response.BodyBytes;
            result.Details["Framing"] = response.Framing;
            if (response.Version != null)
            {
                result.Details["HttpVersion"] = response.Version;
            }

            if (response.BodyTruncated)
            {
                result.Details["BodyTruncated"] = true;
            }

            if (exchange.WriteError != null)
            {
                result.Details["WriteError"] = exchange.WriteError;
            }

            if (exchange.Certificate is { } certificate && certificate.Outcome != ProbeOutcome.Pass)
            {
                result.Details["CertificateFindings"] = certificate.Findings;
                if (certificate.Outcome == ProbeOutcome.Fail)
                {
                    // A balancer that verifies backend certificates stops at the handshake.
                    string answered = response.StatusCode is int code ? $"answered {code}, but " : string.Empty;
                    Fail(result, certificate.Reason, $"{endpoint} {answered}{string.Join("; ", certificate.Findings)}. A balancer that verifies backend certificates refuses this backend; run -Probe Tls for the certificate's facts.", ProbeObservation.TlsFailed);
                    return false;
                }
            }

            if (response.Problem != ProbeFailureReason.None && response.ProblemSeverity == ProbeOutcome.Fail)
            {
                DescribeFailure(result, response, exchange, endpoint);
                return false;
            }

            if (response.Problem != ProbeFailureReason.None)
            {
                result.Outcome = ProbeOutcome.Warn;
                result.FailureReason = response.Problem;
                result.Details["Finding"] = response.ProblemDetail;
                result.Observe(ProbeObservation.MalformedResponse);
            }
            else if (exchange.Certificate is { Outcome: ProbeOutcome.Warn } warned)
            {
                // An untrusted chain (self-signed) or a certificate about to expire: never a clean pass.
                result.Outcome = ProbeOutcome.Warn;
                result.FailureReason = warned.Reason;
                result.Observe(ProbeObservation.TlsFailed);
                result.Observe(ProbeObservation.WellFormedResponse);
            }
            else
            {
                result.Outcome = ProbeOutcome.Pass;
                result.Observe(ProbeObservation.WellFormedResponse);
            }

            result.Observe(ProbeObservation.Answered);
            return true;
        }

        /// <summary>Judges the status of a usable response: ExpectStatus if given, else below 400 passes.</summary>
        public static void JudgeStatus(ProbeResult result, HttpExchangeResult exchange, ProbeOptions options, string what)
        {
            var response = exchange.Response!;
            int status = response.StatusCode!.Value;
            string timing = $"first byte after {response.FirstByteMs:0.0} ms, {response.BodyBytes} body bytes in {response.TransferMs:0.0} ms";
            string warnText = WarningText(response, exchange);
            if (options.ExpectStatus.Count > 0)
            {
                if (options.ExpectStatus.Contains(status))
                {
                    result.Message = $"{what} answered {status} as expected ({timing}).{warnText}";
                    return;
                }

                result.Outcome = ProbeOutcome.Fail;
                result.FailureReason = status == 405 ? ProbeFailureReason.MethodNotAllowed : ProbeFailureReason.UnexpectedStatus;
                result.Message = $"{what} answered {status} {response.ReasonPhrase}, not {string.Join(" or ", options.ExpectStatus)} ({timing}).{warnText}";
                ObserveStatus(result, status);
                return;
            }

            if (status < 400)
            {
                result.Message = $"{what} answered {status} {response.ReasonPhrase} ({timing}).{warnText}";
                return;
            }

            if (status == 400 && LooksLikeHttpsOnlyPage(response.BodySample))
            {
                result.Outcome = ProbeOutcome.Fail;
                result.FailureReason = ProbeFailureReason.PlainHttpToTlsPort;
                result.Message = $"{what} answered 400 with nginx's \"plain HTTP request was sent to HTTPS port\" page: the port expects TLS.";
                result.Observe(ProbeObservation.PlainHttpToTlsPort);
                return;
            }

            result.Outcome = status == 405 || status >= 500 ? ProbeOutcome.Fail : ProbeOutcome.Warn;
            result.FailureReason = status == 405 ? ProbeFailureReason.MethodNotAllowed : ProbeFailureReason.UnexpectedStatus;
            result.Message = $"{what} answered {status} {response.ReasonPhrase} ({timing}).{warnText}";
            ObserveStatus(result, status);
        }

        /// <summary>" Warning: ..." for what a usable response still carries (a framing finding, a certificate finding), or empty.</summary>
        private static string WarningText(HttpResponseReport response, HttpExchangeResult exchange)
        {
            var warnings = new System.Collections.Generic.List<string>();
            if (response.Problem != ProbeFailureReason.None && response.ProblemDetail != null)
            {
                warnings.Add(response.ProblemDetail);
            }

            if (exchange.Certificate is { Outcome: ProbeOutcome.Warn } certificate)
            {
                warnings.AddRange(certificate.Findings);
            }

            return warnings.Count == 0 ? string.Empty : $" Warning: {string.Join("; ", warnings)}.";
        }

        /// <summary>The backend answered this status; the table knows which statuses have a pass-through cause (&lt;status&gt;.FromBackend).</summary>
        private static void ObserveStatus(ProbeResult result, int status)
        {
            result.Observe(ProbeObservation.BackendStatus(status));
        }

        private static void DescribeFailure(ProbeResult result, HttpResponseReport response, HttpExchangeResult exchange, string endpoint)
        {
            string detail = response.ProblemDetail ?? response.Problem.ToString();
            string sending = exchange.WriteError != null ? $" (while sending: {exchange.WriteError})" : string.Empty;
            switch (response.Problem)
            {
                case ProbeFailureReason.ClosedWithoutResponse:
                    Fail(result, response.Problem, $"{endpoint}: {detail}{sending}. A balancer reports this as a 502 (nginx: \"upstream prematurely closed connection\").", ProbeObservation.ClosedWithoutResponse);
                    break;
                case ProbeFailureReason.Reset:
                    Fail(result, response.Problem, $"{endpoint} reset the connection: {detail}{sending}.", ProbeObservation.ConnectionReset);
                    break;
                case ProbeFailureReason.TimedOut:
                    Fail(result, response.Problem, $"{endpoint}: {detail}{sending}. The Latency probe measures it against the balancer's request timeout.");
                    result.Observe(ProbeObservation.Connected);
                    if (response.FirstByteMs == null)
                    {
                        // Connected and asked, but not a byte back: what a balancer logs as a response
                        // timeout (real nginx: 504, connect time set, header time '-').
                        result.Observe(ProbeObservation.NoFirstByte);
                    }

                    break;
                case ProbeFailureReason.PlainHttpToTlsPort:
                    Fail(result, response.Problem, $"{endpoint}: {detail}. A balancer speaking plain HTTP to it gets no usable answer; use HTTPS to this backend.", ProbeObservation.PlainHttpToTlsPort);
                    break;
                case ProbeFailureReason.IncompleteBody:
                    Fail(result, response.Problem, $"{endpoint} sent a short body: {detail}.", ProbeObservation.IncompleteBody);
                    break;
                default:
                    Fail(result, response.Problem, $"{endpoint} sent a response a balancer rejects: {detail}.", ProbeObservation.MalformedResponse);
                    break;
            }

            if (response.FirstBytes.Length > 0)
            {
                result.Details["FirstBytes"] = BitConverter.ToString(response.FirstBytes);
            }
        }

        private static void Fail(ProbeResult result, ProbeFailureReason reason, string message, params string[] observations)
        {
            result.Outcome = ProbeOutcome.Fail;
            result.FailureReason = reason;
            result.Message = message;
            foreach (var code in observations)
            {
                result.Observe(code);
            }
        }

        // nginx answers 400 with this text when plain HTTP reaches an "ssl" listener (error 497 page).
        private static bool LooksLikeHttpsOnlyPage(byte[] body) =>
            Encoding.ASCII.GetString(body).IndexOf("plain HTTP request was sent to HTTPS port", StringComparison.OrdinalIgnoreCase) >= 0;
    }
}
