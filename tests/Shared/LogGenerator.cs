using System;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace LbTools.Tests.Shared;

/// <summary>
/// Writes realistic access logs for the benchmarks: AWS ALB lines shaped like the documented
/// examples, with a production-like mix of statuses, targets, paths and user agents, and nginx
/// lines in LbTools' "upstream" preset with retried upstream attempts. Seeded, so every run
/// reads the same bytes. (Linked into the benchmarks and LbTools.Sql.Tests: one owner.)
/// </summary>
internal static class LogGenerator
{
    private static readonly string[] Agents =
    {
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
        "curl/8.5.0",
        "okhttp/4.12.0",
        "python-requests/2.31.0",
        "ELB-HealthChecker/2.0",
        "Go-http-client/1.1",
    };

    private static readonly string[] Paths =
    {
        "/", "/api/v1/items", "/api/v1/items/8812", "/api/v1/cart?session=4f1c2a", "/static/app.3f9c1.js",
        "/static/styles.css", "/health", "/api/v1/search?q=red%20shoes&page=2", "/login", "/api/v1/orders",
    };

    /// <summary>Status mix: mostly 2xx/3xx, a tail of 4xx and the 5xx a triage is after.</summary>
    private static int PickStatus(Random random)
    {
        int roll = random.Next(1000);
        return roll switch
        {
            < 820 => 200,
            < 880 => 304,
            < 920 => 404,
            < 935 => 301,
            < 950 => 403,
            < 960 => 460,
            < 972 => 502,
            < 982 => 503,
            < 992 => 504,
            _ => 500,
        };
    }

    public static string AlbLine(Random random, DateTime time)
    {
        int status = PickStatus(random);
        string target = $"10.0.{random.Next(4)}.{10 + random.Next(20)}:{(random.Next(2) == 0 ? 80 : 8080)}";
        bool noTarget = status == 503 || status == 460 || (status == 502 && random.Next(3) == 0);
        string targetField = noTarget ? "-" : target;
        string targetStatus = noTarget ? "-" : (status == 502 || status == 504 ? "-" : status.ToString(CultureInfo.InvariantCulture));
        string t1 = (random.Next(3) / 1000.0).ToString("0.000", CultureInfo.InvariantCulture);
        string t2 = noTarget || status == 504 ? "-1" : (random.Next(400) / 1000.0).ToString("0.000", CultureInfo.InvariantCulture);
        string t3 = noTarget || status == 504 ? "-1" : "0.000";
        bool https = random.Next(4) != 0;
        string type = https ? (random.Next(3) == 0 ? "h2" : "https") : "http";
        string scheme = https ? "https" : "http";
        int port = https ? 443 : 80;
        string method = random.Next(5) == 0 ? "POST" : "GET";
        string path = Paths[random.Next(Paths.Length)];
        string agent = Agents[random.Next(Agents.Length)];
        string tls = https ? "ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2" : "- -";
        string stamp = time.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
        string created = time.AddMilliseconds(-random.Next(500)).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
        string error = status == 502 && noTarget ? "\"TargetConnectionErrorCode\"" : "\"-\"";
        return $"{type} {stamp} app/my-loadbalancer/50dc6c495c0c9188 192.168.{random.Next(256)}.{random.Next(256)}:{1024 + random.Next(60000)} {targetField} {t1} {t2} {t3} {status} {targetStatus} {100 + random.Next(900)} {200 + random.Next(20000)} \"{method} {scheme}://www.example.com:{port}{path} HTTP/1.1\" \"{agent}\" {tls} arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 \"Root=1-{random.Next():x8}-{random.Next():x8}{random.Next():x8}{random.Next():x8}\" \"{(https ? "www.example.com" : "-")}\" \"{(https ? "arn:aws:acm:us-east-2:123456789012:certificate/12345678-1234-1234-1234-123456789012" : "-")}\" 0 {created} \"forward\" \"-\" {error} \"{targetField}\" \"{targetStatus}\" \"-\" \"-\" TID_{random.Next():x8}{random.Next():x8}";
    }

    public static string NginxUpstreamLine(Random random, DateTime time)
    {
        int status = PickStatus(random);
        bool retried = status == 200 && random.Next(50) == 0;
        string a1 = $"10.1.0.{10 + random.Next(10)}:8080";
        string a2 = $"10.1.0.{30 + random.Next(10)}:8080";
        string addr = retried ? $"{a1}, {a2}" : a1;
        string us = retried ? "502, 200" : status.ToString(CultureInfo.InvariantCulture);
        string rt = (random.Next(500) / 1000.0).ToString("0.000", CultureInfo.InvariantCulture);
        string uct = retried ? "-, 0.001" : "0.001";
        string uht = retried ? "-, 0.020" : (status == 504 ? "-" : "0.020");
        string urt = retried ? "0.001, 0.021" : rt;
        string stamp = time.ToString("dd/MMM/yyyy:HH:mm:ss", CultureInfo.InvariantCulture) + " +0000";
        return $"192.168.{random.Next(256)}.{random.Next(256)} - - [{stamp}] \"GET {Paths[random.Next(Paths.Length)]} HTTP/1.1\" {status} {random.Next(20000)} \"-\" \"{Agents[random.Next(Agents.Length)]}\" rt={rt} uct=\"{uct}\" uht=\"{uht}\" urt=\"{urt}\" us=\"{us}\" ua=\"{addr}\"";
    }

    /// <summary>
    /// An Alibaba ALB line as Simple Log Service exports it: one JSON object, every value a string,
    /// in the key order of examples/logs/alibaba-alb/alb_layer7_access_log.jsonl.
    /// </summary>
    public static string SlsJsonLine(Random random, DateTime time)
    {
        int status = PickStatus(random);
        bool noTarget = status == 503 || (status == 502 && random.Next(3) == 0);
        string upstreamStatus = noTarget || status == 504 ? "-" : status.ToString(CultureInfo.InvariantCulture);
        string addr = noTarget ? "-" : $"10.0.{random.Next(4)}.{10 + random.Next(20)}:8080";
        string rt = (random.Next(400) / 1000.0).ToString("0.000", CultureInfo.InvariantCulture);
        string urt = noTarget || status == 504 ? "-" : rt;
        long unix = new DateTimeOffset(time).ToUnixTimeSeconds();
        string stamp = time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        string method = random.Next(5) == 0 ? "POST" : "GET";
        string path = Paths[random.Next(Paths.Length)].Replace("\"", "\\\"", StringComparison.Ordinal);
        string agent = Agents[random.Next(Agents.Length)];
        return $"{{\"__topic__\":\"alb_layer7_access_log\",\"__time__\":\"{unix}\",\"time\":\"{stamp}\",\"app_lb_id\":\"alb-0abc12def34gh56ij\",\"client_ip\":\"203.0.{random.Next(256)}.{random.Next(256)}\",\"client_port\":\"{1024 + random.Next(60000)}\",\"http_host\":\"shop.example.com\",\"host\":\"shop.example.com\",\"request_method\":\"{method}\",\"request_uri\":\"{path}\",\"server_protocol\":\"HTTP/1.1\",\"scheme\":\"https\",\"slb_vport\":\"443\",\"status\":\"{status}\",\"upstream_status\":\"{upstreamStatus}\",\"upstream_addr\":\"{addr}\",\"request_time\":\"{rt}\",\"upstream_response_time\":\"{urt}\",\"read_request_time\":\"{random.Next(3)}\",\"write_response_time\":\"0\",\"tcpinfo_rtt\":\"{1000 + random.Next(3000)}\",\"body_bytes_sent\":\"{random.Next(20000)}\",\"request_length\":\"{200 + random.Next(900)}\",\"http_user_agent\":\"{agent}\",\"http_referer\":\"-\",\"ssl_protocol\":\"TLSv1.3\",\"ssl_cipher\":\"TLS_AES_128_GCM_SHA256\",\"vip_addr\":\"198.51.100.7\"}}";
    }

    /// <summary>Writes <paramref name="lines"/> lines; gzip when the name ends in .gz.</summary>
    public static void Write(string path, int lines, Func<Random, DateTime, string> line, int seed = 42)
    {
        var random = new Random(seed);
        var time = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        using var file = File.Create(path);
        using Stream output = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionLevel.Optimal) : file;
        using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        for (int i = 0; i < lines; i++)
        {
            time = time.AddMilliseconds(random.Next(5));
            writer.WriteLine(line(random, time));
        }
    }
}
