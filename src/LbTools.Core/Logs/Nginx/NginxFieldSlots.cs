using System.Collections.Generic;
using LbTools.Core.Logs.Named;
using LbTools.Core.Logs.Parsing;

namespace LbTools.Core.Logs.Nginx
{
    /// <summary>
    /// Which variable of a compiled format feeds which record property, found once per format with
    /// the names (<see cref="NamedFieldNames"/>) and rules of <see cref="NamedFieldMapper"/>
    /// (case-insensitive, the last of a repeated name wins, the first present of alternatives is
    /// used), so a line is mapped by position instead of ~40 dictionary lookups. -1 means the
    /// format lacks it. Immutable: shared by every worker copy of a parser.
    /// </summary>
    internal sealed class NginxFieldSlots
    {
        public NginxFieldSlots(NginxLineFormat format)
        {
            Index = LazyFieldMap.IndexOf(format.Variables);
            Count = format.Variables.Count;
            foreach (var field in NamedFieldMapper.TimeFields)
            {
                string name = NamedFieldNames.Of(field);
                if (Index.TryGetValue(name, out int slot))
                {
                    UtcTime = slot;
                    UtcTimeName = name;
                    break;
                }
            }

            LocalTime = Slot(NamedField.TimeLocal);
            UnixTime = Slot(NamedField.UnixTime);
            int clientIp = Slot(NamedField.ClientIp);
            Client = clientIp >= 0 ? clientIp : Slot(NamedField.RemoteAddr);
            ClientPort = Slot(NamedField.ClientPort);
            RemotePort = Slot(NamedField.RemotePort);
            SplitClient = Client >= 0 && ClientPort < 0 && RemotePort < 0;
            Request = Slot(NamedField.Request);
            Method = Slot(NamedField.RequestMethod);
            Uri = Slot(NamedField.RequestUri);
            Protocol = Slot(NamedField.ServerProtocol);
            Scheme = Slot(NamedField.Scheme);
            HttpHost = Slot(NamedField.HttpHost);
            Host = Slot(NamedField.Host);
            ServerName = Slot(NamedField.ServerName);
            VirtualPort = Slot(NamedField.SlbVport);
            ServerPort = Slot(NamedField.ServerPort);
            Status = Slot(NamedField.Status);
            UpstreamStatus = Slot(NamedField.UpstreamStatus);
            UpstreamAddr = Slot(NamedField.UpstreamAddr);
            RequestTime = Slot(NamedField.RequestTime);
            ConnectTime = Slot(NamedField.UpstreamConnectTime);
            HeaderTime = Slot(NamedField.UpstreamHeaderTime);
            ResponseTime = Slot(NamedField.UpstreamResponseTime);
            BytesSent = Slot(NamedField.BytesSent);
            BodyBytesSent = Slot(NamedField.BodyBytesSent);
            RequestLength = Slot(NamedField.RequestLength);
            Rtt = Slot(NamedField.TcpinfoRtt);
            UserAgent = Slot(NamedField.HttpUserAgent);
            Referer = Slot(NamedField.HttpReferer);
            SslProtocol = Slot(NamedField.SslProtocol);
            SslCipher = Slot(NamedField.SslCipher);
            AmznTraceId = Slot(NamedField.HttpXAmznTraceId);
            SlbTrace = Slot(NamedField.SlbXtrace);
            RequestId = Slot(NamedField.RequestId);
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

        private int Slot(NamedField field) => Index.TryGetValue(NamedFieldNames.Of(field), out int slot) ? slot : -1;
    }
}
