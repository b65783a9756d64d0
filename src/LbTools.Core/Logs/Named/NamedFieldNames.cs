using System;

namespace LbTools.Core.Logs.Named
{
    /// <summary>The logged name of each <see cref="NamedField"/>: the one place the mapper's names are written.</summary>
    internal static class NamedFieldNames
    {
        /// <summary>How many fields there are; <see cref="NamedField"/> values run from 0 to Count - 1.</summary>
        public const int Count = (int)NamedField.SlbId + 1;

        private static readonly string[] Names = Build();

        public static string Of(NamedField field) => Names[(int)field];

        private static string[] Build()
        {
            var names = new string[Count];
            for (int i = 0; i < Count; i++)
            {
                names[i] = NameOf((NamedField)i);
            }

            return names;
        }

        private static string NameOf(NamedField field) => field switch
        {
            NamedField.TimeIso8601 => "time_iso8601",
            NamedField.Time => "time",
            NamedField.AtTimestamp => "@timestamp",
            NamedField.Timestamp => "timestamp",
            NamedField.TimeLocal => "time_local",
            NamedField.UnixTime => "__time__",
            NamedField.ClientIp => "client_ip",
            NamedField.RemoteAddr => "remote_addr",
            NamedField.ClientPort => "client_port",
            NamedField.RemotePort => "remote_port",
            NamedField.Request => "request",
            NamedField.RequestMethod => "request_method",
            NamedField.RequestUri => "request_uri",
            NamedField.ServerProtocol => "server_protocol",
            NamedField.Scheme => "scheme",
            NamedField.HttpHost => "http_host",
            NamedField.Host => "host",
            NamedField.ServerName => "server_name",
            NamedField.SlbVport => "slb_vport",
            NamedField.ServerPort => "server_port",
            NamedField.Status => "status",
            NamedField.UpstreamStatus => "upstream_status",
            NamedField.UpstreamAddr => "upstream_addr",
            NamedField.RequestTime => "request_time",
            NamedField.UpstreamConnectTime => "upstream_connect_time",
            NamedField.UpstreamHeaderTime => "upstream_header_time",
            NamedField.UpstreamResponseTime => "upstream_response_time",
            NamedField.BytesSent => "bytes_sent",
            NamedField.BodyBytesSent => "body_bytes_sent",
            NamedField.RequestLength => "request_length",
            NamedField.TcpinfoRtt => "tcpinfo_rtt",
            NamedField.HttpUserAgent => "http_user_agent",
            NamedField.HttpReferer => "http_referer",
            NamedField.SslProtocol => "ssl_protocol",
            NamedField.SslCipher => "ssl_cipher",
            NamedField.HttpXAmznTraceId => "http_x_amzn_trace_id",
            NamedField.SlbXtrace => "slb_xtrace",
            NamedField.RequestId => "request_id",
            NamedField.Topic => "__topic__",
            NamedField.AppLbId => "app_lb_id",
            NamedField.SlbId => "slbid",
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };
    }
}
