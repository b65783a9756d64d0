using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using LbTools.Core.Diagnosis;
using LbTools.Core.Logs;

namespace LbTools.Core.Queries
{
    /// <summary>
    /// Writes the table definition or the triage query for an engine and a provider: what
    /// Get-LbQuery and <c>lbtools query</c> both call. Every value from the request is written
    /// through <see cref="SqlText"/>; nothing is pasted raw.
    /// </summary>
    public static class QueryWriter
    {
        /// <summary>The LIMIT of an SLS triage query: Simple Log Service returns 100 rows when a query names none.</summary>
        internal const long SlsRowLimit = 1_000_000;

        /// <summary>The query for the request; throws ArgumentException naming the parameter that does not fit.</summary>
        public static LbQuery Write(QueryRequest request)
        {
            if (request == null)
            {
                throw new ArgumentNullException(nameof(request));
            }

            CheckEngine(request.Engine, request.Provider);
            var window = request.Window();
            if (request.Interval.Ticks % TimeSpan.TicksPerSecond != 0)
            {
                throw new ArgumentException($"-Interval must be whole seconds (got {request.Interval}).");
            }

            var table = LogTable.For(request.Provider);
            string name = request.TableName ?? table.DefaultName;
            var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
            var notes = new List<string>();
            var profile = request.Settings.ProfileFor(request.Provider);
            parameters["connect_timeout_seconds"] = SqlText.Literal(profile.ConnectTimeout.TotalSeconds);
            parameters["request_timeout_seconds"] = SqlText.Literal(profile.RequestTimeout.TotalSeconds);
            parameters["idle_timeout_seconds"] = SqlText.Literal(profile.IdleTimeout.TotalSeconds);
            IReadOnlyList<string> narrowOnly = Array.Empty<string>();
            string text;
            var sql = SqlDialect.For(request.Engine);
            if (request.Kind == QueryKind.Table)
            {
                text = Table(request, sql, name, notes);
            }
            else
            {
                var parts = DiagnosisSql.Compile(request.Provider, request.Engine, profile, CauseCatalog.BuiltIn);
                narrowOnly = parts.NarrowOnly;
                text = Triage(request, sql, name, window, parts, parameters, notes);
                if (request.Engine != QueryEngine.Sls)
                {
                    // The text says itself what it cannot decide; SLS takes no comment before its "* |" search part.
                    text = string.Concat(narrowOnly.Select(n => "-- Narrow only, " + n + "\n")) + text;
                }
            }

            return new LbQuery(request.Engine, request.Provider, request.Kind, text, parameters, narrowOnly, notes);
        }

        private static void CheckEngine(QueryEngine engine, LbProvider provider)
        {
            LogTable.For(provider);
            bool aws = provider == LbProvider.AwsAlb || provider == LbProvider.AwsClb || provider == LbProvider.CloudFront;
            if (engine == QueryEngine.Athena && !aws)
            {
                throw new ArgumentException($"Athena serves the AWS logs (AwsAlb, AwsClb, CloudFront); {provider} logs live in a Simple Log Service logstore: use -Engine Sls, or -Engine DuckDb over exported files.");
            }

            if (engine == QueryEngine.Sls && aws)
            {
                throw new ArgumentException($"Simple Log Service serves the Alibaba logs (AlibabaAlb, AlibabaClb); {provider} logs are in S3: use -Engine Athena, or -Engine DuckDb over downloaded files.");
            }
        }

        private static string Table(QueryRequest request, SqlDialect sql, string name, List<string> notes)
        {
            switch (request.Engine)
            {
                case QueryEngine.Athena:
                    notes.Add("Run once in the Athena query editor; partition projection finds each day's folder (yyyy/MM/dd under the location), no ALTER TABLE ADD PARTITION needed.");
                    if (request.Provider == LbProvider.CloudFront)
                    {
                        notes.Add("CloudFront: the day partition assumes logs delivered under a yyyy/MM/dd prefix (standard logging v2 with partitioning); for the legacy flat delivery drop PARTITIONED BY and the projection properties.");
                    }

                    return TableDefinition.Athena(request.Provider, name, request.Location ?? string.Empty, request.ProjectionStart);
                case QueryEngine.DuckDb:
                    notes.Add("Run in duckdb; then the triage query can read lb_records.");
                    return TableDefinition.DuckDbViews(request.Provider, request.Paths, name);
                default:
                    notes.Add("Simple Log Service needs no table: the logstore's index names the fields. This query previews the canonical records; paste it in the logstore's query box.");
                    return "* | SELECT * FROM (\n  " + RecordRelation.Select(request.Provider, sql, "log").Replace("\n", "\n  ") + "\n) LIMIT 100";
            }
        }

        private static string Triage(QueryRequest request, SqlDialect sql, string name, (DateTimeOffset? Since, DateTimeOffset? Until) window, DiagnosisSqlParts parts, Dictionary<string, string> parameters, List<string> notes)
        {
            long interval = (long)request.Interval.TotalSeconds;
            switch (request.Engine)
            {
                case QueryEngine.Athena:
                    string? days = null;
                    if (window.Since.HasValue || window.Until.HasValue)
                    {
                        var filter = new List<string>();
                        if (window.Since.HasValue)
                        {
                            parameters["day_from"] = SqlText.Literal(window.Since.Value.UtcDateTime.ToString(TableDefinition.DayFormat, CultureInfo.InvariantCulture));
                            filter.Add($"{SqlText.Identifier(TableDefinition.DayColumn)} >= {parameters["day_from"]}");
                        }

                        if (window.Until.HasValue)
                        {
                            parameters["day_to"] = SqlText.Literal(window.Until.Value.UtcDateTime.ToString(TableDefinition.DayFormat, CultureInfo.InvariantCulture));
                            filter.Add($"{SqlText.Identifier(TableDefinition.DayColumn)} <= {parameters["day_to"]}");
                        }

                        days = string.Join(" AND ", filter);
                    }
                    else
                    {
                        notes.Add("No window: Athena scans every day of the table (bytes scanned = the whole prefix). Give -Since/-Until or -Last.");
                    }

                    notes.Add($"Reads the table {name} (Get-LbQuery -Kind Table writes it). Download the result as CSV for Invoke-LbTriage.");
                    return TriageQuery.Build(sql, request.Provider, TableDefinition.SqlName(name), string.Empty, days, parts, window, interval, request.Statuses, parameters);
                case QueryEngine.DuckDb:
                    notes.Add("Self-contained: reads the files itself. Save the result with COPY (...) TO 'result.csv' (HEADER) for Invoke-LbTriage.");
                    string raw = "raw AS (\n  " + TableDefinition.DuckDbSource(request.Provider, request.Paths).Replace("\n", "\n  ") + "\n),\n";
                    return TriageQuery.Build(sql, request.Provider, "raw", raw, null, parts, window, interval, request.Statuses, parameters);
                default:
                    notes.Add("Paste into the logstore's query box with a time range that covers the window (Simple Log Service reads only that range), then export the result as CSV.");
                    notes.Add("Every field the query reads needs a field index with analytics on; Simple Log Service returns 100 rows unless told, hence the LIMIT.");
                    return "* | " + TriageQuery.Build(sql, request.Provider, "log", string.Empty, null, parts, window, interval, request.Statuses, parameters) + "\nLIMIT " + SqlText.Literal(SlsRowLimit);
            }
        }
    }
}
