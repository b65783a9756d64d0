using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using LbTools.Core.Logs;
using LbTools.Core.Logs.Aws;
using LbTools.Core.Logs.CloudFront;

namespace LbTools.Core.Queries
{
    /// <summary>How a provider's raw log lines become columns (one per vendor field, all text).</summary>
    internal enum LogTableKind
    {
        /// <summary>One regular expression over the whole line (AWS ALB and Classic ELB: Athena's RegexSerDe, DuckDB's regexp_extract).</summary>
        LineRegex,

        /// <summary>Tab-separated cells, '#' lines are headers (CloudFront standard logs).</summary>
        Tabs,

        /// <summary>Fields that carry their names (Simple Log Service: the logstore, or its JSON/CSV export).</summary>
        Named,
    }

    /// <summary>
    /// The raw table of one provider: its vendor fields in log order, the column each becomes
    /// (<see cref="Column"/>), and for the space-delimited AWS formats the regular expression
    /// that splits a line. The same expression is written into the Athena DDL and the DuckDB
    /// view, so a DuckDB run over local files also checks the Athena table's expression.
    /// </summary>
    internal sealed class LogTable
    {
        /// <summary>Group holding what follows the documented fields (AWS appends fields; readers must take them).</summary>
        public const string ExtraColumn = "extra_fields";

        // ALB: which documented fields are written in double quotes (AWS "Access log entries" page, syntax example).
        private static readonly HashSet<string> AlbQuoted = new HashSet<string>(StringComparer.Ordinal)
        {
            "request", "user_agent", "trace_id", "domain_name", "chosen_cert_arn", "actions_executed", "redirect_url",
            "error_reason", "target:port_list", "target_status_code_list", "classification", "classification_reason",
            "transformed_host", "transformed_uri", "request_transform_status",
        };

        private static readonly HashSet<string> ClbQuoted = new HashSet<string>(StringComparer.Ordinal) { "request", "user_agent" };

        /// <summary>Alibaba ALB layer-7 logstore fields (Simple Log Service "ALB access log fields").</summary>
        internal static readonly IReadOnlyList<string> AlibabaAlbFields = new[]
        {
            "__topic__", "__time__", "time", "app_lb_id", "body_bytes_sent", "client_ip", "client_port", "host", "http_host",
            "http_referer", "http_user_agent", "http_x_forwarded_for", "http_x_real_ip", "read_request_time",
            "request_length", "request_method", "request_time", "request_uri", "scheme", "server_protocol", "slb_vport",
            "ssl_cipher", "ssl_protocol", "status", "tcpinfo_rtt", "upstream_addr", "upstream_response_time",
            "upstream_status", "vip_addr", "write_response_time", "slb_xtrace", "xtrace_type",
        };

        /// <summary>Alibaba CLB (classic SLB) layer-7 logstore fields (Simple Log Service "Log fields" of SLB access logs).</summary>
        internal static readonly IReadOnlyList<string> AlibabaClbFields = new[]
        {
            "__topic__", "__time__", "time", "slbid", "body_bytes_sent", "client_ip", "client_port", "host", "http_host",
            "http_referer", "http_user_agent", "http_x_forwarded_for", "http_x_real_ip", "read_request_time",
            "request_length", "request_method", "request_time", "request_uri", "scheme", "server_protocol", "slb_vport",
            "ssl_cipher", "ssl_protocol", "status", "tcpinfo_rtt", "upstream_addr", "upstream_response_time",
            "upstream_status", "vip_addr", "write_response_time",
        };

        private LogTable(LbProvider provider, LogTableKind kind, IReadOnlyList<string> fields, string? regex, string defaultName)
        {
            Provider = provider;
            Kind = kind;
            Fields = fields;
            LineRegex = regex;
            DefaultName = defaultName;
        }

        public LbProvider Provider { get; }

        public LogTableKind Kind { get; }

        /// <summary>The vendor field names in log order.</summary>
        public IReadOnlyList<string> Fields { get; }

        /// <summary>The whole-line expression (anchored; Java and RE2 read it alike), or null.</summary>
        public string? LineRegex { get; }

        /// <summary>The table (Athena) or view (DuckDB) name when the user gives none.</summary>
        public string DefaultName { get; }

        /// <summary>The raw columns: one per field, then <see cref="ExtraColumn"/> for the line formats.</summary>
        public IReadOnlyList<string> Columns => Kind == LogTableKind.LineRegex
            ? Fields.Select(Column).Concat(new[] { ExtraColumn }).ToArray()
            : Fields.Select(Column).ToArray();

        /// <summary>
        /// A vendor field name as a column: lower-cased, every character outside [a-z0-9] replaced
        /// by '_' ("target:port" -> target_port, "cs(Host)" -> cs_host_); Simple Log Service names
        /// (__time__) are kept as they are, since the logstore knows them by that name.
        /// </summary>
        public string Column(string field) => Kind == LogTableKind.Named ? field : Normalize(field);

        /// <summary>The canonical vendor column name: v_ + the normalized field name.</summary>
        public static string VendorColumn(string field) => "v_" + Normalize(field);

        public static string Normalize(string field)
        {
            var text = new StringBuilder(field.Length);
            foreach (char c in field.ToLowerInvariant())
            {
                text.Append((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? c : '_');
            }

            return text.ToString();
        }

        public static LogTable For(LbProvider provider) => provider switch
        {
            LbProvider.AwsAlb => new LogTable(provider, LogTableKind.LineRegex, AwsAlbLineParser.FieldNames, BuildRegex(AwsAlbLineParser.FieldNames, AlbQuoted, AwsAlbLineParser.MinimumFieldCount), "alb_access_logs"),
            LbProvider.AwsClb => new LogTable(provider, LogTableKind.LineRegex, AwsClbLineParser.FieldNames, BuildRegex(AwsClbLineParser.FieldNames, ClbQuoted, AwsClbLineParser.MinimumFieldCount), "elb_access_logs"),
            LbProvider.CloudFront => new LogTable(provider, LogTableKind.Tabs, CloudFrontLineParser.DocumentedFields, null, "cloudfront_standard_logs"),
            LbProvider.AlibabaAlb => new LogTable(provider, LogTableKind.Named, AlibabaAlbFields, null, "alibaba_alb_logs"),
            LbProvider.AlibabaClb => new LogTable(provider, LogTableKind.Named, AlibabaClbFields, null, "alibaba_clb_logs"),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "No SQL table for this provider: the SQL path serves AwsAlb, AwsClb, CloudFront, AlibabaAlb and AlibabaClb."),
        };

        /// <summary>
        /// Fields separated by one space, quoted ones as "..." (a backslash escapes the next
        /// character), the first <paramref name="required"/> fields required and each later one
        /// optional only together with those before it; what follows goes to <see cref="ExtraColumn"/>.
        /// </summary>
        private static string BuildRegex(IReadOnlyList<string> fields, HashSet<string> quoted, int required)
        {
            var regex = new StringBuilder("^");
            for (int i = 0; i < fields.Count; i++)
            {
                string field = quoted.Contains(fields[i]) ? "\"((?:[^\"\\\\]|\\\\.)*)\"" : "([^ ]*)";
                if (i == 0)
                {
                    regex.Append(field);
                }
                else if (i < required)
                {
                    regex.Append(' ').Append(field);
                }
                else
                {
                    regex.Append("(?: ").Append(field);
                }
            }

            for (int i = required; i < fields.Count; i++)
            {
                regex.Append(")?");
            }

            return regex.Append("(?: (.*))?$").ToString();
        }
    }
}
