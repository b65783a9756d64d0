using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using LbTools.Core.Logs;

namespace LbTools.Core.Queries
{
    /// <summary>
    /// The raw tables: Athena DDL over an S3 prefix with partition projection by day (AWS ALB,
    /// Classic ELB, CloudFront), DuckDB SELECTs over local files (all five providers). Simple
    /// Log Service needs none: its logstore already knows the fields by name.
    /// </summary>
    internal static class TableDefinition
    {
        public const string DayColumn = "day";

        /// <summary>The projected partition's format: ALB and ELB write under yyyy/MM/dd/.</summary>
        public const string DayFormat = "yyyy/MM/dd";

        /// <summary>Athena CREATE EXTERNAL TABLE for the provider over <paramref name="location"/>.</summary>
        public static string Athena(LbProvider provider, string tableName, string location, DateTime projectionStart)
        {
            var table = LogTable.For(provider);
            if (table.Kind == LogTableKind.Named)
            {
                throw new ArgumentException($"Athena serves the AWS logs (AwsAlb, AwsClb, CloudFront); {provider} logs live in a Simple Log Service logstore: use -Engine Sls.");
            }

            location = CheckLocation(location);
            var ddl = new StringBuilder();
            ddl.Append("CREATE EXTERNAL TABLE IF NOT EXISTS ").Append(HiveName(tableName)).Append(" (\n");
            ddl.Append(string.Join(",\n", table.Columns.Select(c => "  " + SqlText.HiveIdentifier(c) + " string")));
            ddl.Append("\n)\nPARTITIONED BY (").Append(SqlText.HiveIdentifier(DayColumn)).Append(" string)\n");
            if (table.Kind == LogTableKind.LineRegex)
            {
                ddl.Append("ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.RegexSerDe'\n");
                ddl.Append("WITH SERDEPROPERTIES (\n  'serialization.format' = '1',\n  'input.regex' = ").Append(SqlText.HiveLiteral(table.LineRegex!)).Append("\n)\n");
            }
            else
            {
                ddl.Append("ROW FORMAT DELIMITED FIELDS TERMINATED BY ").Append(SqlText.HiveLiteral("\t")).Append('\n');
            }

            ddl.Append("LOCATION ").Append(SqlText.HiveLiteral(location)).Append('\n');
            var properties = new List<(string, string)>();
            if (table.Kind == LogTableKind.Tabs)
            {
                properties.Add(("skip.header.line.count", "2"));
            }

            properties.Add(("projection.enabled", "true"));
            properties.Add(("projection.day.type", "date"));
            properties.Add(("projection.day.range", projectionStart.ToString(DayFormat, CultureInfo.InvariantCulture) + ",NOW"));
            properties.Add(("projection.day.format", DayFormat));
            properties.Add(("projection.day.interval", "1"));
            properties.Add(("projection.day.interval.unit", "DAYS"));
            properties.Add(("storage.location.template", location + "${day}"));
            ddl.Append("TBLPROPERTIES (\n").Append(string.Join(",\n", properties.Select(p => "  " + SqlText.HiveLiteral(p.Item1) + " = " + SqlText.HiveLiteral(p.Item2)))).Append("\n)");
            return ddl.ToString();
        }

        /// <summary>A DuckDB SELECT giving the raw columns of the provider's files (plain or .gz, globs allowed).</summary>
        public static string DuckDbSource(LbProvider provider, IReadOnlyList<string> paths)
        {
            if (paths == null || paths.Count == 0)
            {
                throw new ArgumentException("DuckDB reads local files: give at least one path (-Path).");
            }

            var table = LogTable.For(provider);
            switch (table.Kind)
            {
                case LogTableKind.LineRegex:
                    string regex = SqlText.Literal(table.LineRegex!);
                    string names = "[" + string.Join(", ", table.Columns.Select(SqlText.Literal)) + "]";
                    return $"SELECT unnest(regexp_extract(line, {regex}, {names}))\n  FROM {Lines(paths)}\n  WHERE regexp_matches(line, {regex})";
                case LogTableKind.Tabs:
                    var cells = table.Fields.Select((f, i) => $"list_extract(cells, {i + 1}) AS {SqlText.Identifier(table.Column(f))}");
                    return $"SELECT {string.Join(", ", cells)}\n  FROM (SELECT string_split(line, chr(9)) AS cells FROM {Lines(paths)} WHERE line NOT LIKE '#%')\n  WHERE len(cells) >= {table.Fields.Count}";
                default:
                    return Named(table, paths);
            }
        }

        /// <summary>DuckDB's view definitions: the raw view and lb_records over it.</summary>
        public static string DuckDbViews(LbProvider provider, IReadOnlyList<string> paths, string viewName) =>
            $"CREATE OR REPLACE VIEW {SqlText.Identifier(viewName)} AS\n{DuckDbSource(provider, paths)};\n\n" +
            $"CREATE OR REPLACE VIEW lb_records AS\n{RecordRelation.Select(provider, SqlDialect.For(QueryEngine.DuckDb), SqlText.Identifier(viewName))};\n";

        /// <summary>"db.table" as Hive names, each part quoted.</summary>
        public static string HiveName(string name) => string.Join(".", SplitName(name).Select(SqlText.HiveIdentifier));

        /// <summary>"db.table" as SQL names, each part quoted.</summary>
        public static string SqlName(string name) => string.Join(".", SplitName(name).Select(SqlText.Identifier));

        private static string[] SplitName(string name)
        {
            var parts = (name ?? string.Empty).Split('.');
            if (parts.Length > 2 || parts.Any(p => p.Length == 0))
            {
                throw new ArgumentException($"'{name}' is not a table name (name or database.name).");
            }

            return parts;
        }

        private static string CheckLocation(string location)
        {
            if (string.IsNullOrWhiteSpace(location) || !location.StartsWith("s3://", StringComparison.Ordinal) || location.Length <= "s3://".Length)
            {
                throw new ArgumentException($"-Location must be an S3 URI such as s3://bucket/prefix/AWSLogs/123456789012/elasticloadbalancing/us-east-1/ (got '{location}').");
            }

            return location.EndsWith("/", StringComparison.Ordinal) ? location : location + "/";
        }

        /// <summary>Every line of the files as one VARCHAR column (no quoting, no header; DuckDB unpacks .gz by the name).</summary>
        private static string Lines(IReadOnlyList<string> paths) =>
            $"read_csv({PathList(paths)}, columns = {{'line': 'VARCHAR'}}, header = false, delim = chr(1), quote = '', escape = '', auto_detect = false)";

        private static string PathList(IEnumerable<string> paths) => "[" + string.Join(", ", paths.Select(SqlText.Literal)) + "]";

        /// <summary>
        /// A pattern that does not say whether it means CSV or JSON-lines exports ("exports/*") is
        /// expanded to the files it matches now, so each is read as what it is; any other path stays
        /// as given (DuckDB expands it where the query runs).
        /// </summary>
        private static IEnumerable<string> ByKind(string path)
        {
            string name = System.IO.Path.GetFileName(path);
            bool pattern = name.IndexOfAny(new[] { '*', '?' }) >= 0;
            bool saysKind = name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".csv.gz", StringComparison.OrdinalIgnoreCase)
                || name.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".json.gz", StringComparison.OrdinalIgnoreCase);
            string? folder = System.IO.Path.GetDirectoryName(path);
            if (!pattern || saysKind || string.IsNullOrEmpty(folder) || folder!.IndexOfAny(new[] { '*', '?' }) >= 0 || !System.IO.Directory.Exists(folder))
            {
                return new[] { path };
            }

            var files = System.IO.Directory.GetFiles(folder, name).OrderBy(f => f, StringComparer.Ordinal).ToArray();
            return files.Length == 0 ? new[] { path } : files;
        }

        /// <summary>
        /// Simple Log Service exports: JSON lines and CSV files, each column by name; a documented
        /// field missing from a file is NULL (UNION ALL BY NAME over an empty row of them all).
        /// </summary>
        private static string Named(LogTable table, IReadOnlyList<string> paths)
        {
            static bool IsCsv(string p) => p.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || p.EndsWith(".csv.gz", StringComparison.OrdinalIgnoreCase);
            paths = paths.SelectMany(ByKind).ToArray();
            var csv = paths.Where(IsCsv).ToArray();
            var json = paths.Where(p => !IsCsv(p)).ToArray();
            var parts = new List<string>
            {
                "SELECT " + string.Join(", ", table.Fields.Select(f => "CAST(NULL AS VARCHAR) AS " + SqlText.Identifier(f))) + " WHERE false",
            };
            if (json.Length > 0)
            {
                string columns = "{" + string.Join(", ", table.Fields.Select(f => SqlText.Literal(f) + ": 'VARCHAR'")) + "}";
                parts.Add($"SELECT * FROM read_json({PathList(json)}, format = 'newline_delimited', columns = {columns})");
            }

            if (csv.Length > 0)
            {
                parts.Add($"SELECT * FROM read_csv({PathList(csv)}, header = true, all_varchar = true)");
            }

            return string.Join("\n  UNION ALL BY NAME\n  ", parts);
        }
    }
}
