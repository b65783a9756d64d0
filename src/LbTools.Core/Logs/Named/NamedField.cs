namespace LbTools.Core.Logs.Named
{
    /// <summary>
    /// The fields <see cref="NamedFieldMapper"/> reads, so a source can hand values over by
    /// position; <see cref="NamedFieldNames"/> gives each its name as logged.
    /// </summary>
    internal enum NamedField
    {
        TimeIso8601,
        Time,
        AtTimestamp,
        Timestamp,
        TimeLocal,
        UnixTime,
        ClientIp,
        RemoteAddr,
        ClientPort,
        RemotePort,
        Request,
        RequestMethod,
        RequestUri,
        ServerProtocol,
        Scheme,
        HttpHost,
        Host,
        ServerName,
        SlbVport,
        ServerPort,
        Status,
        UpstreamStatus,
        UpstreamAddr,
        RequestTime,
        UpstreamConnectTime,
        UpstreamHeaderTime,
        UpstreamResponseTime,
        BytesSent,
        BodyBytesSent,
        RequestLength,
        TcpinfoRtt,
        HttpUserAgent,
        HttpReferer,
        SslProtocol,
        SslCipher,
        HttpXAmznTraceId,
        SlbXtrace,
        RequestId,
        Topic,
        AppLbId,
        SlbId,
    }
}
