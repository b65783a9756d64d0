using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using System.Threading;
using LbTools.Core.Probes.Http;
using LbTools.Core.Probes.Network;

namespace LbTools.Core.Probes.Checks
{
    /// <summary>Which methods the backend accepts: one request per method, 405/501 means refused.</summary>
    internal static class MethodsProbe
    {
        public static async Task<ProbeResult> RunAsync(BackendTarget target, IPAddress address, ProbeOptions options, CancellationToken cancellationToken)
        {
            var result = new ProbeResult(target.Original, target.Host, target.Port, address.ToString(), ProbeKind.Methods);
            string endpoint = SocketConnector.Endpoint(address, target.Port);
            var statuses = new SortedDictionary<string, string>(System.StringComparer.Ordinal);
            var accepted = new List<string>();
            var refused = new List<string>();
            var broken = new List<string>();
            var firstBrokenReason = ProbeFailureReason.None;
            string? firstBrokenMessage = null;
            double total = 0;
            foreach (var method in options.Methods.Select(m => m.ToUpperInvariant()).Distinct())
            {
                var exchange = await HttpExchange.RunAsync(target, address, options, HttpRequestSpec.For(target, options, method), options.Timeout, cancellationToken).ConfigureAwait(false);
                var step = new ProbeResult(target.Original, target.Host, target.Port, address.ToString(), ProbeKind.Methods);
                bool usable = ExchangeFindings.Apply(step, exchange, endpoint, options);
                total += step.DurationMs ?? 0;
                if (!usable)
                {
                    statuses[method] = step.FailureReason.ToString();
                    broken.Add(method);
                    if (firstBrokenReason == ProbeFailureReason.None)
                    {
                        // Its message says why (a refused certificate, a reset...), and its causes count.
                        firstBrokenReason = step.FailureReason;
                        firstBrokenMessage = step.Message;
                        foreach (var id in step.Supports)
                        {
                            result.Supports.Add(id);
                        }
                    }

                    continue;
                }

                int status = step.StatusCode!.Value;
                statuses[method] = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (status == 405 || status == 501)
                {
                    refused.Add(method);
                }
                else
                {
                    accepted.Add(method);
                }
            }

            result.DurationMs = total;
            result.Details["Statuses"] = statuses;
            result.Details["Accepted"] = accepted.ToArray();
            result.Details["NotAllowed"] = refused.ToArray();
            result.Details["NoAnswer"] = broken.ToArray();
            string wanted = options.Method.ToUpperInvariant();
            string list = string.Join(", ", statuses.Select(p => $"{p.Key} {p.Value}"));
            if (refused.Count == 0 && broken.Count == 0)
            {
                result.Outcome = ProbeOutcome.Pass;
                result.Message = $"{endpoint} accepts every method tried ({list}).";
                result.Observe(ProbeObservation.MethodsAccepted);
                return result;
            }

            if (refused.Count > 0)
            {
                result.Observe(ProbeObservation.MethodRefused);
            }

            bool wantedRefused = refused.Contains(wanted);
            result.Outcome = wantedRefused || broken.Count > 0 ? ProbeOutcome.Fail : ProbeOutcome.Warn;
            result.FailureReason = refused.Count > 0 ? ProbeFailureReason.MethodNotAllowed : firstBrokenReason;
            string refusedText = refused.Count > 0 ? $"refuses {string.Join(", ", refused)} with 405/501" : "refuses no method";
            string brokenText = broken.Count > 0 ? $"; no usable answer for {string.Join(", ", broken)} (first: {firstBrokenMessage?.TrimEnd('.')})" : string.Empty;
            result.Message = $"{endpoint} {refusedText}{brokenText} ({list}).{(wantedRefused ? $" {wanted}, the method of the Http probe, is among them: a 405 from the balancer comes from the backend." : string.Empty)}";
            return result;
        }
    }
}
