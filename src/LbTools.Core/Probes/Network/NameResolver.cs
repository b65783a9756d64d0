using System;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace LbTools.Core.Probes.Network
{
    /// <summary>Resolves a target's host to every A/AAAA address, with a reason when it cannot.</summary>
    internal static class NameResolver
    {
        public static Task<(IPAddress[] Addresses, ProbeResult Result)> ResolveAsync(BackendTarget target, TimeSpan timeout, CancellationToken cancellationToken) =>
            ResolveAsync(target, SystemNameResolver.Instance, timeout, cancellationToken);

        public static async Task<(IPAddress[] Addresses, ProbeResult Result)> ResolveAsync(BackendTarget target, INameResolver resolver, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var result = new ProbeResult(target.Original, target.Host, target.Port, null, ProbeKind.Dns);
            if (IPAddress.TryParse(target.Host, out var literal))
            {
                result.Outcome = ProbeOutcome.Pass;
                result.DnsMs = 0;
                result.DurationMs = 0;
                result.Message = $"{target.Host} is an address; nothing to resolve.";
                result.Details["Addresses"] = new[] { literal.ToString() };
                return (new[] { literal }, result);
            }

            var clock = Stopwatch.StartNew();
            var lookup = resolver.GetHostAddressesAsync(target.Host, cancellationToken);
            try
            {
                if (!await Timed.WaitAsync(lookup, timeout, cancellationToken).ConfigureAwait(false))
                {
                    return (Array.Empty<IPAddress>(), Fail(result, clock, ProbeFailureReason.DnsTimeout, $"Resolving {target.Host} took longer than {timeout.TotalSeconds:0.#} s: the resolver does not answer."));
                }

                var addresses = (lookup.Result ?? Array.Empty<IPAddress>())
                    .Where(a => a.AddressFamily == AddressFamily.InterNetwork || a.AddressFamily == AddressFamily.InterNetworkV6)
                    .Distinct()
                    .ToArray();
                result.DnsMs = clock.Elapsed.TotalMilliseconds;
                result.DurationMs = result.DnsMs;
                if (addresses.Length == 0)
                {
                    return (addresses, Fail(result, clock, ProbeFailureReason.NoAddress, $"{target.Host} has no A or AAAA record."));
                }

                result.Outcome = ProbeOutcome.Pass;
                result.Message = $"{target.Host} resolves to {string.Join(", ", addresses.Select(a => a.ToString()))}.";
                result.Details["Addresses"] = addresses.Select(a => a.ToString()).ToArray();
                return (addresses, result);
            }
            catch (SocketException ex)
            {
                var reason = SocketErrorMapping.ToReason(ex.SocketErrorCode);
                if (reason != ProbeFailureReason.NoAddress && reason != ProbeFailureReason.DnsTimeout)
                {
                    reason = ProbeFailureReason.NameNotFound;
                }

                string why = reason switch
                {
                    ProbeFailureReason.NoAddress => "the name exists but has no A or AAAA record",
                    ProbeFailureReason.DnsTimeout => "the resolver gave no answer in time (temporary failure)",
                    _ => "no such name",
                };
                return (Array.Empty<IPAddress>(), Fail(result, clock, reason, $"{target.Host} does not resolve: {why} ({ex.SocketErrorCode})."));
            }
        }

        private static ProbeResult Fail(ProbeResult result, Stopwatch clock, ProbeFailureReason reason, string message)
        {
            result.Outcome = ProbeOutcome.Fail;
            result.FailureReason = reason;
            result.DnsMs = clock.Elapsed.TotalMilliseconds;
            result.DurationMs = result.DnsMs;
            result.Message = message;
            result.Observe(ProbeObservation.DnsFailed);
            return result;
        }
    }
}
