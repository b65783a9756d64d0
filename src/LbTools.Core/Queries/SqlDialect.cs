using System;

namespace LbTools.Core.Queries
{
    /// <summary>
    /// The few functions where Trino (Athena), Simple Log Service SQL and DuckDB differ, each
    /// written once per engine; everything else the queries use is common to the three.
    /// </summary>
    internal sealed class SqlDialect
    {
        private SqlDialect(QueryEngine engine)
        {
            Engine = engine;
        }

        public QueryEngine Engine { get; }

        public bool IsDuckDb => Engine == QueryEngine.DuckDb;

        public static SqlDialect For(QueryEngine engine) => engine switch
        {
            QueryEngine.Athena or QueryEngine.Sls or QueryEngine.DuckDb => new SqlDialect(engine),
            _ => throw new ArgumentOutOfRangeException(nameof(engine), engine, "No SQL dialect for this engine."),
        };

        /// <summary>
        /// "AS (" of a CTE read more than once: DuckDB would otherwise evaluate it again for
        /// every reference (every regular expression, once per reference); Trino and SLS have no such keyword.
        /// </summary>
        public string SharedCte => Engine == QueryEngine.DuckDb ? "AS MATERIALIZED (" : "AS (";

        /// <summary>The logged text, NULL for '-' or empty (the providers' "no value").</summary>
        public string Text(string expression) => $"NULLIF(NULLIF(TRIM({expression}), '-'), '')";

        public string TryInteger(string expression) => $"TRY_CAST({Text(expression)} AS INTEGER)";

        public string TryBigint(string expression) => $"TRY_CAST({Text(expression)} AS BIGINT)";

        /// <summary>Seconds as logged; a negative value (AWS -1: not dispatched, no answer) is NULL.</summary>
        public string Seconds(string expression)
        {
            string value = $"TRY_CAST({Text(expression)} AS DOUBLE)";
            return $"(CASE WHEN {value} < 0 THEN NULL ELSE {value} END)";
        }

        /// <summary>
        /// An ISO 8601 time with 'Z' or an offset, as a TIMESTAMP in UTC. Trino and SLS go through
        /// seconds since 1970 (from_unixtime gives UTC in Athena's UTC session and SLS), which
        /// keeps milliseconds; DuckDB keeps microseconds.
        /// </summary>
        public string IsoTimestamp(string expression) => Engine == QueryEngine.DuckDb
            ? $"timezone('UTC', TRY_CAST({expression} AS TIMESTAMPTZ))"
            : FromEpochSeconds($"to_unixtime(from_iso8601_timestamp({expression}))");

        /// <summary>Seconds since 1970 (a DOUBLE) as a TIMESTAMP in UTC.</summary>
        public string FromEpochSeconds(string expression) => Engine == QueryEngine.DuckDb
            ? $"timezone('UTC', to_timestamp({expression}))"
            : $"from_unixtime({expression})";

        /// <summary>A UTC TIMESTAMP as seconds since 1970 (DOUBLE).</summary>
        public string EpochSeconds(string timestamp) => Engine == QueryEngine.DuckDb
            ? $"epoch({timestamp})"
            : $"to_unixtime({timestamp})";

        /// <summary>The last entry of an nginx-style attempt list ("a, b : c" -> c), trimmed; NULL for '-'.</summary>
        public string LastAttempt(string expression)
        {
            string list = $"split(replace({expression}, ' : ', ','), ',')";
            string last = Engine == QueryEngine.DuckDb ? $"list_extract({list}, -1)" : $"element_at({list}, -1)";
            return Text(last);
        }

        /// <summary>The last space-separated entry of an ALB *_list field.</summary>
        public string LastWord(string expression)
        {
            string list = $"split(TRIM({expression}), ' ')";
            return Engine == QueryEngine.DuckDb ? $"list_extract({list}, -1)" : $"element_at({list}, -1)";
        }

        /// <summary>Group <paramref name="group"/> of a regular expression match, NULL when nothing matched (DuckDB gives '').</summary>
        public string RegexGroup(string expression, string pattern, int group) =>
            $"NULLIF(regexp_extract({expression}, {SqlText.Literal(pattern)}, {group}), '')";

        /// <summary>True when the text matches the pattern anywhere (anchor it for a whole match).</summary>
        public string Matches(string expression, string pattern) => Engine == QueryEngine.DuckDb
            ? $"regexp_matches({expression}, {SqlText.Literal(pattern)})"
            : $"regexp_like({expression}, {SqlText.Literal(pattern)})";

        public string UrlDecode(string expression) => $"url_decode({expression})";

        /// <summary>An approximate percentile (0..1) of a DOUBLE column.</summary>
        public string Percentile(string expression, double fraction)
        {
            string p = fraction.ToString("0.0##", System.Globalization.CultureInfo.InvariantCulture);
            return Engine == QueryEngine.DuckDb ? $"approx_quantile({expression}, {p})" : $"approx_percentile({expression}, {p})";
        }

        /// <summary>A value as a JSON string literal ("/a\"b").</summary>
        public string JsonString(string expression) => Engine == QueryEngine.DuckDb
            ? $"CAST(to_json({expression}) AS VARCHAR)"
            : $"json_format(CAST({expression} AS JSON))";

        /// <summary>An aggregate joining <paramref name="item"/> with ', ' in descending order of <paramref name="orderBy"/>.</summary>
        public string JoinDescending(string item, string orderBy) => Engine == QueryEngine.DuckDb
            ? $"string_agg({item}, ', ' ORDER BY {orderBy} DESC, {item})"
            : $"array_join(array_agg({item} ORDER BY {orderBy} DESC, {item}), ', ')";
    }
}
