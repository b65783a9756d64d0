using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using LbTools.Core.Diagnosis;
using LbTools.Core.Logs;
using LbTools.Core.Probes;
using LbTools.Core.Queries;
using LbTools.Core.Reports;
using LbTools.Core.Triage;
using LbTools.PowerShell.Infrastructure;
using Microsoft.Extensions.Logging;

namespace LbTools.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Reads access logs once and returns one triage report: totals, timeline, incidents, backends, probes and a verdict.</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "LbTriage", DefaultParameterSetName = PathSet, SupportsShouldProcess = true)]
    [OutputType(typeof(TriageReport))]
    public sealed class InvokeLbTriageCommand : LbCmdlet
    {
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";
        private const string QueryResultPathSet = "QueryResultPath";
        private const string QueryResultSet = "QueryResult";

        private readonly List<string> _files = new List<string>();
        private readonly List<PSObject> _rows = new List<PSObject>();

        [Parameter(ParameterSetName = PathSet, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = Array.Empty<string>();

        [Parameter(ParameterSetName = LiteralPathSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = Array.Empty<string>();

        [Parameter(ParameterSetName = PathSet)]
        [Parameter(ParameterSetName = LiteralPathSet)]
        public LogFormat Format { get; set; } = Core.Logs.LogFormat.Auto;

        /// <summary>For -Format Nginx (or Auto): an nginx log_format string or a preset name.</summary>
        [Parameter(ParameterSetName = PathSet)]
        [Parameter(ParameterSetName = LiteralPathSet)]
        [ValidateNotNullOrEmpty]
        public string? LogFormat { get; set; }

        [Parameter(ParameterSetName = PathSet)]
        [Parameter(ParameterSetName = LiteralPathSet)]
        public DateTime? Since { get; set; }

        [Parameter(ParameterSetName = PathSet)]
        [Parameter(ParameterSetName = LiteralPathSet)]
        public DateTime? Until { get; set; }

        /// <summary>A window ending at -Until (or now): 90s, 15m, 2h, 1d, 1w or hh:mm:ss.</summary>
        [Parameter(ParameterSetName = PathSet)]
        [Parameter(ParameterSetName = LiteralPathSet)]
        [ValidateNotNullOrEmpty]
        public string? Last { get; set; }

        /// <summary>CSV files a triage query returned (Athena, SLS, DuckDB; Get-LbQuery writes the query): read instead of logs.</summary>
        [Parameter(ParameterSetName = QueryResultPathSet, Mandatory = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] QueryResultPath { get; set; } = Array.Empty<string>();

        /// <summary>The rows of a triage query result as objects, one property per column (what Import-Csv makes).</summary>
        [Parameter(ParameterSetName = QueryResultSet, Mandatory = true, ValueFromPipeline = true)]
        [ValidateNotNull]
        public PSObject[] QueryResult { get; set; } = Array.Empty<PSObject>();

        /// <summary>The balancer type the query ran over.</summary>
        [Parameter(ParameterSetName = QueryResultPathSet, Mandatory = true)]
        [Parameter(ParameterSetName = QueryResultSet, Mandatory = true)]
        public LbProvider Provider { get; set; }

        /// <summary>Timeline interval (5m, 1h, …); chosen from the window when not given.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Interval { get; set; }

        /// <summary>The acceptable 5xx share in percent; the verdict says whether it was crossed.</summary>
        [Parameter]
        [ValidateRange(0.0, 100.0)]
        public double Threshold { get; set; }

        /// <summary>nginx error logs (wildcards allowed) joined to the access records: nginx's own message decides the cause.</summary>
        [Parameter(ParameterSetName = PathSet)]
        [Parameter(ParameterSetName = LiteralPathSet)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] ErrorLogPath { get; set; } = Array.Empty<string>();

        /// <summary>Report files to write: .html (self-contained page) and/or .md (Markdown).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[] OutFile { get; set; } = Array.Empty<string>();

        /// <summary>Probe the implicated backends with Test-LbBackend's probes and weigh the results.</summary>
        [Parameter]
        public SwitchParameter Probe { get; set; }

        /// <summary>Timeout of one probe step in seconds (with -Probe).</summary>
        [Parameter]
        [ValidateRange(0.1, 600)]
        public double ProbeTimeoutSec { get; set; } = 5;

        /// <summary>JSON files with extra causes and rules (the catalog schema plus "rules").</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[] RulePath { get; set; } = Array.Empty<string>();

        /// <summary>Backend connect timeout in seconds the diagnosis compares with (as Resolve-LbStatus -ConnectTimeout).</summary>
        [Parameter]
        [ValidateRange(0.001, 86400)]
        public double ConnectTimeout { get; set; }

        /// <summary>Backend request (read) timeout in seconds (as Resolve-LbStatus -RequestTimeout).</summary>
        [Parameter]
        [ValidateRange(0.001, 86400)]
        public double RequestTimeout { get; set; }

        /// <summary>AWS idle timeout in seconds (as Resolve-LbStatus -IdleTimeout).</summary>
        [Parameter]
        [ValidateRange(0.001, 86400)]
        public double IdleTimeout { get; set; }

        /// <summary>Language of causes, checks and report text (en, ja).</summary>
        [Parameter]
        [ValidateSet("en", "en-US", "ja", "ja-JP")]
        public string? Culture { get; set; }

        /// <summary>Threads that read the logs, and most backends probed at once.</summary>
        [Parameter]
        [ValidateRange(1, 256)]
        public int ThrottleLimit { get; set; } = Math.Min(Environment.ProcessorCount, 8);

        protected override void ProcessRecord()
        {
            if (ParameterSetName == QueryResultSet)
            {
                _rows.AddRange(QueryResult);
                return;
            }

            if (ParameterSetName == QueryResultPathSet)
            {
                foreach (var path in QueryResultPath)
                {
                    _files.AddRange(ResolveLogFiles(path, literal: false, recurse: false));
                }

                return;
            }

            bool literal = ParameterSetName == LiteralPathSet;
            foreach (var path in literal ? LiteralPath : Path)
            {
                _files.AddRange(ResolveLogFiles(path, literal, recurse: true));
            }
        }

        protected override void EndProcessing()
        {
            var options = BuildOptions();
            foreach (var path in ErrorLogPath)
            {
                foreach (var file in ResolveLogFiles(path, literal: false, recurse: false))
                {
                    options.ErrorLogFiles.Add(file);
                }
            }

            foreach (var file in OutFile)
            {
                if (!TriageReportFiles.IsSupported(file))
                {
                    ThrowTerminatingError(new ErrorRecord(new ArgumentException($"-OutFile '{file}' must end in .html, .htm, .md or .markdown."), "UnsupportedReportFile", ErrorCategory.InvalidArgument, file));
                }
            }

            // The rule files are checked here (an error names file and entry); the run loads them again for its own resolver.
            var resolver = LoadRuleFiles(RulePath, paths =>
            {
                options.RulePaths = paths;
                return StatusResolver.WithRuleFiles(paths, options.Culture, options.Settings);
            });
            TriageReport report;
            try
            {
                report = ParameterSetName == QueryResultPathSet || ParameterSetName == QueryResultSet
                    ? ReadQueryResult(options)
                    : new TriageRunner(options, this, LoggerFactory.CreateLogger("LbTools.Triage")).Run(_files, CancelToken);
                if (Probe.IsPresent)
                {
                    var approved = new List<string>();
                    foreach (var backend in report.ImplicatedBackends)
                    {
                        if (ShouldProcess(backend, "Probe backend (DNS, TCP, TLS, HTTP)"))
                        {
                            approved.Add(backend);
                        }
                    }

                    if (approved.Count > 0)
                    {
                        var probeOptions = new ProbeOptions { Timeout = TimeSpan.FromSeconds(ProbeTimeoutSec), ThrottleLimit = ThrottleLimit };
                        TriageProbing.Run(report, approved, probeOptions, resolver, this, CancelToken, LoggerFactory.CreateLogger("LbTools.Probes"));
                    }
                }
            }
            catch (OperationCanceledException) when (CancelToken.IsCancellationRequested)
            {
                // Ctrl+C: PowerShell is already stopping the pipeline.
                FlushLog();
                return;
            }

            foreach (var file in OutFile)
            {
                var full = SessionState.Path.GetUnresolvedProviderPathFromPSPath(file);
                if (!ShouldProcess(full, "Write triage report"))
                {
                    continue;
                }

                try
                {
                    TriageReportFiles.Write(report, full);
                    WriteVerbose($"Report written to {full}.");
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    WriteError(new ErrorRecord(ex, "ReportNotWritten", ErrorCategory.WriteError, full));
                }
            }

            FlushLog();
            WriteObject(report);
            base.EndProcessing();
        }

        /// <summary>The report of the query result files or rows; a file that is not a triage result ends the command naming it.</summary>
        private TriageReport ReadQueryResult(TriageOptions options)
        {
            var reader = new QueryResultReader(options, Provider, this, LoggerFactory.CreateLogger("LbTools.Triage"));
            try
            {
                if (ParameterSetName == QueryResultPathSet)
                {
                    return reader.Read(_files, CancelToken);
                }

                return reader.ReadRows(_rows.Select(Cells), "pipeline", CancelToken);
            }
            catch (InvalidDataException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, "InvalidQueryResult", ErrorCategory.InvalidData, ParameterSetName == QueryResultPathSet ? string.Join(", ", _files) : "pipeline"));
                throw;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                ThrowTerminatingError(new ErrorRecord(ex, "QueryResultNotRead", ErrorCategory.ReadError, string.Join(", ", _files)));
                throw;
            }
        }

        /// <summary>An object's properties as the cells of one result row (Import-Csv gives strings; other values as text).</summary>
        private static IReadOnlyDictionary<string, string?> Cells(PSObject row)
        {
            var cells = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in row.Properties)
            {
                var value = property.Value is PSObject wrapped ? wrapped.BaseObject : property.Value;
                cells[property.Name] = value switch
                {
                    null => null,
                    DateTime time => (time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : time).ToString("yyyy-MM-dd HH:mm:ss.fffffff", CultureInfo.InvariantCulture),
                    IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                    _ => value.ToString(),
                };
            }

            return cells;
        }

        private TriageOptions BuildOptions()
        {
            try
            {
                var options = new TriageOptions
                {
                    Format = Format,
                    NginxLogFormat = LogFormat,
                    Since = Utc(Since),
                    Until = Utc(Until),
                    Last = Last == null ? (TimeSpan?)null : Durations.Parse(Last, "-Last"),
                    Interval = Interval == null ? (TimeSpan?)null : Durations.Parse(Interval, "-Interval"),
                    Threshold = IsBound(nameof(Threshold)) ? Threshold : (double?)null,
                    Culture = CultureNames.Resolve(this, Culture),
                    Threads = ThrottleLimit,
                    Settings = BoundTimeouts(ConnectTimeout, RequestTimeout, IdleTimeout),
                };
                options.Validate();
                return options;
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, "InvalidTriageOption", ErrorCategory.InvalidArgument, null));
                throw;
            }
        }
    }
}
