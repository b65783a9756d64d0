using System.Collections.Generic;
using System;
using LbTools.Core.Logs.Parsing;
using LbTools.Core.Logs.Values;

namespace LbTools.Core.Logs.Aws
{
    /// <summary>
    /// AWS Classic Load Balancer access log lines (reference §3): space-delimited like ALB but
    /// starting with the timestamp. TCP/SSL listener lines carry "- - - " as the request, "-"
    /// statuses and -1 timings when nothing was dispatched. Trailing fields past the documented
    /// fifteen are kept in ExtraFields.
    /// </summary>
    internal sealed class AwsClbLineParser : ILogLineParser, IParallelLineParser
    {
        public static readonly IReadOnlyList<string> FieldNames = new[]
        {
            "timestamp", "elb", "client:port", "backend:port", "request_processing_time",
            "backend_processing_time", "response_processing_time", "elb_status_code",
            "backend_status_code", "received_bytes", "sent_bytes", "request", "user_agent",
            "ssl_cipher", "ssl_protocol",
        };

        /// <summary>Up to and including the request: the part every listener type writes.</summary>
        public const int MinimumFieldCount = 12;

        private readonly List<string> _fields = new List<string>(20);

        public LogFormat Format => LogFormat.AwsClb;

        ILogLineParser IParallelLineParser.CreateWorkerCopy() => new AwsClbLineParser();

        /// <summary>An ISO 8601 UTC timestamp ("2015-05-13T23:39:43.945958Z") as the first token.</summary>
        public static bool LooksLikeClb(string line)
        {
            int space = line.IndexOf(' ');
            return space >= 20 && line[4] == '-' && line[7] == '-' && line[10] == 'T' && line[13] == ':' && line[space - 1] == 'Z' && char.IsDigit(line[0]);
        }

        public ParseOutcome Parse(string line)
        {
            if (!AwsFieldTokenizer.TryTokenize(line, _fields))
            {
                return ParseOutcome.Reject(LineRejection.UnterminatedQuote, "a quoted field is not closed");
            }

            if (_fields.Count < MinimumFieldCount)
            {
                return ParseOutcome.Reject(LineRejection.TooFewFields, $"{_fields.Count} fields, a Classic ELB entry has at least {MinimumFieldCount}");
            }

            var named = new Dictionary<string, string?>(FieldNames.Count, StringComparer.OrdinalIgnoreCase);
            int known = Math.Min(_fields.Count, FieldNames.Count);
            for (int i = 0; i < known; i++)
            {
                named[FieldNames[i]] = _fields[i];
            }

            var record = new LbLogRecord { Provider = LbProvider.AwsClb, Fields = named };
            if (_fields.Count > FieldNames.Count)
            {
                record.ExtraFields = _fields.GetRange(FieldNames.Count, _fields.Count - FieldNames.Count).ToArray();
            }

            if (!FieldValues.TryUtcTime(named["timestamp"], out var time) || time == null)
            {
                return AwsFields.Invalid("timestamp", named["timestamp"]);
            }

            record.Time = time;
            FieldValues.SplitAddress(named["client:port"], out var client, out var clientPort);
            record.ClientAddress = client;
            record.ClientPort = clientPort;

            if (!AwsFields.TryTimings(named, "request_processing_time", "backend_processing_time", "response_processing_time", record, out var invalid))
            {
                return invalid;
            }

            if (!FieldValues.TryInt(named["elb_status_code"], out var status))
            {
                return AwsFields.Invalid("elb_status_code", named["elb_status_code"]);
            }

            if (!FieldValues.TryInt(named["backend_status_code"], out var backendStatus))
            {
                return AwsFields.Invalid("backend_status_code", named["backend_status_code"]);
            }

            record.Status = status;
            record.UpstreamStatus = backendStatus;
            record.UpstreamStatuses = backendStatus == null ? Array.Empty<int?>() : new[] { backendStatus };

            if (!FieldValues.TryLong(named["received_bytes"], out var received))
            {
                return AwsFields.Invalid("received_bytes", named["received_bytes"]);
            }

            if (!FieldValues.TryLong(named["sent_bytes"], out var sent))
            {
                return AwsFields.Invalid("sent_bytes", named["sent_bytes"]);
            }

            record.BytesReceived = received;
            record.BytesSent = sent;
            AwsFields.ApplyRequest(named["request"], record);
            named.TryGetValue("user_agent", out var agent);
            named.TryGetValue("ssl_cipher", out var cipher);
            named.TryGetValue("ssl_protocol", out var protocol);
            record.UserAgent = FieldValues.Text(agent);
            record.TlsCipher = FieldValues.Text(cipher);
            record.TlsProtocol = FieldValues.Text(protocol);

            var backend = named["backend:port"];
            if (!FieldValues.IsAbsent(backend))
            {
                record.Upstream = backend;
                record.UpstreamAddresses = new[] { backend! };
            }

            return ParseOutcome.Success(record);
        }
    }
}
