using System;
using System.Collections.Generic;
using System.Linq;

namespace LbTools.Core.Logs.Aws
{
    /// <summary>
    /// AWS Application Load Balancer access log lines (space-delimited, some fields quoted).
    /// Field order from the AWS "Access logs for your Application Load Balancer" page, plus
    /// conn_trace_id (2024) and the transform fields (2025). AWS appends new fields at the end
    /// and tells parsers to ignore unexpected ones, so anything past the known list is kept in
    /// <see cref="LbLogRecord.ExtraFields"/> rather than rejected.
    /// </summary>
    public sealed class AwsAlbLineParser : ILogLineParser
    {
        /// <summary>The documented fields, in log order, under AWS's own names.</summary>
        public static readonly IReadOnlyList<string> FieldNames = new[]
        {
            "type", "time", "elb", "client:port", "target:port",
            "request_processing_time", "target_processing_time", "response_processing_time",
            "elb_status_code", "target_status_code", "received_bytes", "sent_bytes",
            "request", "user_agent", "ssl_cipher", "ssl_protocol", "target_group_arn",
            "trace_id", "domain_name", "chosen_cert_arn", "matched_rule_priority",
            "request_creation_time", "actions_executed", "redirect_url", "error_reason",
            "target:port_list", "target_status_code_list", "classification",
            "classification_reason", "conn_trace_id", "transformed_host", "transformed_uri",
            "request_transform_status",
        };

        /// <summary>Lines before 2018 stop after the request line; fewer fields than that is not ALB.</summary>
        public const int MinimumFieldCount = 13;

        private static readonly HashSet<string> KnownTypes = new HashSet<string>(StringComparer.Ordinal)
        {
            "http", "https", "h2", "grpcs", "ws", "wss",
        };

        private readonly List<string> _fields = new List<string>(40);

        public LogFormat Format => LogFormat.AwsAlb;

        /// <summary>True when the line starts like an ALB entry (type token, then an ISO time).</summary>
        public static bool LooksLikeAlb(string line)
        {
            int space = line.IndexOf(' ');
            if (space <= 0 || !KnownTypes.Contains(line.Substring(0, space)))
            {
                return false;
            }

            return line.Length > space + 11 && char.IsDigit(line[space + 1]) && line[space + 5] == '-' && line[space + 11] == 'T';
        }

        public ParseOutcome Parse(string line)
        {
            if (!AwsFieldTokenizer.TryTokenize(line, _fields))
            {
                return ParseOutcome.Reject(LineRejection.UnterminatedQuote, "a quoted field is not closed");
            }

            if (_fields.Count < MinimumFieldCount)
            {
                return ParseOutcome.Reject(LineRejection.TooFewFields, $"{_fields.Count} fields, an ALB entry has at least {MinimumFieldCount}");
            }

            var record = new LbLogRecord { Provider = LbProvider.AwsAlb };
            var named = new Dictionary<string, string?>(FieldNames.Count, StringComparer.OrdinalIgnoreCase);
            int known = Math.Min(_fields.Count, FieldNames.Count);
            for (int i = 0; i < known; i++)
            {
                named[FieldNames[i]] = _fields[i];
            }

            record.Fields = named;
            if (_fields.Count > FieldNames.Count)
            {
                record.ExtraFields = _fields.Skip(FieldNames.Count).ToArray();
            }

            if (!FieldValues.TryUtcTime(named["time"], out var time) || time == null)
            {
                return Invalid("time", named["time"]);
            }

            record.Time = time;
            FieldValues.SplitAddress(named["client:port"], out var client, out var clientPort);
            record.ClientAddress = client;
            record.ClientPort = clientPort;

            if (!AwsFields.TryTimings(named, "request_processing_time", "target_processing_time", "response_processing_time", record, out var invalid))
            {
                return invalid;
            }

            if (!FieldValues.TryInt(named["elb_status_code"], out var status))
            {
                return Invalid("elb_status_code", named["elb_status_code"]);
            }

            if (!FieldValues.TryInt(named["target_status_code"], out var targetStatus))
            {
                return Invalid("target_status_code", named["target_status_code"]);
            }

            record.Status = status;
            record.UpstreamStatus = targetStatus;

            if (!FieldValues.TryLong(named["received_bytes"], out var received))
            {
                return Invalid("received_bytes", named["received_bytes"]);
            }

            if (!FieldValues.TryLong(named["sent_bytes"], out var sent))
            {
                return Invalid("sent_bytes", named["sent_bytes"]);
            }

            record.BytesReceived = received;
            record.BytesSent = sent;

            AwsFields.ApplyRequest(named["request"], record);
            record.UserAgent = FieldValues.Text(Get(named, "user_agent"));
            record.TlsCipher = FieldValues.Text(Get(named, "ssl_cipher"));
            record.TlsProtocol = FieldValues.Text(Get(named, "ssl_protocol"));
            record.TraceId = FieldValues.Text(Get(named, "trace_id"));
            record.ErrorReason = FieldValues.Text(Get(named, "error_reason"));

            var targets = SplitList(Get(named, "target:port_list"));
            if (targets.Length == 0 && !FieldValues.IsAbsent(named["target:port"]))
            {
                targets = new[] { named["target:port"]! };
            }

            record.UpstreamAddresses = targets;
            record.Upstream = targets.Length > 0 ? targets[targets.Length - 1] : null;

            var statusList = SplitList(Get(named, "target_status_code_list"));
            if (statusList.Length > 0)
            {
                var statuses = new int?[statusList.Length];
                for (int i = 0; i < statusList.Length; i++)
                {
                    if (!FieldValues.TryInt(statusList[i], out statuses[i]))
                    {
                        return Invalid("target_status_code_list", Get(named, "target_status_code_list"));
                    }
                }

                record.UpstreamStatuses = statuses;
            }
            else if (targetStatus != null)
            {
                record.UpstreamStatuses = new[] { targetStatus };
            }

            return ParseOutcome.Success(record);
        }

        private static string? Get(Dictionary<string, string?> named, string name) => named.TryGetValue(name, out var v) ? v : null;

        /// <summary>The *_list fields are space-delimited inside their quotes; "-" means empty.</summary>
        private static string[] SplitList(string? text)
        {
            if (FieldValues.IsAbsent(text))
            {
                return Array.Empty<string>();
            }

            return text!.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries).Where(s => s != "-").ToArray();
        }

        private static ParseOutcome Invalid(string field, string? value) => AwsFields.Invalid(field, value);
    }
}
