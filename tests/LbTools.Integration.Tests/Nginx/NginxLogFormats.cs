namespace LbTools.Integration.Tests.Nginx;

/// <summary>
/// The two access-log formats every scenario's nginx writes. Field names follow the Alibaba
/// ALB / SLS access-log fields (Alibaba Cloud SLS "Log fields" of the ALB access log); the nginx variables
/// behind them are the ones Alibaba's names come from (§6.1).
/// </summary>
public static class NginxLogFormats
{
    // Both end with $connection, the serial nginx also writes as "*N" in its error log: the join key
    // of Resolve-LbStatus -ErrorLogPath (issue 16).

    /// <summary>
    /// One JSON object per line, as a Simple Log Service export looks (every value a string).
    /// escape=json writes a variable that is not set as an empty string, not as "-".
    /// </summary>
    public const string Json =
        "{\"time\":\"$time_iso8601\",\"client_ip\":\"$remote_addr\",\"status\":\"$status\"," +
        "\"upstream_status\":\"$upstream_status\",\"upstream_addr\":\"$upstream_addr\"," +
        "\"upstream_connect_time\":\"$upstream_connect_time\",\"upstream_header_time\":\"$upstream_header_time\"," +
        "\"upstream_response_time\":\"$upstream_response_time\",\"request_time\":\"$request_time\"," +
        "\"tcpinfo_rtt\":\"$tcpinfo_rtt\",\"request_method\":\"$request_method\",\"request_uri\":\"$request_uri\"," +
        "\"host\":\"$host\",\"http_host\":\"$http_host\",\"server_protocol\":\"$server_protocol\",\"scheme\":\"$scheme\"," +
        "\"request_length\":\"$request_length\",\"body_bytes_sent\":\"$body_bytes_sent\",\"http_user_agent\":\"$http_user_agent\"," +
        "\"connection\":\"$connection\"}";

    /// <summary>
    /// The same variables as a plain nginx log_format, for -Format Nginx -LogFormat '&lt;this&gt;'.
    /// Every variable that can hold a space (multi-attempt upstream values are joined with ", ",
    /// user agents, a garbage request) is in double quotes, so a format compiler can cut the
    /// line at the literal text between variables without guessing. Unset variables are "-".
    /// </summary>
    public const string Plain =
        "$time_iso8601 $remote_addr $status \"$upstream_status\" \"$upstream_addr\" " +
        "\"$upstream_connect_time\" \"$upstream_header_time\" \"$upstream_response_time\" " +
        "$request_time $tcpinfo_rtt \"$request_method\" \"$request_uri\" \"$host\" \"$http_host\" " +
        "\"$server_protocol\" $scheme $request_length $body_bytes_sent \"$http_user_agent\" $connection";

    public const string JsonName = "alb_json";

    public const string PlainName = "alb_plain";
}
