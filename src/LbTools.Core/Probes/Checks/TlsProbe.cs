using System.Collections.Generic;
using System.Linq;
using System.Net.Security;
using System.Net;
using System.Text;
using System.Threading.Tasks;
using System.Threading;
using System;
using LbTools.Core.Probes.Http;
using LbTools.Core.Probes.Network;

namespace LbTools.Core.Probes.Checks
{
    /// <summary>
    /// A TLS handshake with SNI: protocol, cipher, certificate facts and findings, and whether the
    /// port speaks plain HTTP instead.
    /// </summary>
    internal static class TlsProbe
    {
        /// <summary>Certificates closer than this to expiry get a warning.</summary>
        public const int ExpiryWarningDays = 14;

        private const string ValidationNote = "Certificate validation ran and its findings are reported; the handshake was allowed to finish so the facts could be read.";

        public static async Task<ProbeResult> RunAsync(BackendTarget target, IPAddress address, ProbeOptions options, CancellationToken cancellationToken)
        {
            var result = new ProbeResult(target.Original, target.Host, target.Port, address.ToString(), ProbeKind.Tls);
            string endpoint = SocketConnector.Endpoint(address, target.Port);
            var attempt = await SocketConnector.ConnectAsync(address, target.Port, options.Timeout, cancellationToken).ConfigureAwait(false);
            if (!attempt.Connected)
            {
                result.DurationMs = attempt.ElapsedMs;
                TcpProbe.Describe(result, attempt, endpoint, options.Timeout);
                return result;
            }

            result.ConnectMs = attempt.ElapsedMs;
            string serverName = RequestDefaults.ServerName(target, options);
            result.Details["ServerName"] = serverName;
            using var session = await TlsHandshake.RunAsync(attempt.Socket!, serverName, options.Timeout, cancellationToken).ConfigureAwait(false);
            result.TlsMs = session.ElapsedMs;
            result.DurationMs = attempt.ElapsedMs + session.ElapsedMs;
            result.Details["HandshakeCompleted"] = session.Completed;
            if (!session.Completed)
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                await DescribeFailedHandshakeAsync(result, session, target, address, options, endpoint, cancellationToken).ConfigureAwait(false);

                // The plain HTTP check on a second connection is part of the probe's duration.
                result.DurationMs += clock.Elapsed.TotalMilliseconds;
                return result;
            }

            result.Details["Protocol"] = session.Stream.SslProtocol.ToString();
            result.Details["CipherSuite"] = session.CipherSuite();
            result.Details["PolicyErrors"] = session.PolicyErrors.ToString();
            result.Details["ChainStatus"] = session.ChainStatus;
            result.Details["Validation"] = ValidationNote;
            CertificateFacts? facts = session.Certificate == null ? null : new CertificateFacts(session.Certificate, DateTime.UtcNow);
            if (facts != null)
            {
                result.Details["CertificateSubject"] = facts.Subject;
                result.Details["CertificateIssuer"] = facts.Issuer;
                result.Details["CertificateSans"] = facts.SubjectAlternativeNames.ToArray();
                result.Details["NotBefore"] = facts.NotBefore;
                result.Details["NotAfter"] = facts.NotAfter;
                result.Details["DaysLeft"] = facts.DaysLeft;
                result.Details["SelfSigned"] = facts.SelfSigned;
                result.Details["Thumbprint"] = facts.Thumbprint;
            }

            result.Details["NameMatches"] = (session.PolicyErrors & SslPolicyErrors.RemoteCertificateNameMismatch) == 0;
            var verdict = Classify(session.PolicyErrors, session.ChainStatus, facts, DateTime.UtcNow);
            result.Outcome = verdict.Outcome;
            result.FailureReason = verdict.Reason;
            result.Details["Findings"] = verdict.Findings;
            string summary = $"{session.Stream.SslProtocol} with {result.Details["CipherSuite"]} to {serverName} in {session.ElapsedMs:0.0} ms";
            if (verdict.Outcome == ProbeOutcome.Pass)
            {
                result.Message = $"TLS handshake {summary}; the certificate is valid for {serverName} for {facts?.DaysLeft} more days.";
                result.Observe(ProbeObservation.TlsValid);
            }
            else
            {
                result.Message = $"TLS handshake {summary}, but {string.Join("; ", verdict.Findings)}. {ValidationNote}";
                if (verdict.Reason != ProbeFailureReason.TlsExpiringSoon)
                {
                    result.Observe(ProbeObservation.TlsFailed);
                }
            }

            return result;
        }

        /// <summary>
        /// Turns validation facts into one outcome: expired, not yet valid and wrong name Fail (every
        /// verifying proxy refuses them); an untrusted chain Warns (balancers that do not verify the
        /// backend accept it, ones that do refuse it); near expiry Warns.
        /// </summary>
        internal static (ProbeOutcome Outcome, ProbeFailureReason Reason, string[] Findings) Classify(SslPolicyErrors errors, IReadOnlyList<string> chainStatus, CertificateFacts? facts, DateTime nowUtc)
        {
            var findings = new List<(ProbeOutcome Outcome, ProbeFailureReason Reason, string Text)>();
            if (facts != null && facts.NotAfter < nowUtc)
            {
                findings.Add((ProbeOutcome.Fail, ProbeFailureReason.TlsExpired, $"the certificate expired on {Utc(facts.NotAfter)}"));
            }

            if (facts != null && facts.NotBefore > nowUtc)
            {
                findings.Add((ProbeOutcome.Fail, ProbeFailureReason.TlsNotYetValid, $"the certificate is not valid before {Utc(facts.NotBefore)}"));
            }

            if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
            {
                string names = facts == null || facts.SubjectAlternativeNames.Count == 0 ? facts?.Subject ?? "none" : string.Join(", ", facts.SubjectAlternativeNames);
                findings.Add((ProbeOutcome.Fail, ProbeFailureReason.TlsNameMismatch, $"the certificate does not name the server (it names {names})"));
            }

            var trustProblems = chainStatus.Where(s => s != "NotTimeValid").ToArray();
            if ((errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
            {
                findings.Add((ProbeOutcome.Fail, ProbeFailureReason.TlsUntrusted, "the server sent no certificate"));
            }
            else if ((errors & SslPolicyErrors.RemoteCertificateChainErrors) != 0 && (trustProblems.Length > 0 || chainStatus.Count == 0))
            {
                string why = trustProblems.Length > 0 ? string.Join(", ", trustProblems) : "chain errors";
                findings.Add((ProbeOutcome.Warn, ProbeFailureReason.TlsUntrusted, $"the certificate chain is not trusted here ({why}{(facts?.SelfSigned == true ? ", self-signed" : string.Empty)})"));
            }

            if (facts != null && facts.NotAfter >= nowUtc && facts.DaysLeft < ExpiryWarningDays)
            {
                findings.Add((ProbeOutcome.Warn, ProbeFailureReason.TlsExpiringSoon, $"the certificate expires in {facts.DaysLeft} days"));
            }

            if (findings.Count == 0)
            {
                return (ProbeOutcome.Pass, ProbeFailureReason.None, Array.Empty<string>());
            }

            // Findings were added in priority order; a Fail outranks any Warn.
            var primary = findings.FirstOrDefault(f => f.Outcome == ProbeOutcome.Fail);
            if (primary.Text == null)
            {
                primary = findings[0];
            }

            return (primary.Outcome, primary.Reason, findings.Select(f => f.Text).ToArray());
        }

        private static async Task DescribeFailedHandshakeAsync(ProbeResult result, TlsHandshake session, BackendTarget target, IPAddress address, ProbeOptions options, string endpoint, CancellationToken cancellationToken)
        {
            result.Outcome = ProbeOutcome.Fail;
            result.Observe(ProbeObservation.TlsFailed);
            byte[] first = session.FirstServerBytes;
            result.Details["FirstServerBytes"] = BitConverter.ToString(first);
            if (first.Length > 0 && !IsTlsRecordStart(first[0]))
            {
                // A TLS server answers with a record (content type 20-23); text means plain HTTP
                // (nginx: "HTTP/1.1 400", Python: an HTML page without status line) or another protocol.
                result.FailureReason = ProbeFailureReason.TlsToPlainPort;
                result.Message = StartsWithHttp(first) || first[0] == '<'
                    ? $"{endpoint} answered the TLS ClientHello in plain HTTP (\"{Printable(first)}…\"): the port does not speak TLS, so a balancer using HTTPS to it fails."
                    : $"{endpoint} answered the TLS ClientHello with bytes that are not TLS (\"{Printable(first)}…\"): the port speaks another protocol, so a balancer using HTTPS to it fails.";
                return;
            }

            // A plain HTTP server may close or wait on a ClientHello; ask it in plain HTTP to be sure.
            if (first.Length == 0 && await AnswersPlainHttpAsync(target, address, options, cancellationToken).ConfigureAwait(false))
            {
                result.FailureReason = ProbeFailureReason.TlsToPlainPort;
                result.Message = $"{endpoint} did not answer the TLS ClientHello ({Describe(session.Error)}) but answers a plain HTTP request: the port does not speak TLS.";
                return;
            }

            if (session.Error is StepTimeoutException)
            {
                result.FailureReason = ProbeFailureReason.TimedOut;
                result.Message = $"No TLS handshake with {endpoint} within {options.Timeout.TotalSeconds:0.#} s.";
                return;
            }

            result.FailureReason = session.Error != null && NetworkErrors.FindSocketError(session.Error) != null
                ? NetworkErrors.ToReason(session.Error)
                : ProbeFailureReason.TlsHandshakeFailed;
            result.Message = $"The TLS handshake with {endpoint} (SNI {RequestDefaults.ServerName(target, options)}) failed: {Describe(session.Error)}.";
        }

        private static async Task<bool> AnswersPlainHttpAsync(BackendTarget target, IPAddress address, ProbeOptions options, CancellationToken cancellationToken)
        {
            var attempt = await SocketConnector.ConnectAsync(address, target.Port, options.Timeout, cancellationToken).ConfigureAwait(false);
            if (!attempt.Connected)
            {
                return false;
            }

            using var stream = new System.Net.Sockets.NetworkStream(attempt.Socket!, ownsSocket: true);
            try
            {
                string host = RequestDefaults.HostHeader(target, options);
                WireText.Check(host, "Host header", allowSpace: false, nameof(options.HostHeader));
                byte[] request = Encoding.ASCII.GetBytes($"HEAD / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
                if (!await Timed.WaitAsync(stream.WriteAsync(request, 0, request.Length), options.Timeout, cancellationToken).ConfigureAwait(false))
                {
                    return false;
                }

                var buffer = new byte[5];
                int got = 0;
                while (got < buffer.Length)
                {
                    var read = stream.ReadAsync(buffer, got, buffer.Length - got);
                    if (!await Timed.WaitAsync(read, options.Timeout, cancellationToken).ConfigureAwait(false) || read.Result == 0)
                    {
                        break;
                    }

                    got += read.Result;
                }

                return StartsWithHttp(buffer) && got == buffer.Length;
            }
            catch (Exception ex) when (NetworkErrors.IsNetworkFailure(ex))
            {
                return false;
            }
        }

        /// <summary>A certificate date in the Gregorian calendar whatever the culture (Thai, Hijri and Persian cultures have their own years).</summary>
        internal static string Utc(DateTime time) => time.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " UTC";

        private static bool IsTlsRecordStart(byte contentType) => contentType >= 20 && contentType <= 23;

        private static bool StartsWithHttp(byte[] bytes) =>
            bytes.Length >= 5 && bytes[0] == 'H' && bytes[1] == 'T' && bytes[2] == 'T' && bytes[3] == 'P' && bytes[4] == '/';

        private static string Printable(byte[] bytes) =>
            new string(bytes.Select(b => b >= 0x20 && b < 0x7F ? (char)b : '.').ToArray());

        private static string Describe(Exception? error) =>
            (error == null ? "no reason given" : error.InnerException != null ? $"{error.Message} {error.InnerException.Message}" : error.Message).TrimEnd('.');
    }
}
