using System.Globalization;
using System.Text;

namespace LbTools.Core.Tests.Triage;

/// <summary>
/// ALB lines in the shape of the AWS "Access logs for your Application Load Balancer" examples,
/// with the fields a test controls: time, target, the three processing times, both statuses and
/// the path. A failed connect is the shape the bundled prod-web log and the AWS troubleshooting
/// page give for a 502: target_processing_time -1, target_status_code "-".
/// </summary>
internal static class AlbLines
{
    public static string Line(DateTimeOffset time, string target, int status, string targetStatus, double request = 0.001, double targetTime = 0.010, double response = 0.000, string path = "/", DateTimeOffset? created = null)
    {
        string t = time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
        string c = (created ?? time).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
        string S(double v) => v < 0 ? "-1" : v.ToString("0.000", CultureInfo.InvariantCulture);
        return $"http {t} app/lb/50dc6c495c0c9188 192.168.131.39:2817 {target} {S(request)} {S(targetTime)} {S(response)} {status} {targetStatus} 34 366 \"GET http://www.example.com:80{path} HTTP/1.1\" \"curl/8.0\" - - arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/t/73e2d6bc24d8a067 \"Root=1-58337262-36d228ad5d99923122bbe354\" \"-\" \"-\" 0 {c} \"forward\" \"-\" \"-\" \"{target}\" \"{targetStatus}\" \"-\" \"-\"";
    }

    public static string Ok(DateTimeOffset time, string target, double targetTime = 0.010, string path = "/") => Line(time, target, 200, "200", targetTime: targetTime, path: path);

    /// <summary>A 502 where the target refused the connection: no target time, no target status.</summary>
    public static string ConnectFailed(DateTimeOffset time, string target, string path = "/api") => Line(time, target, 502, "-", request: 0.001, targetTime: -1, response: -1, path: path);

    public static string Join(IEnumerable<string> lines)
    {
        var sb = new StringBuilder();
        foreach (var line in lines)
        {
            sb.Append(line).Append('\n');
        }

        return sb.ToString();
    }
}
