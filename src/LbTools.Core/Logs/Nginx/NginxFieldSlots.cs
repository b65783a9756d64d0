using System.Collections.Generic;

namespace LbTools.Core.Logs.Nginx
{
    /// <summary>
    /// Which variable of a compiled format feeds which record property, found once per format
    /// with the same name rules as <see cref="Named.NamedFieldMapper"/> (case-insensitive, the
    /// last of a repeated name wins, the first present of alternatives is used), so a line is
    /// mapped by position instead of ~40 dictionary lookups. -1 means the format lacks it.
    /// Immutable: shared by every worker copy of a parser.
    /// </summary>
    internal sealed class NginxFieldSlots
    {
        public NginxFieldSlots(NginxLineFormat format)
        {
            Index = LazyFieldMap.IndexOf(format.Variables);
            Count = format.Variables.Count;
            foreach (var name in new[] { "time_iso8601", "time", "@timestamp", "timestamp" })
            {
                if (Index.TryGetValue(name, out int slot))
                {
                    UtcTime = slot;
                    UtcTimeName = name;
                    break;
                }
            }

            LocalTime = Slot("time_local");
            UnixTime = Slot("__time__");
            int clientIp = Slot("client_ip");
            Client = clientIp >= 0 ? clientIp : Slot("remote_addr");
            ClientPort = Slot("client_port");
            RemotePort = Slot("remote_port");
            SplitClient = Client >= 0 && ClientPort < 0 && RemotePort < 0;
            Request = Slot("request");
            Method = Slot("request_method");
            Uri = Slot("request_uri");
            Protocol = Slot("server_protocol");
            Scheme = Slot("scheme");
            HttpHost = Slot("http_host");
            Host = Slot("host");
            ServerName = Slot("server_name");
            VirtualPort = Slot("slb_vport");
            ServerPort = Slot("server_port");
            Status = Slot("status");
            UpstreamStatus = Slot("upstream_status");
            UpstreamAddr = Slot("upstream_addr");
            RequestTime = Slot("request_time");
            ConnectTime = Slot("upstream_connect_time");
            HeaderTime = Slot("upstream_header_time");
            ResponseTime = Slot("upstream_response_time");
            BytesSent = Slot("bytes_sent");
            BodyBytesSent = Slot("body_bytes_sent");
            RequestLength = Slot("request_length");
            Rtt = Slot("tcpinfo_rtt");
            UserAgent = Slot("http_user_agent");
            Referer = Slot("http_referer");
            SslProtocol = Slot("ssl_protocol");
            SslCipher = Slot("ssl_cipher");
            AmznTraceId = Slot("http_x_amzn_trace_id");
            SlbTrace = Slot("slb_xtrace");
            RequestId = Slot("request_id");
        }

        /// <summary>The name → position map Fields uses.</summary>
        public Dictionary<string, int> Index { get; }

        public int Count { get; }

        /// <summary>The first present of time_iso8601, time, @timestamp, timestamp, and its name for rejection details.</summary>
        public int UtcTime { get; } = -1;

        public string UtcTimeName { get; } = string.Empty;

        public int LocalTime { get; }

        public int UnixTime { get; }

        /// <summary>client_ip, else remote_addr.</summary>
        public int Client { get; }

        public int ClientPort { get; }

        public int RemotePort { get; }

        /// <summary>True when the port comes from the client address ("ip:port") because no port variable is logged.</summary>
        public bool SplitClient { get; }

        public int Request { get; }

        public int Method { get; }

        public int Uri { get; }

        public int Protocol { get; }

        public int Scheme { get; }

        public int HttpHost { get; }

        public int Host { get; }

        public int ServerName { get; }

        public int VirtualPort { get; }

        public int ServerPort { get; }

        public int Status { get; }

        public int UpstreamStatus { get; }

        public int UpstreamAddr { get; }

        public int RequestTime { get; }

        public int ConnectTime { get; }

        public int HeaderTime { get; }

        public int ResponseTime { get; }

        public int BytesSent { get; }

        public int BodyBytesSent { get; }

        public int RequestLength { get; }

        public int Rtt { get; }

        public int UserAgent { get; }

        public int Referer { get; }

        public int SslProtocol { get; }

        public int SslCipher { get; }

        public int AmznTraceId { get; }

        public int SlbTrace { get; }

        public int RequestId { get; }

        private int Slot(string name) => Index.TryGetValue(name, out int slot) ? slot : -1;
    }
}
