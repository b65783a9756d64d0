using System.Linq;
using System.Net;
using System.Threading.Tasks;
using System.Threading;
using System;
using LbTools.Core.Probes.Network;

namespace LbTools.Core.Probes.Checks
{
    /// <summary>
    /// Opens N connections at once and holds them until all attempts end. Some timing out (or
    /// reset) while others connect means the accept backlog overflows: SYNs are dropped when the
    /// queue is full.
    /// </summary>
    internal static class ConcurrencyProbe
    {
        public static async Task<ProbeResult> RunAsync(BackendTarget target, IPAddress address, ProbeOptions options, CancellationToken cancellationToken)
        {
            var result = new ProbeResult(target.Original, target.Host, target.Port, address.ToString(), ProbeKind.Concurrency);
            string endpoint = SocketConnector.Endpoint(address, target.Port);
            int count = Math.Max(1, Math.Min(200, options.Concurrency));
            var attempts = Enumerable.Range(0, count)
                .Select(_ => SocketConnector.ConnectAsync(address, target.Port, options.Timeout, cancellationToken))
                .ToArray();
            ConnectAttempt[] done;
            try
            {
                done = await Task.WhenAll(attempts).ConfigureAwait(false);
            }
            finally
            {
                foreach (var attempt in attempts.Where(a => a.Status == TaskStatus.RanToCompletion))
                {
                    attempt.Result.Socket?.Dispose();
                }
            }

            int connected = done.Count(a => a.Connected);
            int timedOut = done.Count(a => a.Failure == ProbeFailureReason.TimedOut);
            int refused = done.Count(a => a.Failure == ProbeFailureReason.Refused || a.Failure == ProbeFailureReason.Reset);
            var connectTimes = done.Where(a => a.Connected).Select(a => a.ElapsedMs).OrderBy(x => x).ToArray();
            result.DurationMs = done.Max(a => a.ElapsedMs);
            result.Details["Attempts"] = count;
            result.Details["Connected"] = connected;
            result.Details["TimedOut"] = timedOut;
            result.Details["RefusedOrReset"] = refused;
            result.Details["Other"] = count - connected - timedOut - refused;
            if (connectTimes.Length > 0)
            {
                result.ConnectMs = connectTimes[connectTimes.Length / 2];
                result.Details["ConnectMsMedian"] = connectTimes[connectTimes.Length / 2];
                result.Details["ConnectMsMax"] = connectTimes[connectTimes.Length - 1];
            }

            string tally = $"{connected} of {count} simultaneous connects to {endpoint} succeeded, {timedOut} timed out after {options.Timeout.TotalSeconds:0.#} s, {refused} were refused or reset";
            if (connected == count)
            {
                result.Outcome = ProbeOutcome.Pass;
                result.Message = tally + ".";
                result.Observe(ProbeObservation.BacklogHeld);
                return result;
            }

            result.Outcome = ProbeOutcome.Fail;
            if (connected > 0)
            {
                result.FailureReason = ProbeFailureReason.BacklogFull;
                result.Message = $"{tally}: the accept backlog overflows under load (check `netstat -s | grep -i listen` and the listen backlog / somaxconn on the backend).";
                result.Observe(ProbeObservation.BacklogFull);
                return result;
            }

            var first = done.First(a => !a.Connected);
            result.FailureReason = first.Failure;
            result.Message = $"{tally}: none connected; the Tcp probe gives the reason.";
            result.Observe(first.Failure == ProbeFailureReason.TimedOut ? ProbeObservation.EveryConnectTimedOut : ProbeObservation.ConnectFailed);
            return result;
        }
    }
}
