using System;
using System.Collections.Generic;

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
        private static readonly string[] TimeNames = { "time_iso8601", "time", "@timestamp", "timestamp" };

        /// <summary>Maps what is present; returns false with a reason naming the field that does not parse.</summary>
        public static bool TryMap(IReadOnlyDictionary<string, string?> f, LbLogRecord record, out LineRejection reason, out string detail)
        {
            reason = LineRejection.InvalidField;
            detail = string.Empty;

            if (!TryTime(f, record, out detail))
            {
                return false;
            }

            string? client = Get(f, "client_ip") ?? Get(f, "remote_addr");
            if (client != null && Get(f, "client_port") == null && Get(f, "remote_port") == null)
            {
                FieldValues.SplitAddress(client, out var address, out var port);
                record.ClientAddress = address;
                record.ClientPort = port;
            }
            else
            {
                record.ClientAddress = FieldValues.Text(client);
                if (!Int(f, record, "client_port", out var port) || !Int(f, record, "remote_port", out var remotePort))
                {
                    detail = Invalid(f, "client_port") ?? Invalid(f, "remote_port")!;
                    return false;
                }

                record.ClientPort = port ?? remotePort;
            }

            var request = Get(f, "request");
            if (request != null)
            {
                RequestLine.ApplyTo(request, record);
            }

            ApplyRequestFields(
                record,
                Get(f, "request_method"),
                Get(f, "request_uri"),
                Get(f, "server_protocol"),
                Get(f, "scheme"),
                FieldValues.Text(Get(f, "http_host")) ?? FieldValues.Text(Get(f, "host")) ?? FieldValues.Text(Get(f, "server_name")));

            if (!Int(f, record, "slb_vport", out var vport) || !Int(f, record, "server_port", out var serverPort))
            {
                detail = Invalid(f, "slb_vport") ?? Invalid(f, "server_port")!;
                return false;
            }

            record.ListenerPort = vport ?? serverPort ?? record.ListenerPort;

            if (!FieldValues.TryInt(Get(f, "status"), out var status))
            {
                detail = Invalid(f, "status")!;
                return false;
            }

            record.Status = status;

            var upstreamStatus = Get(f, "upstream_status");
            if (!UpstreamValues.TryStatuses(upstreamStatus, out var statuses))
            {
                detail = Describe("upstream_status", upstreamStatus);
                return false;
            }

            record.UpstreamStatuses = statuses;
            record.UpstreamStatus = UpstreamValues.Last(statuses);

            var addresses = UpstreamValues.Split(Get(f, "upstream_addr"));
            var kept = new string[addresses.Length];
            for (int i = 0; i < addresses.Length; i++)
            {
                kept[i] = addresses[i] ?? "-";
            }

            record.UpstreamAddresses = kept;
            record.Upstream = addresses.Length > 0 ? addresses[addresses.Length - 1] : null;

            if (!Seconds(f, "request_time", out var requestTime, out detail))
            {
                return false;
            }

            record.RequestTime = requestTime;
            if (!Times(f, "upstream_connect_time", out var connect, out detail)
                || !Times(f, "upstream_header_time", out var header, out detail)
                || !Times(f, "upstream_response_time", out var response, out detail))
            {
                return false;
            }

            record.UpstreamConnectTimes = connect;
            record.UpstreamConnectTime = UpstreamValues.Last(connect);
            record.UpstreamHeaderTimes = header;
            record.UpstreamHeaderTime = UpstreamValues.Last(header);
            record.UpstreamResponseTimes = response;
            record.UpstreamResponseTime = UpstreamValues.Last(response);

            if (!Long(f, "bytes_sent", out var bytesSent, out detail)
                || !Long(f, "body_bytes_sent", out var bodyBytes, out detail)
                || !Long(f, "request_length", out var requestLength, out detail))
            {
                return false;
            }

            record.BytesSent = bytesSent ?? bodyBytes;
            record.RequestLength = requestLength;
            record.BytesReceived = requestLength;

            var rttText = Get(f, "tcpinfo_rtt");
            if (!FieldValues.TryLong(rttText, out var rttMicroseconds))
            {
                detail = Describe("tcpinfo_rtt", rttText);
                return false;
            }

            record.Rtt = rttMicroseconds / 1_000_000.0;
            record.UserAgent = FieldValues.Text(Get(f, "http_user_agent"));
            record.Referer = FieldValues.Text(Get(f, "http_referer"));
            record.TlsProtocol = FieldValues.Text(Get(f, "ssl_protocol"));
            record.TlsCipher = FieldValues.Text(Get(f, "ssl_cipher"));
            record.TraceId = FieldValues.Text(Get(f, "http_x_amzn_trace_id")) ?? FieldValues.Text(Get(f, "slb_xtrace")) ?? FieldValues.Text(Get(f, "request_id"));
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
        public static LbProvider ProviderOf(IReadOnlyDictionary<string, string?> f)
        {
            var topic = Get(f, "__topic__");
            if (string.Equals(topic, "alb_layer7_access_log", StringComparison.OrdinalIgnoreCase))
            {
                return LbProvider.AlibabaAlb;
            }

            if (string.Equals(topic, "slb_layer7_access_log", StringComparison.OrdinalIgnoreCase))
            {
                return LbProvider.AlibabaClb;
            }

            if (Get(f, "app_lb_id") != null)
            {
                return LbProvider.AlibabaAlb;
            }

            if (Get(f, "slbid") != null)
            {
                return LbProvider.AlibabaClb;
            }

            return LbProvider.Nginx;
        }

        private static bool TryTime(IReadOnlyDictionary<string, string?> f, LbLogRecord record, out string detail)
        {
            detail = string.Empty;
            DateTimeOffset? time = null;
            foreach (var name in TimeNames)
            {
                var text = Get(f, name);
                if (text == null)
                {
                    continue;
                }

                if (!FieldValues.TryUtcTime(text, out time))
                {
                    detail = Describe(name, text);
                    return false;
                }

                break;
            }

            var local = Get(f, "time_local");
            if (time == null && local != null && !FieldValues.TryNginxLocalTime(local, out time))
            {
                detail = Describe("time_local", local);
                return false;
            }

            var unix = Get(f, "__time__");
            if (time == null && unix != null && !FieldValues.TryUnixSeconds(unix, out time))
            {
                detail = Describe("__time__", unix);
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

        private static bool Int(IReadOnlyDictionary<string, string?> f, LbLogRecord record, string name, out int? value) => FieldValues.TryInt(Get(f, name), out value);

        private delegate bool TryParse<T>(string? text, out T value);

        private static bool Long(IReadOnlyDictionary<string, string?> f, string name, out long? value, out string detail) => Parse(f, name, FieldValues.TryLong, out value, out detail);

        private static bool Seconds(IReadOnlyDictionary<string, string?> f, string name, out double? value, out string detail) => Parse(f, name, FieldValues.TrySeconds, out value, out detail);

        private static bool Times(IReadOnlyDictionary<string, string?> f, string name, out double?[] values, out string detail) => Parse<double?[]>(f, name, UpstreamValues.TrySeconds, out values, out detail);

        /// <summary>Parses one named field; on failure the detail names the field and its value.</summary>
        private static bool Parse<T>(IReadOnlyDictionary<string, string?> f, string name, TryParse<T> parse, out T value, out string detail)
        {
            var text = Get(f, name);
            detail = string.Empty;
            if (parse(text, out value))
            {
                return true;
            }

            detail = Describe(name, text);
            return false;
        }

        private static string? Invalid(IReadOnlyDictionary<string, string?> f, string name) =>
            FieldValues.TryInt(Get(f, name), out _) ? null : Describe(name, Get(f, name));

        internal static string? Get(IReadOnlyDictionary<string, string?> f, string name) => f.TryGetValue(name, out var v) ? v : null;

        internal static string Describe(string field, string? value) => FieldValues.DescribeInvalid(field, value);
    }
}
