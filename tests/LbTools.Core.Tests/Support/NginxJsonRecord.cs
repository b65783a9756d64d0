using System.Globalization;
using System.Text.Json;
using LbTools.Core.Logs;

namespace LbTools.Core.Tests.Support;

/// <summary>
/// Test-only mapping of one nginx JSON access-log line (Alibaba-style names) to an LbLogRecord.
/// The real parsers belong to Logs/; this only serves the diagnosis tests. '-' and "" become null;
/// lists such as "502, 200" keep one entry per attempt and the last as the scalar.
/// </summary>
internal static class NginxJsonRecord
{
    public static LbLogRecord Parse(string line)
    {
        using var document = JsonDocument.Parse(line);
        var fields = document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (string?)p.Value.GetString(), StringComparer.Ordinal);
        string? Get(string name) => fields.TryGetValue(name, out var v) && !string.IsNullOrEmpty(v) && v != "-" ? v : null;
        var statuses = List(Get("upstream_status")).Select(s => s == null ? (int?)null : int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var addresses = List(Get("upstream_addr")).Where(a => a != null).Select(a => a!).ToArray();
        var connect = Times(Get("upstream_connect_time"));
        var header = Times(Get("upstream_header_time"));
        var response = Times(Get("upstream_response_time"));
        return new LbLogRecord
        {
            Provider = LbProvider.Nginx,
            Time = DateTimeOffset.Parse(Get("time")!, CultureInfo.InvariantCulture),
            ClientAddress = Get("client_ip"),
            Status = int.Parse(Get("status")!, CultureInfo.InvariantCulture),
            UpstreamStatuses = statuses,
            UpstreamStatus = statuses.LastOrDefault(),
            UpstreamAddresses = addresses,
            Upstream = addresses.LastOrDefault(),
            UpstreamConnectTimes = connect,
            UpstreamConnectTime = connect.LastOrDefault(),
            UpstreamHeaderTimes = header,
            UpstreamHeaderTime = header.LastOrDefault(),
            UpstreamResponseTimes = response,
            UpstreamResponseTime = response.LastOrDefault(),
            RequestTime = Seconds(Get("request_time")),
            Method = Get("request_method"),
            Path = Get("request_uri"),
            Host = Get("host"),
            RequestLength = Get("request_length") is { } length ? long.Parse(length, CultureInfo.InvariantCulture) : null,
            Fields = fields,
        };
    }

    private static string?[] List(string? value) => value == null ? Array.Empty<string?>() : value.Split(new[] { ", ", " : " }, StringSplitOptions.None).Select(v => v.Trim() is "-" or "" ? null : v.Trim()).ToArray();

    private static double?[] Times(string? value) => List(value).Select(Seconds).ToArray();

    private static double? Seconds(string? value) => value == null ? null : double.Parse(value, CultureInfo.InvariantCulture);
}
