using System;
using LbTools.Core.Logs.Values;

namespace LbTools.Core.Logs.Named
{
    /// <summary>
    /// Fills the common record from fields named the nginx way ($status, $upstream_addr…) or the
    /// Alibaba Simple Log Service way (status, client_ip, upstream_addr…). Alibaba's ALB/CLB logs
    /// are nginx/Tengine variables under mostly the same names, so one mapping serves the nginx
    /// log_format parser and the SLS JSON/CSV exports.
    /// Units (reference §5.1/§5.2/§6.1): request_time and upstream_* times are seconds as logged;
    /// tcpinfo_rtt is microseconds (Alibaba ja/zh pages and nginx's $tcpinfo_rtt; the en CLB page
    /// says milliseconds, which contradicts the other two) and becomes seconds in Rtt;
    /// read_request_time/write_response_time are milliseconds and stay in Fields only.
    /// </summary>
    internal static class NamedFieldMapper
    {
        // The time keys in the order they win; one array, not one per record.
        /// <summary>The time fields in the order they win (the nginx byte route uses the same order).</summary>
        internal static readonly NamedField[] TimeFields = { NamedField.TimeIso8601, NamedField.Time, NamedField.AtTimestamp, NamedField.Timestamp };

        /// <summary>Maps what is present; returns false with a reason naming the field that does not parse.</summary>
        public static bool TryMap<TSource>(TSource f, LbLogRecord record, out LineRejection reason, out string detail)
            where TSource : struct, INamedFieldSource
        {
            reason = LineRejection.InvalidField;
            detail = string.Empty;

            if (!TryTime(f, record, out detail))
            {
                return false;
            }

            string? client = f.Get(NamedField.ClientIp) ?? f.Get(NamedField.RemoteAddr);
            if (client != null && f.Get(NamedField.ClientPort) == null && f.Get(NamedField.RemotePort) == null)
            {
                FieldValues.SplitAddress(client, out var address, out var port);
                record.ClientAddress = address;
                record.ClientPort = port;
            }
            else
            {
                record.ClientAddress = FieldValues.Text(client);
                if (!Int(f, NamedField.ClientPort, out var port) || !Int(f, NamedField.RemotePort, out var remotePort))
                {
                    detail = Invalid(f, NamedField.ClientPort) ?? Invalid(f, NamedField.RemotePort)!;
                    return false;
                }

                record.ClientPort = port ?? remotePort;
            }

            var request = f.Get(NamedField.Request);
            if (request != null)
            {
                RequestLine.ApplyTo(request, record);
            }

            ApplyRequestFields(
                record,
                f.Get(NamedField.RequestMethod),
                f.Get(NamedField.RequestUri),
                f.Get(NamedField.ServerProtocol),
                f.Get(NamedField.Scheme),
                FieldValues.Text(f.Get(NamedField.HttpHost)) ?? FieldValues.Text(f.Get(NamedField.Host)) ?? FieldValues.Text(f.Get(NamedField.ServerName)));

            if (!Int(f, NamedField.SlbVport, out var vport) || !Int(f, NamedField.ServerPort, out var serverPort))
            {
                detail = Invalid(f, NamedField.SlbVport) ?? Invalid(f, NamedField.ServerPort)!;
                return false;
            }

            record.ListenerPort = vport ?? serverPort ?? record.ListenerPort;

            if (!Int(f, NamedField.Status, out var status))
            {
                detail = Invalid(f, NamedField.Status)!;
                return false;
            }

            record.Status = status;

            var upstreamStatus = f.Get(NamedField.UpstreamStatus);
            if (!UpstreamValues.TryStatuses(upstreamStatus, out var statuses))
            {
                detail = Describe(NamedField.UpstreamStatus, upstreamStatus);
                return false;
            }

            record.UpstreamStatuses = statuses;
            record.UpstreamStatus = UpstreamValues.Last(statuses);

            var addresses = UpstreamValues.Split(f.Get(NamedField.UpstreamAddr));
            var kept = new string[addresses.Length];
            for (int i = 0; i < addresses.Length; i++)
            {
                kept[i] = addresses[i] ?? "-";
            }

            record.UpstreamAddresses = kept;
            record.Upstream = addresses.Length > 0 ? addresses[addresses.Length - 1] : null;

            if (!Parse(f, NamedField.RequestTime, PlainFieldValues.TrySeconds, out double? requestTime, out detail))
            {
                return false;
            }

            record.RequestTime = requestTime;
            if (!Parse(f, NamedField.UpstreamConnectTime, UpstreamValues.TrySeconds, out double?[] connect, out detail)
                || !Parse(f, NamedField.UpstreamHeaderTime, UpstreamValues.TrySeconds, out double?[] header, out detail)
                || !Parse(f, NamedField.UpstreamResponseTime, UpstreamValues.TrySeconds, out double?[] response, out detail))
            {
                return false;
            }

            record.UpstreamConnectTimes = connect;
            record.UpstreamConnectTime = UpstreamValues.Last(connect);
            record.UpstreamHeaderTimes = header;
            record.UpstreamHeaderTime = UpstreamValues.Last(header);
            record.UpstreamResponseTimes = response;
            record.UpstreamResponseTime = UpstreamValues.Last(response);

            if (!Parse(f, NamedField.BytesSent, PlainFieldValues.TryLong, out long? bytesSent, out detail)
                || !Parse(f, NamedField.BodyBytesSent, PlainFieldValues.TryLong, out long? bodyBytes, out detail)
                || !Parse(f, NamedField.RequestLength, PlainFieldValues.TryLong, out long? requestLength, out detail))
            {
                return false;
            }

            record.BytesSent = bytesSent ?? bodyBytes;
            record.RequestLength = requestLength;
            record.BytesReceived = requestLength;

            if (!Parse(f, NamedField.TcpinfoRtt, PlainFieldValues.TryLong, out long? rttMicroseconds, out detail))
            {
                return false;
            }

            record.Rtt = rttMicroseconds / 1_000_000.0;
            record.UserAgent = FieldValues.Text(f.Get(NamedField.HttpUserAgent));
            record.Referer = FieldValues.Text(f.Get(NamedField.HttpReferer));
            record.TlsProtocol = FieldValues.Text(f.Get(NamedField.SslProtocol));
            record.TlsCipher = FieldValues.Text(f.Get(NamedField.SslCipher));
            record.TraceId = FieldValues.Text(f.Get(NamedField.HttpXAmznTraceId)) ?? FieldValues.Text(f.Get(NamedField.SlbXtrace)) ?? FieldValues.Text(f.Get(NamedField.RequestId));
            return true;
        }

        /// <summary>
        /// The separately logged request parts, over what the request line gave (the nginx
        /// parser's lazy text calls this too, so both routes fill the record the same way).
        /// </summary>
        internal static void ApplyRequestFields(LbLogRecord record, string? method, string? uriText, string? protocol, string? schemeText, string? host)
        {
            record.Method = FieldValues.Text(method) ?? record.Method;
            var uri = FieldValues.Text(uriText);
            if (uri != null && record.Path == null)
            {
                int q = uri.IndexOf('?');
                record.Path = q < 0 ? uri : uri.Substring(0, q);
                record.Query = q < 0 ? null : uri.Substring(q + 1);
            }

            record.Protocol = FieldValues.Text(protocol) ?? record.Protocol;
            var scheme = FieldValues.Text(schemeText);
            record.Scheme = scheme?.ToLowerInvariant() ?? record.Scheme;
            record.Host = host != null ? StripPort(host) : record.Host;
        }

        /// <summary>Which provider an SLS record comes from: its topic, then its instance-id field.</summary>
        public static LbProvider ProviderOf<TSource>(TSource f)
            where TSource : struct, INamedFieldSource
        {
            var topic = f.Get(NamedField.Topic);
            if (string.Equals(topic, "alb_layer7_access_log", StringComparison.OrdinalIgnoreCase))
            {
                return LbProvider.AlibabaAlb;
            }

            if (string.Equals(topic, "slb_layer7_access_log", StringComparison.OrdinalIgnoreCase))
            {
                return LbProvider.AlibabaClb;
            }

            if (f.Get(NamedField.AppLbId) != null)
            {
                return LbProvider.AlibabaAlb;
            }

            if (f.Get(NamedField.SlbId) != null)
            {
                return LbProvider.AlibabaClb;
            }

            return LbProvider.Nginx;
        }

        internal static string Describe(string field, string? value) => FieldValues.DescribeInvalid(field, value);

        private static bool TryTime<TSource>(TSource f, LbLogRecord record, out string detail)
            where TSource : struct, INamedFieldSource
        {
            detail = string.Empty;
            DateTimeOffset? time = null;
            foreach (var field in TimeFields)
            {
                var text = f.Get(field);
                if (text == null)
                {
                    continue;
                }

                if (!PlainFieldValues.TryUtcTime(text, out time))
                {
                    detail = Describe(field, text);
                    return false;
                }

                break;
            }

            var local = f.Get(NamedField.TimeLocal);
            if (time == null && local != null && !FieldValues.TryNginxLocalTime(local, out time))
            {
                detail = Describe(NamedField.TimeLocal, local);
                return false;
            }

            var unix = f.Get(NamedField.UnixTime);
            if (time == null && unix != null && !FieldValues.TryUnixSeconds(unix, out time))
            {
                detail = Describe(NamedField.UnixTime, unix);
                return false;
            }

            record.Time = time;
            return true;
        }

        private static string StripPort(string host)
        {
            int colon = host.LastIndexOf(':');
            if (colon > 0 && host.IndexOf(':') == colon)
            {
                return host.Substring(0, colon);
            }

            if (host.Length > 0 && host[0] == '[' && host.IndexOf(']') is var close && close > 0)
            {
                return host.Substring(1, close - 1);
            }

            return host;
        }

        private static bool Int<TSource>(TSource f, NamedField field, out int? value)
            where TSource : struct, INamedFieldSource => PlainFieldValues.TryInt(f.Get(field), out value);

        private delegate bool TryParse<T>(string? text, out T value);

        /// <summary>Parses one field; on failure the detail names the field and its value.</summary>
        private static bool Parse<TSource, T>(TSource f, NamedField field, TryParse<T> parse, out T value, out string detail)
            where TSource : struct, INamedFieldSource
        {
            var text = f.Get(field);
            detail = string.Empty;
            if (parse(text, out value))
            {
                return true;
            }

            detail = Describe(field, text);
            return false;
        }

        private static string? Invalid<TSource>(TSource f, NamedField field)
            where TSource : struct, INamedFieldSource =>
            PlainFieldValues.TryInt(f.Get(field), out _) ? null : Describe(field, f.Get(field));

        private static string Describe(NamedField field, string? value) => Describe(NamedFieldNames.Of(field), value);
    }
}
