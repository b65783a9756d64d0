using System;
using System.Collections.Generic;
using System.Management.Automation;
using LbTools.Core.Diagnosis;
using LbTools.Core.Logs;
using LbTools.Core.Logs.ErrorLog;
using LbTools.Core.Probes;
using LbTools.PowerShell.Infrastructure;
using Microsoft.Extensions.Logging;

namespace LbTools.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Maps a status code, access-log records or probe results to ranked likely causes.</para>
    /// <para type="description">With -StatusCode: the catalog's causes for the code. With records from Get-LbAccessLog: one diagnosis per error record (or, with -Summary, one incident per status, top cause and upstream). With probe results from Test-LbBackend: the causes they confirm or rule out.</para>
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Resolve, "LbStatus", DefaultParameterSetName = RecordSet)]
    [OutputType(typeof(StatusDiagnosis), typeof(IncidentSummary))]
    public sealed class ResolveLbStatusCommand : LbCmdlet
    {
        private const string CodeSet = "StatusCode";
        private const string RecordSet = "Record";
        private const string ProbeSet = "ProbeResult";

        private readonly List<ProbeResult> _pipedProbes = new List<ProbeResult>();
        private StatusResolver? _resolver;
        private IncidentSummarizer? _summarizer;
        private ErrorLogJoin? _errorLog;

        [Parameter(ParameterSetName = CodeSet, Mandatory = true, Position = 0)]
        [Parameter(ParameterSetName = ProbeSet, Position = 0)]
        [ValidateRange(0, 999)]
        public int[] StatusCode { get; set; } = Array.Empty<int>();

        [Parameter(ParameterSetName = CodeSet)]
        [Parameter(ParameterSetName = ProbeSet)]
        public LbProvider Provider { get; set; } = LbProvider.Unknown;

        [Parameter(ParameterSetName = RecordSet, Mandatory = true, ValueFromPipeline = true)]
        public LbLogRecord[] InputObject { get; set; } = Array.Empty<LbLogRecord>();

        /// <summary>Probe results (Test-LbBackend) piped in on their own.</summary>
        [Parameter(ParameterSetName = ProbeSet, Mandatory = true, ValueFromPipeline = true)]
        public ProbeResult[] ProbeResult { get; set; } = Array.Empty<ProbeResult>();

        /// <summary>Probe results weighed for the records whose upstream address they probed.</summary>
        [Parameter(ParameterSetName = RecordSet)]
        public ProbeResult[] Probe { get; set; } = Array.Empty<ProbeResult>();

        /// <summary>One incident object per (status, top cause, upstream) instead of one diagnosis per record.</summary>
        [Parameter(ParameterSetName = RecordSet)]
        public SwitchParameter Summary { get; set; }

        /// <summary>nginx error logs read before the records: each event joins the access record it belongs to and proves its cause.</summary>
        [Parameter(ParameterSetName = RecordSet)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] ErrorLogPath { get; set; } = Array.Empty<string>();

        /// <summary>JSON files with extra causes and rules (the catalog schema plus "rules").</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[] RulePath { get; set; } = Array.Empty<string>();

        /// <summary>Backend connect timeout in seconds (defaults: Alibaba 5, AWS ALB 10, nginx 60).</summary>
        [Parameter]
        [ValidateRange(0.001, 86400)]
        public double ConnectTimeout { get; set; }

        /// <summary>Backend request (read) timeout in seconds (default 60).</summary>
        [Parameter]
        [ValidateRange(0.001, 86400)]
        public double RequestTimeout { get; set; }

        /// <summary>AWS idle timeout in seconds (default 60).</summary>
        [Parameter]
        [ValidateRange(0.001, 86400)]
        public double IdleTimeout { get; set; }

        /// <summary>Largest request header in bytes (defaults: Alibaba 32 KB, AWS ALB 16 K, nginx 8k).</summary>
        [Parameter]
        [ValidateRange(1, 1073741824)]
        public long HeaderLimit { get; set; }

        /// <summary>Longest URI in bytes (defaults: Alibaba 32 KB).</summary>
        [Parameter]
        [ValidateRange(1, 1073741824)]
        public long UriLimit { get; set; }

        /// <summary>AWS ALB target group deregistration delay in seconds.</summary>
        [Parameter]
        [ValidateRange(0, 86400)]
        public double DeregistrationDelay { get; set; }

        /// <summary>Language of the cause texts (en, ja); defaults to the session's UI culture.</summary>
        [Parameter]
        [ValidateSet("en", "en-US", "ja", "ja-JP")]
        public string? Culture { get; set; }

        protected override void BeginProcessing()
        {
            var culture = CultureNames.Resolve(this, Culture);
            var settings = BoundTimeouts(ConnectTimeout, RequestTimeout, IdleTimeout);
            settings.DeregistrationDelay = BoundSeconds(nameof(DeregistrationDelay), DeregistrationDelay);
            settings.HeaderLimitBytes = IsBound(nameof(HeaderLimit)) ? HeaderLimit : (long?)null;
            settings.UriLimitBytes = IsBound(nameof(UriLimit)) ? UriLimit : (long?)null;
            _resolver = LoadRuleFiles(RulePath, paths => StatusResolver.WithRuleFiles(paths, culture, settings));

            if (Summary)
            {
                _summarizer = new IncidentSummarizer(culture);
            }

            if (ErrorLogPath.Length > 0)
            {
                var files = new List<string>();
                foreach (var path in ErrorLogPath)
                {
                    files.AddRange(ResolveLogFiles(path, literal: false, recurse: false));
                }

                var reader = new ErrorLogReader(new ErrorLogReadOptions { Messages = _resolver.NginxMessages }, this, LoggerFactory.CreateLogger<ResolveLbStatusCommand>());
                var events = new List<NginxErrorEvent>();
                try
                {
                    events.AddRange(reader.ReadFiles(files, CancelToken));
                }
                catch (OperationCanceledException) when (CancelToken.IsCancellationRequested)
                {
                    return;
                }

                _errorLog = new ErrorLogJoin(events);
                WriteVerbose($"Read {events.Count} error-log events from {files.Count} file(s); {_errorLog.ProcessEvents.Count} are not about a request.");
            }
        }

        protected override void ProcessRecord()
        {
            var resolver = _resolver!;
            switch (ParameterSetName)
            {
                case CodeSet:
                    foreach (var code in StatusCode)
                    {
                        WriteObject(resolver.ResolveCode(code, Provider));
                    }

                    break;
                case ProbeSet:
                    _pipedProbes.AddRange(ProbeResult);
                    break;
                default:
                    foreach (var record in InputObject)
                    {
                        var events = _errorLog?.Attach(record);
                        var diagnosis = resolver.Resolve(record, Probe, events);
                        if (diagnosis == null)
                        {
                            continue;
                        }

                        if (_summarizer != null)
                        {
                            _summarizer.Add(diagnosis);
                        }
                        else
                        {
                            WriteObject(diagnosis);
                        }
                    }

                    break;
            }
        }

        protected override void EndProcessing()
        {
            if (_errorLog != null)
            {
                // Never dropped silently: a count as a warning, each event on the information stream (-InformationVariable).
                var unjoined = _errorLog.Unjoined;
                if (unjoined.Count > 0)
                {
                    WriteWarning($"{unjoined.Count} of {_errorLog.Events.Count - _errorLog.ProcessEvents.Count} request events of the error log joined no access record (their requests are not in the records read, or a filter left them out). Use -InformationVariable to get them.");
                    foreach (var e in unjoined)
                    {
                        WriteInformation(e, new[] { "UnjoinedErrorLogEvent" });
                    }
                }
            }

            if (_summarizer != null)
            {
                WriteAll(_summarizer.Summaries());
            }

            if (ParameterSetName == ProbeSet && _pipedProbes.Count > 0)
            {
                WriteAll(_resolver!.ResolveProbes(_pipedProbes, StatusCode, Provider));
            }

            foreach (var line in _resolver!.RegexTimeouts())
            {
                WriteWarning(line);
            }

            base.EndProcessing();
        }

    }
}
