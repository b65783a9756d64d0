namespace LbTools.Core.Queries
{
    /// <summary>What a generated query is for.</summary>
    public enum QueryKind
    {
        /// <summary>The table definition: Athena CREATE EXTERNAL TABLE, DuckDB views over local files, or for SLS a preview of the canonical records.</summary>
        Table,

        /// <summary>The triage query: counts by status, cause, backend and interval, first/last seen, top paths, percentiles.</summary>
        Triage,
    }
}
