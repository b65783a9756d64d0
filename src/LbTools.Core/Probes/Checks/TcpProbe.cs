using System.Net;
using System.Threading.Tasks;
using System.Threading;
using System;
using LbTools.Core.Probes.Network;

namespace LbTools.Core.Probes.Checks
{
    /// <summary>A TCP handshake to one address: connect time, or why it failed.</summary>
    internal static class TcpProbe
    {
        public static async Task<ProbeResult> RunAsync(BackendTarget target, IPAddress address, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var result = new ProbeResult(target.Original, target.Host, target.Port, address.ToString(), ProbeKind.Tcp);
            var attempt = await SocketConnector.ConnectAsync(address, target.Port, timeout, cancellationToken).ConfigureAwait(false);
            attempt.Socket?.Dispose();
            result.DurationMs = attempt.ElapsedMs;
            Describe(result, attempt, SocketConnector.Endpoint(address, target.Port), timeout);
            return result;
        }

        /// <summary>Fills outcome, reason, message and causes from a connect attempt (shared with the HTTP probes).</summary>
        internal static void Describe(ProbeResult result, ConnectAttempt attempt, string endpoint, TimeSpan timeout)
        {
            if (attempt.Connected)
            {
                result.ConnectMs = attempt.ElapsedMs;
                result.Outcome = ProbeOutcome.Pass;
                result.Message = $"Connected to {endpoint} in {attempt.ElapsedMs:0.0} ms.";
                result.Observe(ProbeObservation.Connected);
                result.Observe(ProbeObservation.ConnectedInTime);
                return;
            }

            result.Outcome = ProbeOutcome.Fail;
            result.FailureReason = attempt.Failure;
            result.Message = attempt.Failure switch
            {
                ProbeFailureReason.TimedOut => $"No answer to the TCP handshake with {endpoint} within {timeout.TotalSeconds:0.#} s: packets are dropped (firewall, security group) or the accept backlog is full.",
                ProbeFailureReason.Refused => $"{endpoint} refused the connection: nothing listens on that port, or a firewall rejects it.",
                ProbeFailureReason.Unreachable => $"{endpoint} is unreachable: no route to the host ({attempt.SocketError}).",
                ProbeFailureReason.Reset => $"{endpoint} reset the connection during the handshake.",
                _ => $"Connecting to {endpoint} failed: {attempt.ErrorText} ({attempt.SocketError}).",
            };
            if (attempt.Failure == ProbeFailureReason.TimedOut)
            {
                result.Observe(ProbeObservation.ConnectTimedOut);
            }
            else
            {
                result.Observe(ProbeObservation.ConnectFailed);
            }
        }
    }
}
