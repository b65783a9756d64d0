using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using LbTools.Core.Logs;

namespace LbTools.Core.Queries
{
    /// <summary>
    /// The triage query: one row set with the columns
    /// row_kind,status,cause,backend,interval_start,requests,first_seen,last_seen,p50_seconds,p95_seconds,p99_seconds,top_paths
    /// (window, incident, interval and backend rows), over lb_records.
    /// </summary>
    internal static class TriageQuery
    {
        public static readonly IReadOnlyList<string> ResultColumns = new[]
        {
            "row_kind", "status", "cause", "backend", "interval_start", "requests", "first_seen", "last_seen", "p50_seconds", "p95_seconds", "p99_seconds", "top_paths",
        };

        /// <summary>Most paths per incident in top_paths (the in-process report's default).</summary>
        public const int TopPaths = 5;

        /// <param name="sql">The engine's dialect.</param>
        /// <param name="provider">The provider (decides the record mapping).</param>
        /// <param name="rawSource">The CTE or table the raw columns come from, e.g. a quoted table name, "raw", or "log".</param>
        /// <param name="prefix">CTEs before lb_records (DuckDB: raw AS (...)), or empty.</param>
        /// <param name="sourceFilter">A WHERE over the raw table (Athena: the partition days), or null.</param>
        /// <param name="diagnosis">The compiled rules.</param>
        /// <param name="window">The window, either end open.</param>
        /// <param name="intervalSeconds">The interval width.</param>
        /// <param name="statuses">The status filter of incident and interval rows, or empty.</param>
        /// <param name="parameters">Receives each parameter as written.</param>
        public static string Build(SqlDialect sql, LbProvider provider, string rawSource, string prefix, string? sourceFilter, DiagnosisSqlParts diagnosis, (DateTimeOffset? Since, DateTimeOffset? Until) window, long intervalSeconds, IReadOnlyList<int> statuses, IDictionary<string, string> parameters)
        {
            var where = new List<string>();
            if (window.Since.HasValue)
            {
                parameters["window_start"] = SqlText.Literal(window.Since.Value);
                where.Add("time >= " + parameters["window_start"]);
            }

            if (window.Until.HasValue)
            {
                parameters["window_end"] = SqlText.Literal(window.Until.Value);
                where.Add("time <= " + parameters["window_end"]);
            }

            parameters["interval_seconds"] = SqlText.Literal(intervalSeconds);
            string statusFilter = string.Empty;
            if (statuses.Count > 0)
            {
                parameters["statuses"] = string.Join(", ", statuses.Distinct().OrderBy(s => s).Select(s => SqlText.Literal((long)s)));
                statusFilter = $" AND status IN ({parameters["statuses"]})";
            }

            string interval = parameters["interval_seconds"];
            string noDouble = "CAST(NULL AS DOUBLE)";
            string noText = "CAST(NULL AS VARCHAR)";
            string noTime = "CAST(NULL AS TIMESTAMP)";
            string noInt = "CAST(NULL AS INTEGER)";
            string Pct(string column) => $"{sql.Percentile(column, 0.5)} AS p50, {sql.Percentile(column, 0.95)} AS p95, {sql.Percentile(column, 0.99)} AS p99";

            var text = new StringBuilder();
            text.Append("WITH ").Append(prefix);
            text.Append("lb_records AS (\n  ").Append(RecordRelation.Select(provider, sql, rawSource, sourceFilter).Replace("\n", "\n  "));
            text.Append("\n),\nwindowed ").Append(sql.SharedCte).Append("\n  SELECT * FROM lb_records");
            if (where.Count > 0)
            {
                text.Append(" WHERE ").Append(string.Join(" AND ", where));
            }

            // An incident's key as one text (chr(1) between the parts, which no part holds), so the
            // top paths join back with '=' (IS NOT DISTINCT FROM is not in every parser).
            text.Append("\n),\ndiagnosed_records AS (\n  SELECT status, ").Append(diagnosis.Cause).Append(" AS cause, upstream AS backend, time, COALESCE(path, '-') AS path, request_time\n");
            text.Append("  FROM windowed\n  WHERE (").Append(diagnosis.NeedsDiagnosis).Append(")").Append(statusFilter).Append("\n),\n");
            text.Append("diagnosed ").Append(sql.SharedCte).Append("\n  SELECT *, COALESCE(CAST(status AS VARCHAR), '') || chr(1) || COALESCE(cause, '') || chr(1) || COALESCE(backend, '') AS incident_key\n  FROM diagnosed_records\n),\n");
            text.Append("path_counts AS (\n  SELECT incident_key, path, COUNT(*) AS n,\n");
            text.Append("    row_number() OVER (PARTITION BY incident_key ORDER BY COUNT(*) DESC, path) AS path_rank\n");
            text.Append("  FROM diagnosed GROUP BY incident_key, path\n),\n");
            text.Append("top_paths AS (\n  SELECT incident_key, '{' || ").Append(sql.JoinDescending($"{sql.JsonString("path")} || ': ' || CAST(n AS VARCHAR)", "n")).Append(" || '}' AS top_paths\n");
            text.Append("  FROM path_counts WHERE path_rank <= ").Append(SqlText.Literal((long)TopPaths)).Append(" GROUP BY incident_key\n),\n");
            text.Append($"incidents AS (\n  SELECT incident_key, status, cause, backend, COUNT(*) AS requests, MIN(time) AS first_seen, MAX(time) AS last_seen, {Pct("request_time")}\n");
            text.Append("  FROM diagnosed GROUP BY incident_key, status, cause, backend\n)\n");

            text.Append($"SELECT 'window' AS row_kind, {noInt} AS status, {noText} AS cause, {noText} AS backend, {noTime} AS interval_start, COUNT(*) AS requests, MIN(time) AS first_seen, MAX(time) AS last_seen, {noDouble} AS p50_seconds, {noDouble} AS p95_seconds, {noDouble} AS p99_seconds, {noText} AS top_paths\n");
            text.Append("FROM windowed\nUNION ALL\n");
            text.Append($"SELECT 'incident', i.status, i.cause, i.backend, {noTime}, i.requests, i.first_seen, i.last_seen, i.p50, i.p95, i.p99, t.top_paths\n");
            text.Append("FROM incidents i LEFT JOIN top_paths t ON t.incident_key = i.incident_key\nUNION ALL\n");
            string start = sql.FromEpochSeconds($"floor({sql.EpochSeconds("time")} / {interval}) * {interval}");
            text.Append($"SELECT 'interval', status, cause, backend, {start}, COUNT(*), MIN(time), MAX(time), {noDouble}, {noDouble}, {noDouble}, {noText}\n");
            text.Append($"FROM diagnosed WHERE time IS NOT NULL GROUP BY status, cause, backend, {start}\nUNION ALL\n");
            text.Append($"SELECT 'backend', {noInt}, {noText}, upstream, {noTime}, COUNT(*), MIN(time), MAX(time), {Pct("COALESCE(upstream_response_time, upstream_header_time)")}, {noText}\n");
            text.Append("FROM windowed WHERE upstream IS NOT NULL GROUP BY upstream\n");
            text.Append("ORDER BY 1, 2, 3, 4, 5");
            return text.ToString();
        }
    }
}
