using System;
using System.Linq;
using System.Collections.Generic;
using System.Management.Automation;
using LbTools.Core.Probes;
using LbTools.PowerShell.Infrastructure;
using Microsoft.Extensions.Logging;

namespace LbTools.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Probes a backend the way a load balancer talks to it.</para>
    /// <para type="description">Resolves every address of each target and runs DNS, TCP, TLS and
    /// strict HTTP probes (and on request Methods, Limits, Latency, Concurrency) against each,
    /// reporting outcome, failure reason, per-phase timings and the cause ids each result supports
    /// or rules out. Targets are collected from the pipeline and probed in parallel.</para>
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "LbBackend")]
    [OutputType(typeof(ProbeResult))]
    [OutputType(typeof(bool))]
    public sealed class TestLbBackendCommand : LbCmdlet
    {
        private readonly List<BackendTarget> _targets = new List<BackendTarget>();

        /// <summary>host:port, [v6]:port or an http(s) URL; "a:80, b:80" names several. Binds Upstream from log records and diagnoses.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Upstream", "Address")]
        [AllowNull]
        [AllowEmptyString]
        [AllowEmptyCollection]
        public string[]? Target { get; set; } = Array.Empty<string>();

        /// <summary>Probes to run; default Dns, Tcp, Tls (https targets), Http.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public ProbeKind[] Probe { get; set; } = Array.Empty<ProbeKind>();

        /// <summary>TLS SNI name the certificate must match.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ServerName { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? HostHeader { get; set; }

        /// <summary>Method of the Http and Latency probes, like curl -X.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Method { get; set; } = ProbeOptions.DefaultMethod;

        /// <summary>Request path (default: the URL's path, or /).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        [Parameter]
        [ValidateRange(100, 599)]
        public int[] ExpectStatus { get; set; } = Array.Empty<int>();

        /// <summary>Methods the Methods probe tries.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[] TryMethod { get; set; } = new List<string>(ProbeOptions.DefaultMethods).ToArray();

        /// <summary>The balancer's request timeout in seconds, for the Latency probe.</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int RequestTimeout { get; set; } = ProbeOptions.DefaultRequestTimeoutSeconds;

        [Parameter]
        [ValidateRange(1, 200)]
        public int Concurrency { get; set; } = ProbeOptions.DefaultConcurrency;

        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = ProbeOptions.DefaultThrottleLimit;

        [Parameter]
        [ValidateRange(1, 600)]
        public int TimeoutSec { get; set; } = ProbeOptions.DefaultTimeoutSeconds;

        /// <summary>Largest response header block accepted before HeaderTooLarge.</summary>
        [Parameter]
        [ValidateRange(1024, 16777216)]
        public int MaxHeaderBytes { get; set; } = ProbeOptions.DefaultMaxHeaderBytes;

        /// <summary>Returns one bool per target: true when every probe passed or warned.</summary>
        [Parameter]
        public SwitchParameter Quiet { get; set; }

        protected override void ProcessRecord()
        {
            // A log record whose request never reached a backend has no Upstream: nothing to probe.
            if (Target == null || Target.All(string.IsNullOrWhiteSpace))
            {
                WriteVerbose("An input object carries no target address; skipped.");
                return;
            }

            _targets.AddRange(BackendTarget.ParseAll(Target, (text, error) =>
                WriteError(new ErrorRecord(new ArgumentException(BackendTarget.InvalidMessage(text, error)), "InvalidTarget", ErrorCategory.InvalidArgument, text))));
        }

        protected override void EndProcessing()
        {
            var options = new ProbeOptions
            {
                Probes = IsBound(nameof(Probe)) ? Probe : null,
                Timeout = TimeSpan.FromSeconds(TimeoutSec),
                RequestTimeout = TimeSpan.FromSeconds(RequestTimeout),
                ServerName = ServerName,
                HostHeader = HostHeader,
                Method = Method.ToUpperInvariant(),
                Path = Path,
                ExpectStatus = ExpectStatus,
                Methods = TryMethod,
                Concurrency = Concurrency,
                ThrottleLimit = ThrottleLimit,
                MaxHeaderBytes = MaxHeaderBytes,
            };
            BackendProber prober;
            try
            {
                prober = new BackendProber(options, this, LoggerFactory.CreateLogger("Test-LbBackend"));
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, "InvalidProbeOptions", ErrorCategory.InvalidArgument, null));
                return;
            }

            if (Quiet)
            {
                try
                {
                    foreach (var verdict in prober.CheckAll(_targets, CancelToken))
                    {
                        FlushLog();
                        WriteObject(verdict.Passed);
                    }
                }
                catch (OperationCanceledException) when (CancelToken.IsCancellationRequested)
                {
                    // Ctrl+C: PowerShell is already stopping the pipeline.
                }
            }
            else
            {
                WriteAll(prober.ProbeAll(_targets, CancelToken));
            }

            base.EndProcessing();
        }
    }
}
