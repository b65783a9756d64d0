using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using System.Threading;
using System;
using LbTools.Core.Common;
using LbTools.Core.Probes.Checks;
using LbTools.Core.Probes.Network;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging;

namespace LbTools.Core.Probes
{
    /// <summary>
    /// Runs the selected probes against each target and every address its name resolves to.
    /// Addresses are probed in parallel (at most ThrottleLimit at once); results come back
    /// through a blocking queue and are yielded on the enumerating thread, so a cmdlet can
    /// write them. Traffic goes only to the named targets.
    /// </summary>
    public sealed class BackendProber
    {
        private readonly ProbeOptions _options;
        private readonly IOperationSink _sink;
        private readonly ILogger _logger;

        public BackendProber(ProbeOptions options, IOperationSink sink, ILogger? logger = null)
        {
            _options = options ?? throw new ArgumentNullException(nameof(options));
            _options.Validate();
            _sink = sink ?? throw new ArgumentNullException(nameof(sink));
            _logger = logger ?? NullLogger.Instance;
        }

        public IEnumerable<ProbeResult> Probe(BackendTarget target, CancellationToken cancellationToken) =>
            ProbeAll(new[] { target }, cancellationToken);

        /// <summary>
        /// Probes all targets in parallel; results arrive as they finish (per address in probe
        /// order). Cancelling stops every probe; the enumeration then throws OperationCanceledException.
        /// </summary>
        public IEnumerable<ProbeResult> ProbeAll(IEnumerable<BackendTarget> targets, CancellationToken cancellationToken)
        {
            var list = targets.ToList();
            if (list.Count == 0)
            {
                yield break;
            }

            var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var queue = new BlockingCollection<ProbeResult>();
            var throttle = new SemaphoreSlim(_options.ThrottleLimit);
            var producer = Task.Run(() => RunAllAsync(list, queue, throttle, stop.Token));
            int seen = 0;
            try
            {
                foreach (var result in queue.GetConsumingEnumerable(cancellationToken))
                {
                    seen++;
                    _sink.ReportProgress(new LbProgress("Test-LbBackend", $"{seen} results", -1, $"{result.Target} {result.Address} {result.Probe}"));
                    yield return result;
                }

                cancellationToken.ThrowIfCancellationRequested();
                if (producer.IsFaulted)
                {
                    var error = producer.Exception!.GetBaseException();
                    _sink.ReportError(new LbError("ProbeFailed", LbErrorCategory.NotSpecified, $"Probing stopped unexpectedly: {error.Message}", string.Join(", ", list.Select(t => t.Original)), error));
                }

                _sink.ReportProgress(new LbProgress("Test-LbBackend", $"{seen} results", 100, completed: true));
            }
            finally
            {
                stop.Cancel();
                // Let the workers notice; they dispose their sockets and stop adding. Bounded, so
                // Ctrl+C returns within a second even if a runtime call lingers.
                try
                {
                    producer.Wait(TimeSpan.FromSeconds(0.5));
                }
                catch (AggregateException)
                {
                    // Cancelled workers; nothing to report.
                }

                // Workers still winding down keep using these; the collector takes them then.
                if (producer.IsCompleted)
                {
                    queue.Dispose();
                    throttle.Dispose();
                    stop.Dispose();
                }
            }
        }

        /// <summary>One verdict per target, in the given order: true when no probe of it failed.</summary>
        public IEnumerable<TargetVerdict> CheckAll(IReadOnlyList<BackendTarget> targets, CancellationToken cancellationToken)
        {
            var failed = new HashSet<string>(StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var result in ProbeAll(targets, cancellationToken))
            {
                seen.Add(result.Target);
                if (!result.Succeeded)
                {
                    failed.Add(result.Target);
                }
            }

            return targets.Select(t => new TargetVerdict(t.Original, seen.Contains(t.Original) && !failed.Contains(t.Original))).ToArray();
        }

        private async Task RunAllAsync(List<BackendTarget> targets, BlockingCollection<ProbeResult> queue, SemaphoreSlim throttle, CancellationToken token)
        {
            try
            {
                await Task.WhenAll(targets.Select(t => ProbeTargetAsync(t, queue, throttle, token))).ConfigureAwait(false);
            }
            finally
            {
                TryComplete(queue);
            }
        }

        private async Task ProbeTargetAsync(BackendTarget target, BlockingCollection<ProbeResult> queue, SemaphoreSlim throttle, CancellationToken token)
        {
            var probes = _options.ProbesFor(target);
            _logger.LogInformation("Probing {Target} ({Probes}).", target.Original, string.Join(", ", probes));
            IPAddress[] addresses = Array.Empty<IPAddress>();
            double? dnsMs = null;
            await throttle.WaitAsync(token).ConfigureAwait(false);
            try
            {
                var (found, dns) = await NameResolver.ResolveAsync(target, _options.Resolver, _options.Timeout, token).ConfigureAwait(false);
                addresses = found;
                dnsMs = dns.DnsMs;
                if (probes.Contains(ProbeKind.Dns) || dns.Outcome == ProbeOutcome.Fail)
                {
                    Add(queue, dns);
                }
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                _logger.LogWarning(ex, "Resolving {Target} failed unexpectedly.", target.Original);
                Add(queue, new ProbeResult(target.Original, target.Host, target.Port, null, ProbeKind.Dns)
                {
                    Outcome = ProbeOutcome.Fail,
                    FailureReason = ProbeFailureReason.Other,
                    Message = $"Resolving {target.Host} failed unexpectedly: {ex.GetType().Name}: {ex.Message}",
                });
            }
            finally
            {
                throttle.Release();
            }

            await Task.WhenAll(addresses.Select(a => ProbeAddressAsync(target, a, dnsMs, probes, queue, throttle, token))).ConfigureAwait(false);
        }

        private async Task ProbeAddressAsync(BackendTarget target, IPAddress address, double? dnsMs, IReadOnlyList<ProbeKind> probes, BlockingCollection<ProbeResult> queue, SemaphoreSlim throttle, CancellationToken token)
        {
            await throttle.WaitAsync(token).ConfigureAwait(false);
            try
            {
                foreach (var probe in probes.Where(p => p != ProbeKind.Dns))
                {
                    token.ThrowIfCancellationRequested();
                    ProbeResult result;
                    try
                    {
                        result = await RunProbeAsync(probe, target, address, token).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (!(ex is OperationCanceledException))
                    {
                        // A bug or an unexpected platform error must not lose the other results.
                        _logger.LogWarning(ex, "{Probe} probe of {Target} {Address} failed unexpectedly.", probe, target.Original, address);
                        result = new ProbeResult(target.Original, target.Host, target.Port, address.ToString(), probe)
                        {
                            Outcome = ProbeOutcome.Fail,
                            FailureReason = ProbeFailureReason.Other,
                            Message = $"The {probe} probe failed unexpectedly: {ex.GetType().Name}: {ex.Message}",
                        };
                    }

                    if (probe == ProbeKind.Tls || probe == ProbeKind.Http || probe == ProbeKind.Latency)
                    {
                        // The DNS phase of the httpstat-like breakdown; not part of DurationMs.
                        result.DnsMs = dnsMs;
                    }

                    _logger.LogDebug("{Target} {Address}: {Probe} {Outcome} {Reason}.", target.Original, address, probe, result.Outcome, result.FailureReason);
                    Add(queue, result);
                    if (StopsTheChain(result, target))
                    {
                        _logger.LogInformation("{Target} {Address}: {Probe} failed with {Reason}; later probes skipped.", target.Original, address, probe, result.FailureReason);
                        break;
                    }
                }
            }
            finally
            {
                throttle.Release();
            }
        }

        /// <summary>
        /// Nothing after a failed connect (or, for https targets, a failed handshake) can tell
        /// more than that failure itself.
        /// </summary>
        private static bool StopsTheChain(ProbeResult result, BackendTarget target) =>
            (result.Probe == ProbeKind.Tcp && result.Outcome == ProbeOutcome.Fail)
            || (result.Probe == ProbeKind.Tls && target.IsTls && result.Details.TryGetValue("HandshakeCompleted", out var done) && done is bool completed && !completed);

        private Task<ProbeResult> RunProbeAsync(ProbeKind probe, BackendTarget target, IPAddress address, CancellationToken token) => probe switch
        {
            ProbeKind.Tcp => TcpProbe.RunAsync(target, address, _options.Timeout, token),
            ProbeKind.Tls => TlsProbe.RunAsync(target, address, _options, token),
            ProbeKind.Http => HttpProbe.RunAsync(target, address, _options, token),
            ProbeKind.Methods => MethodsProbe.RunAsync(target, address, _options, token),
            ProbeKind.Limits => LimitsProbe.RunAsync(target, address, _options, token),
            ProbeKind.Latency => LatencyProbe.RunAsync(target, address, _options, token),
            ProbeKind.Concurrency => ConcurrencyProbe.RunAsync(target, address, _options, token),
            _ => throw new ArgumentOutOfRangeException(nameof(probe), probe, "unknown probe"),
        };

        private static void Add(BlockingCollection<ProbeResult> queue, ProbeResult result)
        {
            try
            {
                queue.Add(result);
            }
            catch (Exception ex) when (ex is InvalidOperationException || ex is ObjectDisposedException)
            {
                // The consumer stopped (cancelled or abandoned the enumeration); drop the result.
            }
        }

        private static void TryComplete(BlockingCollection<ProbeResult> queue)
        {
            try
            {
                queue.CompleteAdding();
            }
            catch (ObjectDisposedException)
            {
                // Already torn down by the consumer.
            }
        }
    }
}
