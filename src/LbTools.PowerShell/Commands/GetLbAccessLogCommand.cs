using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System;
using LbTools.Core.Logs.Lines;
using LbTools.Core.Logs;
using LbTools.PowerShell.Infrastructure;
using Microsoft.Extensions.Logging;

namespace LbTools.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Reads load-balancer access logs into typed records.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "LbAccessLog", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(LbLogRecord))]
    public sealed class GetLbAccessLogCommand : LbCmdlet
    {
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";
        private const string InputSet = "InputObject";

        private readonly List<string> _pipedFiles = new List<string>();
        private AccessLogReader? _reader;
        private TextLogSession? _textSession;

        [Parameter(ParameterSetName = PathSet, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = Array.Empty<string>();

        [Parameter(ParameterSetName = LiteralPathSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = Array.Empty<string>();

        /// <summary>
        /// What arrives on the pipeline: log lines (Get-Content access.log | Get-LbAccessLog) or
        /// files and folders (Get-ChildItem | Get-LbAccessLog). Typed as PSObject, like
        /// Select-String's InputObject, so a line binds here rather than through its PSPath.
        /// </summary>
        [Parameter(ParameterSetName = InputSet, Mandatory = true, ValueFromPipeline = true)]
        [AllowEmptyString]
        [AllowNull]
        public PSObject? InputObject { get; set; }

        [Parameter]
        public LogFormat Format { get; set; } = Core.Logs.LogFormat.Auto;

        /// <summary>For -Format Nginx (or Auto): an nginx log_format string, the log_format directive as nginx.conf has it, or the preset combined / main / upstream.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? LogFormat { get; set; }

        [Parameter]
        public SwitchParameter Recurse { get; set; }

        /// <summary>Status codes, classes or ranges: 502, 5xx, 500-504 (several allowed).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Status { get; set; }

        [Parameter]
        public DateTime? Since { get; set; }

        [Parameter]
        public DateTime? Until { get; set; }

        /// <summary>Wildcard matched against every upstream attempt (ip:port).</summary>
        [Parameter]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string? Upstream { get; set; }

        /// <summary>Wildcard matched against the request host. (Named HostName in C# because Cmdlet.Host exists.)</summary>
        [Parameter]
        [Alias("Host")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string? HostName { get; set; }

        /// <summary>Stop after this many records have passed the filters (reading stops too).</summary>
        [Parameter]
        [ValidateRange(1, long.MaxValue)]
        public long First { get; set; }

        /// <summary>After reading the files, follow the last one as it grows (like tail -F, across log rotation) until Ctrl+C.</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        /// <summary>
        /// Also expose every vendor field as a property ($r.elb_status_code). Off by default: it
        /// wraps each record in a PSObject with one note property per field, which costs far more
        /// than parsing; $r['elb_status_code'] and $r.Fields['elb_status_code'] always work.
        /// </summary>
        [Parameter]
        public SwitchParameter ExpandFields { get; set; }

        /// <summary>
        /// How many threads read (the lines of a large file, or several filtered files side by
        /// side); records still come out in file and line order. By default the processor count,
        /// at most 8, so that one read does not take every core of a large shared host.
        /// </summary>
        [Parameter]
        [ValidateRange(1, 256)]
        public int ThrottleLimit { get; set; } = AccessLogReadOptions.DefaultParseThreads;

        [Parameter]
        [ValidateRange(16, int.MaxValue)]
        public int MaxLineLength { get; set; } = LogLineReader.DefaultMaxLineBytes;

        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int MaxErrorsPerFile { get; set; } = AccessLogReadOptions.DefaultMaxErrorsPerFile;

        /// <summary>Name of a variable that receives the read statistics (without the '$').</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? StatisticsVariable { get; set; }

        protected override void BeginProcessing()
        {
            var filter = new AccessLogFilter
            {
                Since = Utc(Since),
                Until = Utc(Until),
                Upstream = Upstream,
                Host = HostName,
                First = IsBound(nameof(First)) ? First : (long?)null,
            };
            var options = new AccessLogReadOptions
            {
                Format = Format,
                NginxLogFormat = LogFormat,
                MaxLineBytes = MaxLineLength,
                MaxErrorsPerFile = MaxErrorsPerFile,
                Filter = filter,
                Follow = Wait.IsPresent,
                ParseThreads = ThrottleLimit,
            };
            try
            {
                if (Status != null)
                {
                    filter.AddStatus(Status);
                }

                _reader = new AccessLogReader(options, this, LoggerFactory.CreateLogger("Get-LbAccessLog"));
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, "InvalidLogReadOption", ErrorCategory.InvalidArgument, null));
            }
        }

        protected override void ProcessRecord()
        {
            var reader = _reader!;
            if (reader.FirstReached)
            {
                // -First records have passed: the rest of the input is not read.
                return;
            }

            if (ParameterSetName == InputSet)
            {
                switch (InputObject?.BaseObject)
                {
                    case FileSystemInfo item:
                        ReadPiped(AccessLogReader.ExpandFiles(item.FullName, Recurse.IsPresent, this));
                        break;
                    case null:
                    case string _:
                        _textSession ??= reader.CreateTextSession("<pipeline>");
                        WriteAll(Shape(_textSession.Push(InputObject?.BaseObject as string)));
                        break;
                    case PathInfo resolved:
                        // Resolve-Path output: already resolved, so used as it is.
                        ReadPiped(ResolveFiles(resolved.Path, literal: true));
                        break;
                    case object _ when TryGetPipedPSPath(InputObject!, out var psPath):
                        // InputObject (a PSObject) binds every piped object before -LiteralPath could bind
                        // its PSPath by property name, so an item naming a file (Get-ItemProperty output,
                        // for example) is read here, as -LiteralPath would read it.
                        ReadPiped(ResolveFiles(psPath, literal: true));
                        break;
                    default:
                        var type = InputObject.BaseObject.GetType().FullName;
                        WriteError(new ErrorRecord(
                            new ArgumentException($"Get-LbAccessLog reads log lines (strings), files, Resolve-Path output or items with a PSPath, not {type}."),
                            "UnsupportedInputObject",
                            ErrorCategory.InvalidArgument,
                            InputObject));
                        break;
                }

                return;
            }

            var files = new List<string>();
            foreach (var path in ParameterSetName == PathSet ? Path : LiteralPath)
            {
                files.AddRange(ResolveFiles(path, literal: ParameterSetName == LiteralPathSet));
            }

            WriteAll(Shape(reader.ReadFiles(files, CancelToken)));
        }

        protected override void EndProcessing()
        {
            if (_pipedFiles.Count > 0)
            {
                WriteAll(Shape(_reader!.ReadFiles(_pipedFiles, CancelToken)));
            }

            if (_textSession != null)
            {
                WriteAll(Shape(_textSession.Complete()));
            }

            if (StatisticsVariable != null && _reader != null)
            {
                SessionState.PSVariable.Set(StatisticsVariable, _reader.Statistics);
            }

            base.EndProcessing();
        }

        /// <summary>With -ExpandFields, each record wrapped with its vendor fields as note properties.</summary>
        private IEnumerable<object> Shape(IEnumerable<LbLogRecord> records)
        {
            foreach (var record in records)
            {
                if (!ExpandFields.IsPresent)
                {
                    yield return record;
                    continue;
                }

                var wrapped = PSObject.AsPSObject(record);
                foreach (var field in record.Fields)
                {
                    if (wrapped.Properties[field.Key] == null)
                    {
                        wrapped.Properties.Add(new PSNoteProperty(field.Key, field.Value));
                    }
                }

                yield return wrapped;
            }
        }

        /// <summary>
        /// Files that came down the pipeline. With several threads and a filter, or -Wait, they are
        /// kept and read together once the input has ended, as -Path reads its files: so they can
        /// be read side by side, and -Wait follows the last one rather than the first.
        /// </summary>
        private void ReadPiped(IEnumerable<string> files)
        {
            if (_reader!.WantsFilesTogether)
            {
                _pipedFiles.AddRange(files);
                return;
            }

            WriteAll(Shape(_reader!.ReadFiles(files, CancelToken)));
        }

        /// <summary>The provider path (PSPath) of a piped item, when it has one.</summary>
        private static bool TryGetPipedPSPath(PSObject input, out string psPath)
        {
            psPath = input.Properties["PSPath"]?.Value as string ?? string.Empty;
            return psPath.Length > 0;
        }

        private IEnumerable<string> ResolveFiles(string path, bool literal) => ResolveLogFiles(path, literal, Recurse.IsPresent);
    }
}
