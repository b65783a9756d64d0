using System;
using System.Management.Automation;
using LbTools.Core.Diagnosis;
using LbTools.Core.Logs;
using LbTools.PowerShell.Infrastructure;

namespace LbTools.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Maps a status code or access-log records to ranked likely causes.</para>
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Resolve, "LbStatus", DefaultParameterSetName = RecordSet)]
    [OutputType(typeof(StatusDiagnosis))]
    public sealed class ResolveLbStatusCommand : LbCmdlet
    {
        private const string CodeSet = "StatusCode";
        private const string RecordSet = "Record";

        private StatusResolver? _resolver;

        [Parameter(ParameterSetName = CodeSet, Mandatory = true, Position = 0)]
        [ValidateRange(100, 999)]
        public int[] StatusCode { get; set; } = Array.Empty<int>();

        [Parameter(ParameterSetName = CodeSet)]
        public LbProvider Provider { get; set; } = LbProvider.Unknown;

        [Parameter(ParameterSetName = RecordSet, Mandatory = true, ValueFromPipeline = true)]
        public LbLogRecord[] InputObject { get; set; } = Array.Empty<LbLogRecord>();

        /// <summary>Language of the cause texts (en, ja); defaults to the session's UI culture.</summary>
        [Parameter]
        [ValidateSet("en", "en-US", "ja", "ja-JP")]
        public string? Culture { get; set; }

        protected override void BeginProcessing()
        {
            _resolver = new StatusResolver(CauseCatalog.BuiltIn, CultureNames.Resolve(this, Culture));
        }

        protected override void ProcessRecord()
        {
            var resolver = _resolver!;
            if (ParameterSetName == CodeSet)
            {
                foreach (var code in StatusCode)
                {
                    WriteObject(resolver.ResolveCode(code, Provider));
                }

                return;
            }

            foreach (var record in InputObject)
            {
                var diagnosis = resolver.Resolve(record);
                if (diagnosis != null)
                {
                    WriteObject(diagnosis);
                }
            }
        }
    }
}
