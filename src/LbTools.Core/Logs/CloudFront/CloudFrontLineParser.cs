using System.Collections.Generic;
using System;
using LbTools.Core.Logs.Parsing;
using LbTools.Core.Logs.Values;

namespace LbTools.Core.Logs.CloudFront
{
    /// <summary>
    /// Amazon CloudFront standard (legacy) logs (reference §4): W3C extended, tab-separated, the
    /// columns named by the "#Fields:" header of each file, values URL-encoded. '#' lines count
    /// as skipped. Lines before any #Fields header (e.g. piped without the header) use the
    /// documented 33-column order. A trailing empty column is tolerated; more non-empty columns
    /// than the header names go to ExtraFields.
    /// </summary>
    internal sealed class CloudFrontLineParser : ILogLineParser
    {
        /// <summary>The documented column order (reference §4, "#Fields:" line).</summary>
        public static readonly IReadOnlyList<string> DocumentedFields =
            "date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status cs(Referer) cs(User-Agent) cs-uri-query cs(Cookie) x-edge-result-type x-edge-request-id x-host-header cs-protocol cs-bytes time-taken x-forwarded-for ssl-protocol ssl-cipher x-edge-response-result-type cs-protocol-version fle-status fle-encrypted-fields c-port time-to-first-byte x-edge-detailed-result-type sc-content-type sc-content-len sc-range-start sc-range-end"
                .Split(' ');

        private IReadOnlyList<string> _columns = DocumentedFields;

        public LogFormat Format => LogFormat.CloudFront;

        /// <summary>A CloudFront header line, or a data line: tab-separated with a date and a time first.</summary>
        public static bool LooksLikeCloudFront(string line)
        {
            if (line.StartsWith("#Version:", StringComparison.Ordinal) || line.StartsWith("#Fields:", StringComparison.Ordinal))
            {
                return true;
            }

            return line.Length > 20 && line[4] == '-' && line[7] == '-' && line[10] == '\t' && line[13] == ':' && line[19] == '\t';
        }

        public ParseOutcome Parse(string line)
        {
            if (line.Length > 0 && line[0] == '#')
            {
                if (line.StartsWith("#Fields:", StringComparison.Ordinal))
                {
                    _columns = line.Substring(8).Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
                }

                return ParseOutcome.Skip();
            }

            var cells = line.Split('\t');
            int count = cells.Length;
            while (count > _columns.Count && cells[count - 1].Length == 0)
            {
                count--;
            }

            if (count < _columns.Count)
            {
                return ParseOutcome.Reject(LineRejection.TooFewFields, $"{count} columns, the #Fields header names {_columns.Count}");
            }

            var fields = new Dictionary<string, string?>(_columns.Count, StringComparer.OrdinalIgnoreCase);
            for (int i = 0; i < _columns.Count; i++)
            {
                fields[_columns[i]] = Decode(cells[i]);
            }

            var record = new LbLogRecord { Provider = LbProvider.CloudFront, Fields = fields };
            if (count > _columns.Count)
            {
                var extra = new string[count - _columns.Count];
                Array.Copy(cells, _columns.Count, extra, 0, extra.Length);
                record.ExtraFields = extra;
            }

            return Map(fields, record);
        }

        private static ParseOutcome Map(Dictionary<string, string?> f, LbLogRecord record)
        {
            var date = Get(f, "date");
            var time = Get(f, "time");
            if (date != null || time != null)
            {
                if (!FieldValues.TryUtcTime(date + "T" + time + "Z", out var when) || when == null)
                {
                    return Invalid("date/time", date + " " + time);
                }

                record.Time = when;
            }

            record.ClientAddress = FieldValues.Text(Get(f, "c-ip"));
            if (!FieldValues.TryInt(Get(f, "c-port"), out var port))
            {
                return Invalid("c-port", Get(f, "c-port"));
            }

            record.ClientPort = port;
            record.Method = FieldValues.Text(Get(f, "cs-method"));
            record.Host = FieldValues.Text(Get(f, "x-host-header")) ?? FieldValues.Text(Get(f, "cs(Host)"));
            record.Path = FieldValues.Text(Get(f, "cs-uri-stem"));
            record.Query = FieldValues.Text(Get(f, "cs-uri-query"));
            record.Scheme = FieldValues.Text(Get(f, "cs-protocol"));
            record.Protocol = FieldValues.Text(Get(f, "cs-protocol-version"));

            // "000": the viewer closed the connection before CloudFront answered (reference §4); kept as 0.
            if (!FieldValues.TryInt(Get(f, "sc-status"), out var status))
            {
                return Invalid("sc-status", Get(f, "sc-status"));
            }

            record.Status = status;
            if (!FieldValues.TryLong(Get(f, "sc-bytes"), out var sent))
            {
                return Invalid("sc-bytes", Get(f, "sc-bytes"));
            }

            if (!FieldValues.TryLong(Get(f, "cs-bytes"), out var received))
            {
                return Invalid("cs-bytes", Get(f, "cs-bytes"));
            }

            record.BytesSent = sent;
            record.BytesReceived = received;
            if (!FieldValues.TrySeconds(Get(f, "time-taken"), out var taken))
            {
                return Invalid("time-taken", Get(f, "time-taken"));
            }

            record.RequestTime = taken;
            if (!FieldValues.TrySeconds(Get(f, "time-to-first-byte"), out _))
            {
                return Invalid("time-to-first-byte", Get(f, "time-to-first-byte"));
            }

            record.UserAgent = FieldValues.Text(Get(f, "cs(User-Agent)"));
            record.Referer = FieldValues.Text(Get(f, "cs(Referer)"));
            record.TlsProtocol = FieldValues.Text(Get(f, "ssl-protocol"));
            record.TlsCipher = FieldValues.Text(Get(f, "ssl-cipher"));
            record.TraceId = FieldValues.Text(Get(f, "x-edge-request-id"));

            // The detailed type names the error (OriginDnsError…) when the result type is Error.
            if (string.Equals(Get(f, "x-edge-result-type"), "Error", StringComparison.Ordinal))
            {
                record.ErrorReason = FieldValues.Text(Get(f, "x-edge-detailed-result-type")) ?? "Error";
            }

            return ParseOutcome.Success(record);
        }

        private static string? Decode(string cell)
        {
            if (cell.IndexOf('%') < 0)
            {
                return cell;
            }

            try
            {
                return Uri.UnescapeDataString(cell);
            }
            catch (UriFormatException)
            {
                return cell;
            }
        }

        private static string? Get(Dictionary<string, string?> f, string name) => f.TryGetValue(name, out var v) ? v : null;

        private static ParseOutcome Invalid(string field, string? value) =>
            ParseOutcome.Reject(LineRejection.InvalidField, FieldValues.DescribeInvalid(field, value));
    }
}
