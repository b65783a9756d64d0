using System;
using System.Collections.Generic;
using System.Linq;
using LbTools.Core.Logs;

namespace LbTools.Core.Queries
{
    /// <summary>
    /// Writes the SELECT that turns a provider's raw table into the canonical relation
    /// <c>lb_records</c>, with the values and NULL rules of the in-process parsers: '-' and
    /// empty are NULL, AWS -1 timings are NULL, the total ALB/ELB time is known only when all
    /// three parts are, the backend of an attempt list is its last attempt.
    /// </summary>
    internal static class RecordRelation
    {
        /// <summary>
        /// The SELECT over <paramref name="source"/> (a table, a view, or SLS's <c>log</c>), with
        /// <paramref name="filter"/> (e.g. Athena's partition days) when given. For the line formats
        /// a line the expression did not match (Athena's RegexSerDe gives a row of NULLs) or whose
        /// time is missing is left out, as the parser rejects it; DuckDB's source keeps only the
        /// lines the expression matches (a filter here would cost it a pass per column).
        /// </summary>
        public static string Select(LbProvider provider, SqlDialect sql, string source, string? filter = null)
        {
            var table = LogTable.For(provider);
            var values = provider switch
            {
                LbProvider.AwsAlb => Alb(table, sql),
                LbProvider.AwsClb => Clb(table, sql),
                LbProvider.CloudFront => CloudFront(table, sql),
                _ => Alibaba(table, sql),
            };

            var lines = new List<string>();
            foreach (var column in RecordShape.CanonicalColumns)
            {
                lines.Add((values.TryGetValue(column, out var value) ? value : Null(column)) + " AS " + SqlText.Identifier(column));
            }

            foreach (var field in table.Fields.GroupBy(LogTable.VendorColumn, StringComparer.Ordinal).Select(g => g.First()))
            {
                lines.Add(VendorValue(table, sql, field) + " AS " + SqlText.Identifier(LogTable.VendorColumn(field)));
            }

            var where = new List<string>();
            if (table.Kind == LogTableKind.LineRegex && !sql.IsDuckDb)
            {
                where.Add(sql.Text(Col(table, table.Fields[provider == LbProvider.AwsAlb ? 1 : 0])) + " IS NOT NULL");
            }

            if (filter != null)
            {
                where.Add(filter);
            }

            return "SELECT\n    " + string.Join(",\n    ", lines) + "\n  FROM " + source + (where.Count == 0 ? string.Empty : "\n  WHERE " + string.Join(" AND ", where));
        }

        private static string Null(string column) => column switch
        {
            "time" => "CAST(NULL AS TIMESTAMP)",
            "status" or "upstream_status" => "CAST(NULL AS INTEGER)",
            "bytes_received" or "bytes_sent" or "request_length" => "CAST(NULL AS BIGINT)",
            "request_time" or "upstream_connect_time" or "upstream_header_time" or "upstream_response_time" or "rtt" => "CAST(NULL AS DOUBLE)",
            _ => "CAST(NULL AS VARCHAR)",
        };

        private static string Col(LogTable table, string field) => SqlText.Identifier(table.Column(field));

        private static string VendorValue(LogTable table, SqlDialect sql, string field)
        {
            string value = sql.Text(Col(table, field));
            return table.Provider == LbProvider.CloudFront ? sql.UrlDecode(value) : value;
        }

        private static Dictionary<string, string> Alb(LogTable t, SqlDialect sql)
        {
            var v = Aws(t, sql, "time", "request_processing_time", "target_processing_time", "response_processing_time", "elb_status_code", "target_status_code", "received_bytes", "sent_bytes", "client:port");
            string target = sql.Text(Col(t, "target:port"));
            string list = sql.Text(Col(t, "target:port_list"));
            string statusList = sql.Text(Col(t, "target_status_code_list"));

            // Upstream: target:port when it holds one address, else the last entry of target:port_list.
            v["upstream"] = $"(CASE WHEN {target} IS NOT NULL AND strpos({target}, ' ') = 0 THEN {target} ELSE {sql.Text(sql.LastWord(list))} END)";
            v["upstream_addresses"] = $"COALESCE({list}, {target})";
            v["upstream_statuses"] = $"COALESCE({statusList}, {sql.Text(Col(t, "target_status_code"))})";
            v["error_reason"] = sql.Text(Col(t, "error_reason"));
            return v;
        }

        private static Dictionary<string, string> Clb(LogTable t, SqlDialect sql)
        {
            var v = Aws(t, sql, "timestamp", "request_processing_time", "backend_processing_time", "response_processing_time", "elb_status_code", "backend_status_code", "received_bytes", "sent_bytes", "client:port");
            string backend = sql.Text(Col(t, "backend:port"));
            v["upstream"] = backend;
            v["upstream_addresses"] = backend;
            v["upstream_statuses"] = sql.Text(Col(t, "backend_status_code"));
            return v;
        }

        /// <summary>What ALB and Classic ELB share: time, the three partial times, statuses, sizes, the request line.</summary>
        private static Dictionary<string, string> Aws(LogTable t, SqlDialect sql, string time, string requestPart, string backendPart, string responsePart, string status, string backendStatus, string received, string sent, string client)
        {
            string backendSeconds = sql.Seconds(Col(t, backendPart));
            var v = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["time"] = sql.IsoTimestamp(sql.Text(Col(t, time))),
                ["status"] = sql.TryInteger(Col(t, status)),
                ["upstream_status"] = sql.TryInteger(Col(t, backendStatus)),
                ["request_time"] = $"({sql.Seconds(Col(t, requestPart))} + {backendSeconds} + {sql.Seconds(Col(t, responsePart))})",
                ["upstream_header_time"] = backendSeconds,
                ["bytes_received"] = sql.TryBigint(Col(t, received)),
                ["bytes_sent"] = sql.TryBigint(Col(t, sent)),
                ["client_address"] = ClientAddress(sql, sql.Text(Col(t, client))),
            };
            AddRequestLine(v, sql, Col(t, "request"));
            return v;
        }

        /// <summary>"ip:port" without the port ("[v6]:port" and "v6:port" too), as FieldValues.SplitAddress does.</summary>
        private static string ClientAddress(SqlDialect sql, string address) =>
            $"COALESCE((CASE WHEN strpos({address}, ':') > 1 THEN {sql.RegexGroup(address, "^\\[?(.*?)\\]?:[0-9]+$", 1)} END), {address})";

        /// <summary>"GET https://host:443/p?q HTTP/1.1": method, protocol, and the target's host, path and query (RequestLine).</summary>
        private static void AddRequestLine(Dictionary<string, string> v, SqlDialect sql, string request)
        {
            string line = $"TRIM({request})";
            string target = $"COALESCE({sql.RegexGroup(line, "^\\S+ (.*) \\S+$", 1)}, {sql.RegexGroup(line, "^\\S+ (.*)$", 1)}, {line})";
            string absolute = sql.Matches(target, "^[^/]+://");
            string rest = $"(CASE WHEN {absolute} THEN regexp_replace({target}, '^[^/]+://[^/]*', '') ELSE {target} END)";
            v["method"] = sql.Text(sql.RegexGroup(line, "^(\\S+) ", 1));
            v["protocol"] = sql.Text(sql.RegexGroup(line, "^\\S+ .* (\\S+)$", 1));
            v["host"] = $"(CASE WHEN {absolute} THEN {sql.RegexGroup(target, "^[^/]+://(\\[[^\\]]*\\]|[^/:]*)", 1)} END)";
            v["path"] = $"(CASE WHEN {target} <> '-' THEN {sql.RegexGroup(rest, "^([^?]+)", 1)} END)";
            v["query"] = $"(CASE WHEN {target} <> '-' AND strpos({rest}, '?') > 0 THEN substr({rest}, strpos({rest}, '?') + 1) END)";
        }

        private static Dictionary<string, string> CloudFront(LogTable t, SqlDialect sql)
        {
            string Cell(string field) => sql.Text(sql.UrlDecode(Col(t, field)));
            string resultType = Cell("x-edge-result-type");
            return new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["time"] = sql.IsoTimestamp($"({Cell("date")} || 'T' || {Cell("time")} || 'Z')"),
                ["status"] = sql.TryInteger(Col(t, "sc-status")),
                ["request_time"] = sql.Seconds(Col(t, "time-taken")),
                ["bytes_sent"] = sql.TryBigint(Col(t, "sc-bytes")),
                ["bytes_received"] = sql.TryBigint(Col(t, "cs-bytes")),
                ["method"] = Cell("cs-method"),
                ["path"] = Cell("cs-uri-stem"),
                ["query"] = Cell("cs-uri-query"),
                ["protocol"] = Cell("cs-protocol-version"),
                ["host"] = $"COALESCE({Cell("x-host-header")}, {Cell("cs(Host)")})",
                ["client_address"] = Cell("c-ip"),
                ["error_reason"] = $"(CASE WHEN {resultType} = 'Error' THEN COALESCE({Cell("x-edge-detailed-result-type")}, 'Error') END)",
            };
        }

        private static Dictionary<string, string> Alibaba(LogTable t, SqlDialect sql)
        {
            string uri = sql.Text(Col(t, "request_uri"));
            string host = $"COALESCE({sql.Text(Col(t, "http_host"))}, {sql.Text(Col(t, "host"))})";
            return new Dictionary<string, string>(StringComparer.Ordinal)
            {
                // The logged time wins over the logstore's receive time (__time__), as in NamedFieldMapper.
                ["time"] = $"COALESCE({sql.IsoTimestamp(sql.Text(Col(t, "time")))}, {sql.FromEpochSeconds($"TRY_CAST({sql.Text(Col(t, "__time__"))} AS DOUBLE)")})",
                ["status"] = sql.TryInteger(Col(t, "status")),
                ["upstream_statuses"] = sql.Text(Col(t, "upstream_status")),
                ["upstream_status"] = $"TRY_CAST({sql.LastAttempt(Col(t, "upstream_status"))} AS INTEGER)",
                ["upstream_addresses"] = sql.Text(Col(t, "upstream_addr")),
                ["upstream"] = sql.LastAttempt(Col(t, "upstream_addr")),
                ["request_time"] = sql.Seconds(Col(t, "request_time")),
                ["upstream_response_time"] = $"(CASE WHEN TRY_CAST({sql.LastAttempt(Col(t, "upstream_response_time"))} AS DOUBLE) >= 0 THEN TRY_CAST({sql.LastAttempt(Col(t, "upstream_response_time"))} AS DOUBLE) END)",
                ["rtt"] = $"(TRY_CAST({sql.Text(Col(t, "tcpinfo_rtt"))} AS DOUBLE) / 1000000)",
                ["bytes_sent"] = sql.TryBigint(Col(t, "body_bytes_sent")),
                ["request_length"] = sql.TryBigint(Col(t, "request_length")),
                ["bytes_received"] = sql.TryBigint(Col(t, "request_length")),
                ["method"] = sql.Text(Col(t, "request_method")),
                ["path"] = $"(CASE WHEN strpos({uri}, '?') > 0 THEN substr({uri}, 1, strpos({uri}, '?') - 1) ELSE {uri} END)",
                ["query"] = $"(CASE WHEN strpos({uri}, '?') > 0 THEN substr({uri}, strpos({uri}, '?') + 1) END)",
                ["protocol"] = sql.Text(Col(t, "server_protocol")),
                ["host"] = $"COALESCE({sql.RegexGroup(host, "^([^:]*):[0-9]*$", 1)}, {host})",
                ["client_address"] = sql.Text(Col(t, "client_ip")),
            };
        }
    }
}
