using System.Globalization;
using LbTools.Core.Logs;
using LbTools.Core.Logs.Aws;
using LbTools.Core.Probes;

namespace LbTools.Core.Tests.Support;

/// <summary>Builds log records and probe results for the diagnosis tests, in the shape each provider logs.</summary>
internal static class DiagnosisFixtures
{
    public const string Backend = "10.0.0.5:8080";
    public static readonly DateTimeOffset At = new(2026, 11, 1, 10, 0, 0, TimeSpan.Zero);

    /// <summary>An nginx / Alibaba (Tengine) record; header time '-' (null) means the backend sent no header. The log has an upstream_header_time column.</summary>
    public static LbLogRecord Proxy(LbProvider provider, int status, int? upstream, string? address = Backend, double? connect = 0.001, double? header = 0.010, double? response = 0.010,
        string method = "GET", string path = "/api/orders", double? requestTime = null, double? rtt = null, long? requestLength = null, string? host = "www.example.com", string? scheme = "https",
        params (string Name, string? Value)[] fields)
    {
        var named = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["status"] = status.ToString(CultureInfo.InvariantCulture),
            ["upstream_status"] = upstream?.ToString(CultureInfo.InvariantCulture) ?? "-",
            ["upstream_addr"] = address ?? "-",
            ["upstream_connect_time"] = Text(connect),
            ["upstream_header_time"] = Text(header),
            ["upstream_response_time"] = Text(response),
        };
        foreach (var (name, value) in fields)
        {
            named[name] = value;
        }

        return new LbLogRecord
        {
            Provider = provider,
            Time = At,
            Status = status,
            UpstreamStatus = upstream,
            UpstreamStatuses = address == null ? Array.Empty<int?>() : new[] { upstream },
            Upstream = address,
            UpstreamAddresses = address == null ? Array.Empty<string>() : new[] { address },
            UpstreamConnectTime = address == null ? null : connect,
            UpstreamHeaderTime = address == null ? null : header,
            UpstreamResponseTime = address == null ? null : response,
            UpstreamConnectTimes = address == null ? Array.Empty<double?>() : new[] { connect },
            UpstreamHeaderTimes = address == null ? Array.Empty<double?>() : new[] { header },
            UpstreamResponseTimes = address == null ? Array.Empty<double?>() : new[] { response },
            RequestTime = requestTime ?? response ?? 0.001,
            Rtt = rtt,
            RequestLength = requestLength,
            Method = method,
            Path = path,
            Host = host,
            Scheme = scheme,
            Fields = named,
        };
    }

    public static LbLogRecord Nginx(int status, int? upstream, string? address = Backend, double? connect = 0.001, double? header = 0.010, double? response = 0.010, string method = "GET",
        double? requestTime = null, double? rtt = null, long? requestLength = null) =>
        Proxy(LbProvider.Nginx, status, upstream, address, connect, header, response, method, requestTime: requestTime, rtt: rtt, requestLength: requestLength);

    /// <summary>An nginx record with several upstream attempts, e.g. "502, 200".</summary>
    public static LbLogRecord NginxAttempts(int status, int?[] statuses, double?[] headers)
    {
        var addresses = statuses.Select((_, i) => $"10.0.0.{5 + i}:8080").ToArray();
        var record = Nginx(status, statuses[^1], addresses[^1], header: headers[^1]);
        record.UpstreamStatuses = statuses;
        record.UpstreamAddresses = addresses;
        record.UpstreamHeaderTimes = headers;
        return record;
    }

    /// <summary>
    /// An AWS ALB line in the layout of the AWS HTTP example (AWS "Access logs for your Application Load Balancer"),
    /// parsed by the real ALB parser.
    /// </summary>
    public static LbLogRecord Alb(string status, string targetStatus = "-", string target = Backend, string times = "0.000 -1 -1", string errorReason = "-", string actions = "forward",
        string type = "http", string method = "GET", string created = "2018-07-02T22:22:48.364000Z", string time = "2018-07-02T22:23:00.186641Z", string receivedBytes = "34", string classificationReason = "-")
    {
        string line = $"{type} {time} app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 {target} {times} {status} {targetStatus} {receivedBytes} 366 \"{method} http://www.example.com:80/ HTTP/1.1\" \"curl/7.46.0\" - - arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 \"Root=1-58337262-36d228ad5d99923122bbe354\" \"-\" \"-\" 0 {created} \"{actions}\" \"-\" \"{errorReason}\" \"{target}\" \"{targetStatus}\" \"-\" \"{classificationReason}\"";
        return Parse(line);
    }

    public static LbLogRecord Parse(string albLine)
    {
        var outcome = new AwsAlbLineParser().Parse(albLine);
        return outcome.Record ?? throw new InvalidOperationException("fixture does not parse: " + albLine);
    }

    /// <summary>An AWS Classic ELB record (AWS "Access logs for your Classic Load Balancer"): '-' backend status, -1 timings when nothing was dispatched.</summary>
    public static LbLogRecord Clb(int status, int? backendStatus = null, string? backend = Backend, string method = "GET", double? backendTime = null) => new()
    {
        Provider = LbProvider.AwsClb,
        Time = At,
        Status = status,
        UpstreamStatus = backendStatus,
        UpstreamStatuses = new[] { backendStatus },
        Upstream = backend,
        UpstreamAddresses = backend == null ? Array.Empty<string>() : new[] { backend },
        UpstreamHeaderTime = backendTime,
        Method = method,
        Path = "/",
        Fields = new Dictionary<string, string?> { ["elb_status_code"] = status.ToString(CultureInfo.InvariantCulture), ["backend_status_code"] = backendStatus?.ToString(CultureInfo.InvariantCulture) ?? "-", ["backend:port"] = backend ?? "-" },
    };

    /// <summary>A CloudFront record (Amazon CloudFront "Standard logging reference"); no origin status or address is logged.</summary>
    public static LbLogRecord CloudFront(int status, string? detailed, string? result = "Error") => new()
    {
        Provider = LbProvider.CloudFront,
        Time = At,
        Status = status,
        Method = "GET",
        Path = "/index.html",
        Fields = new Dictionary<string, string?>
        {
            ["sc-status"] = status.ToString("000", CultureInfo.InvariantCulture),
            ["x-edge-result-type"] = result ?? "-",
            ["x-edge-detailed-result-type"] = detailed ?? result ?? "-",
        },
    };

    public static ProbeResult Probe(ProbeKind kind, ProbeFailureReason reason, string target = Backend)
    {
        int colon = target.LastIndexOf(':');
        string host = target.Substring(0, colon);
        int port = int.Parse(target.Substring(colon + 1), CultureInfo.InvariantCulture);
        return new ProbeResult(target, host, port, host, kind)
        {
            Outcome = reason == ProbeFailureReason.None ? ProbeOutcome.Pass : ProbeOutcome.Fail,
            FailureReason = reason,
            Message = $"{kind} probe of {target}: {reason}",
        };
    }

    private static string Text(double? seconds) => seconds?.ToString("0.000", CultureInfo.InvariantCulture) ?? "-";
}
