using System;
using System.Linq;
using System.Management.Automation;
using LbTools.Core.Probes;
using LbTools.PowerShell.Infrastructure;
using Microsoft.Extensions.Logging;

namespace LbTools.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Probes a backend the way a load balancer talks to it.</para>
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "LbBackend")]
    [OutputType(typeof(ProbeResult))]
    [OutputType(typeof(bool))]
    public sealed class TestLbBackendCommand : LbCmdlet
    {
        private BackendProber? _prober;

        /// <summary>host:port, [v6]:port or an http(s) URL; binds Upstream from log records and diagnoses.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Upstream", "Address")]
        [ValidateNotNullOrEmpty]
        public string[] Target { get; set; } = Array.Empty<string>();

        [Parameter]
        [ValidateNotNullOrEmpty]
        public ProbeKind[] Probe { get; set; } = { ProbeKind.Dns, ProbeKind.Tcp };

        [Parameter]
        [ValidateRange(1, 600)]
        public int TimeoutSec { get; set; } = 5;

        /// <summary>Returns one bool per target: true when every probe passed or warned.</summary>
        [Parameter]
        public SwitchParameter Quiet { get; set; }

        protected override void BeginProcessing()
        {
            var options = new ProbeOptions
            {
                Probes = Probe,
                Timeout = TimeSpan.FromSeconds(TimeoutSec),
            };
            _prober = new BackendProber(options, this, LoggerFactory.CreateLogger("Test-LbBackend"));
        }

        protected override void ProcessRecord()
        {
            foreach (var text in Target)
            {
                if (!BackendTarget.TryParse(text, out var target, out var error))
                {
                    WriteError(new ErrorRecord(new ArgumentException($"'{text}' is not a valid target: {error}."), "InvalidTarget", ErrorCategory.InvalidArgument, text));
                    continue;
                }

                var results = _prober!.Probe(target!, CancelToken);
                if (Quiet)
                {
                    bool ok = false;
                    try
                    {
                        var all = results.ToList();
                        ok = all.Count > 0 && all.All(r => r.Succeeded);
                    }
                    catch (OperationCanceledException) when (CancelToken.IsCancellationRequested)
                    {
                        return;
                    }

                    FlushLog();
                    WriteObject(ok);
                }
                else
                {
                    WriteAll(results);
                }
            }
        }
    }
}
