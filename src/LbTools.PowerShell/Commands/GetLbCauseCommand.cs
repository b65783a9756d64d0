using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using LbTools.Core.Diagnosis;
using LbTools.Core.Logs;
using LbTools.PowerShell.Infrastructure;

namespace LbTools.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Browses the cause catalog by status code, provider, id (wildcards) or keyword, or lists the incident triage checklist.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "LbCause", DefaultParameterSetName = CatalogSet)]
    [OutputType(typeof(CauseDescription), typeof(TriageStep))]
    public sealed class GetLbCauseCommand : LbCmdlet
    {
        private const string CatalogSet = "Catalog";
        private const string TriageSet = "Triage";

        private CauseCatalog? _catalog;

        /// <summary>Cause ids; * and ? are wildcards.</summary>
        [Parameter(ParameterSetName = CatalogSet, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("CauseId", "TopCause")]
        [SupportsWildcards]
        [AllowNull]
        [AllowEmptyCollection]
        public string[]? Id { get; set; } = Array.Empty<string>();

        [Parameter(ParameterSetName = CatalogSet)]
        [ValidateRange(0, 999)]
        public int[] StatusCode { get; set; } = Array.Empty<int>();

        [Parameter(ParameterSetName = CatalogSet)]
        public LbProvider Provider { get; set; } = LbProvider.Unknown;

        /// <summary>Text to find in ids, titles, explanations, checks, remedies or sources (any language).</summary>
        [Parameter(ParameterSetName = CatalogSet)]
        public string? Keyword { get; set; }

        /// <summary>The investigation checklist (scope, check, inspect, emergency moves, prevention).</summary>
        [Parameter(ParameterSetName = TriageSet, Mandatory = true)]
        public SwitchParameter Triage { get; set; }

        /// <summary>With -Triage: only the steps for this origin.</summary>
        [Parameter(ParameterSetName = TriageSet)]
        public CauseOrigin Origin { get; set; }

        [Parameter(ParameterSetName = CatalogSet)]
        [ValidateNotNullOrEmpty]
        public string[] RulePath { get; set; } = Array.Empty<string>();

        [Parameter]
        [ValidateSet("en", "en-US", "ja", "ja-JP")]
        public string? Culture { get; set; }

        protected override void ProcessRecord()
        {
            var culture = CultureNames.Resolve(this, Culture);
            if (Triage)
            {
                WriteAll(TriageChecklist.BuiltIn.Steps(culture, IsBound(nameof(Origin)) ? Origin : (CauseOrigin?)null));
                return;
            }

            var ids = Id ?? Array.Empty<string>();
            if (MyInvocation.ExpectingInput && ids.All(string.IsNullOrEmpty))
            {
                // A piped diagnosis without a top cause names nothing; listing the whole catalog would mislead.
                WriteVerbose("An input object carries no cause id; skipped.");
                return;
            }

            // Rule files are read once per command, not once per piped object.
            _catalog ??= LoadRuleFiles(RulePath, paths => RuleFile.LoadAll(paths, out _));
            var query = new CauseQuery { StatusCodes = StatusCode, Provider = Provider, Ids = ids, Keyword = Keyword };
            var found = query.Run(_catalog, culture).ToList();
            if (found.Count == 0 && ids.Any(i => !WildcardPattern.ContainsWildcardCharacters(i)))
            {
                var missing = string.Join(", ", ids);
                WriteError(ErrorRecords.From(new KeyNotFoundException($"The catalog has no cause matching '{missing}'."), "CauseNotFound", ErrorCategory.ObjectNotFound, missing));
            }

            WriteAll(found);
        }
    }
}
