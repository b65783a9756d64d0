using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using LbTools.Core.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LbTools.Core.Probes
{
    /// <summary>
    /// Runs the selected probes against each target and every address its name resolves to.
    /// Results are yielded on the enumerating thread; traffic goes only to the named targets.
    /// </summary>
    public sealed class BackendProber
    {
        private readonly ProbeOptions _options;
        private readonly IOperationSink _sink;
        private readonly ILogger _logger;

        public BackendProber(ProbeOptions options, IOperationSink sink, ILogger? logger = null)
        {
            _options = options ?? throw new ArgumentNullException(nameof(options));
            _sink = sink ?? throw new ArgumentNullException(nameof(sink));
            _logger = logger ?? NullLogger.Instance;
        }

        public IEnumerable<ProbeResult> Probe(BackendTarget target, CancellationToken cancellationToken)
        {
            _logger.LogInformation("Probing {Target} ({Probes}).", target.Original, string.Join(", ", _options.Probes));
            var (addresses, dns) = NameResolver.ResolveAsync(target, _options.Timeout, cancellationToken).GetAwaiter().GetResult();
            bool wantDns = _options.Probes.Contains(ProbeKind.Dns);
            if (wantDns || dns.Outcome == ProbeOutcome.Fail)
            {
                yield return dns;
            }

            if (addresses.Length == 0)
            {
                yield break;
            }

            foreach (var address in addresses)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (_options.Probes.Contains(ProbeKind.Tcp))
                {
                    var tcp = TcpProbe.RunAsync(target, address, _options.Timeout, cancellationToken).GetAwaiter().GetResult();
                    _logger.LogDebug("{Target} {Address}: TCP {Outcome} {Reason}.", target.Original, address, tcp.Outcome, tcp.FailureReason);
                    yield return tcp;
                }
            }
        }
    }
}
