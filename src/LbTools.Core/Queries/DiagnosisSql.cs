using LbTools.Core.Diagnosis;
using LbTools.Core.Logs;

namespace LbTools.Core.Queries
{
    /// <summary>
    /// The diagnosis rules as SQL expressions over the canonical record relation <c>lb_records</c>
    /// (one column per <see cref="LbLogRecord"/> property in snake_case, vendor fields as v_name).
    /// </summary>
    internal static class DiagnosisSql
    {
        // Placeholder until the rules compile themselves: every record needing a diagnosis gets no cause.
        public static DiagnosisSqlParts Compile(LbProvider provider, QueryEngine engine, ProviderProfile profile, CauseCatalog catalog)
        {
            System.Diagnostics.Debug.Assert(profile != null && catalog != null, "callers pass the resolver's profile and catalog");
            return new DiagnosisSqlParts(
                "(status >= 400 OR (status < 200 AND status <> 101))",
                "CAST(NULL AS VARCHAR)",
                System.Array.Empty<string>());
        }
    }

    /// <summary>The pieces a triage query is built from.</summary>
    internal sealed class DiagnosisSqlParts
    {
        public DiagnosisSqlParts(string needsDiagnosis, string cause, System.Collections.Generic.IReadOnlyList<string> narrowOnly)
        {
            NeedsDiagnosis = needsDiagnosis;
            Cause = cause;
            NarrowOnly = narrowOnly;
        }

        /// <summary>A boolean SQL expression: the record gets a diagnosis (StatusResolver.NeedsDiagnosis).</summary>
        public string NeedsDiagnosis { get; }

        /// <summary>A VARCHAR SQL expression: the incident cause (an id, a tie "A|B" in ordinal order, or NULL for no evidence).</summary>
        public string Cause { get; }

        /// <summary>Rules SQL cannot evaluate, each with the causes it can then only narrow down.</summary>
        public System.Collections.Generic.IReadOnlyList<string> NarrowOnly { get; }
    }
}
