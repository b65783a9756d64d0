using System;
using System.Collections.Generic;
using System.Management.Automation;
using LbTools.Core.Diagnosis;
using LbTools.Core.Logs.ErrorLog;
using LbTools.PowerShell.Infrastructure;
using Microsoft.Extensions.Logging;

namespace LbTools.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Reads nginx, Tengine and OpenResty error logs into typed events with the causes their messages prove.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "LbErrorLog", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(NginxErrorEvent))]
    public sealed class GetLbErrorLogCommand : LbCmdlet
    {
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";

        private ErrorLogReader? _reader;

        [Parameter(ParameterSetName = PathSet, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = Array.Empty<string>();

        [Parameter(ParameterSetName = LiteralPathSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = Array.Empty<string>();

        [Parameter]
        public SwitchParameter Recurse { get; set; }

        /// <summary>Only entries at this level or above are written (all are read and counted).</summary>
        [Parameter]
        public NginxErrorLevel MinimumLevel { get; set; } = NginxErrorLevel.Debug;

        /// <summary>The UTC offset of nginx's clock; the error log itself has no zone.</summary>
        [Parameter]
        public TimeSpan? UtcOffset { get; set; }

        /// <summary>JSON files whose "nginxMessages" add message patterns (and "causes" add causes).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[] RulePath { get; set; } = Array.Empty<string>();

        protected override void BeginProcessing()
        {
            var messages = LoadRuleFiles(RulePath, paths =>
            {
                RuleFile.LoadAll(paths, out _, out var table);
                return table;
            });
            _reader = new ErrorLogReader(
                new ErrorLogReadOptions { MinimumLevel = MinimumLevel, UtcOffset = UtcOffset, Messages = messages },
                this,
                LoggerFactory.CreateLogger<GetLbErrorLogCommand>());
        }

        protected override void ProcessRecord()
        {
            bool literal = ParameterSetName == LiteralPathSet;
            var files = new List<string>();
            foreach (var path in literal ? LiteralPath : Path)
            {
                files.AddRange(ResolveLogFiles(path, literal, Recurse.IsPresent));
            }

            WriteAll(_reader!.ReadFiles(files, CancelToken));
        }
    }
}
