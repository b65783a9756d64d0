using System.Globalization;
using System.Text;
using LbTools.Core.Logs.Nginx;
using LbTools.Core.Logs.Parsing;
using LbTools.Core.Logs;
using LbTools.Core.Tests.Support;

namespace LbTools.Core.Tests.Logs;

/// <summary>
/// The byte route of <see cref="NginxLineParser"/> (lazy text, numbers from bytes) must give
/// exactly what the string route (<see cref="NginxLineParser.ParseText"/>, the original
/// split-and-map-by-name parser) gives: every property, every field, every rejection and its
/// detail. Seeded lines over the presets and custom formats, with the values nginx writes
/// (reference §6.1/§6.2: "-" for none, ", " and " : " between attempts, \xHH escapes) and
/// damaged ones.
/// </summary>
public class NginxByteRouteEquivalenceTests
{
    public static IEnumerable<object[]> Formats()
    {
        yield return new object[] { NginxLogFormats.Combined };
        yield return new object[] { NginxLogFormats.Upstream };
        yield return new object[] { "{\"time\":\"$time_iso8601\",\"remote_addr\":\"$remote_addr\",\"remote_port\":\"$remote_port\",\"request_method\":\"$request_method\",\"request_uri\":\"$request_uri\",\"server_protocol\":\"$server_protocol\",\"status\":$status,\"bytes_sent\":$bytes_sent,\"request_time\":$request_time,\"upstream_addr\":\"$upstream_addr\",\"upstream_status\":\"$upstream_status\",\"upstream_response_time\":\"$upstream_response_time\",\"http_user_agent\":\"$http_user_agent\",\"host\":\"$host\",\"scheme\":\"$scheme\",\"server_port\":\"$server_port\",\"request_length\":$request_length}" };
        yield return new object[] { "$msec $remote_addr:$client_port \"$request\" $status $body_bytes_sent $request_time $upstream_connect_time|$upstream_header_time|$upstream_response_time $http_x_amzn_trace_id $ssl_protocol/$ssl_cipher $tcpinfo_rtt" };
        yield return new object[] { "${client_ip}|${time_iso8601}|$http_host|$status|$slb_vport|$upstream_status|$request_id|$server_name|$request" };
        yield return new object[] { "[$time_local] $remote_addr $Status $status \"$request\" $http_referer -- $time_local" };
        yield return new object[] { "$__time__ $remote_addr $request_method $request_uri $status $upstream_addr $slb_xtrace" };
        yield return new object[] { "$remote_addr $timestamp $request" };

        // A directive as nginx.conf has it, with JSON escaping: \" inside a value must not end it.
        yield return new object[] { "log_format j escape=json '{\"remote_addr\":\"$remote_addr\",\"request\":\"$request\",' '\"status\":$status,\"http_user_agent\":\"$http_user_agent\",\"http_referer\":\"$http_referer\",\"request_time\":$request_time}';" };
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Byte_route_equals_string_route(string format)
    {
        var parser = new NginxLineParser(format);
        var random = new Random(20260601 + format.Length);
        for (int i = 0; i < 3000; i++)
        {
            string line = Mutate(random, Line(random, parser.LineFormat));
            string expected = RecordSnapshot.Of(() => parser.ParseText(line), reverse: false);
            Assert.Equal(expected, RecordSnapshot.Of(() => parser.Parse(Encoding.UTF8.GetBytes(line)), reverse: false));
            Assert.Equal(expected, RecordSnapshot.Of(() => parser.Parse(Encoding.UTF8.GetBytes(line)), reverse: true));
            Assert.Equal(expected, RecordSnapshot.Of(() => parser.Parse(line), reverse: true));
        }
    }

    [Theory]
    [InlineData(32_000)]
    [InlineData(40_000)]
    [InlineData(70_000)]
    public void Lines_around_and_over_32_KiB_keep_every_field(int uriLength)
    {
        // Kept lines hold 16-bit offsets up to 32 KiB and 32-bit ones above: both must read back whole.
        var parser = new NginxLineParser("upstream");
        string uri = "/q?" + new string('a', uriLength);
        string line = $"203.0.113.6 - - [01/Jun/2024:09:59:59 +0200] \"GET {uri} HTTP/1.1\" 502 157 \"-\" \"agent\" rt=0.005 uct=\"0.001, 0.001\" uht=\"-, 0.003\" urt=\"0.002, 0.004\" us=\"502, 502\" ua=\"10.0.0.1:80, 10.0.0.2:80\"";
        string expected = RecordSnapshot.Of(() => parser.ParseText(line), reverse: false);
        Assert.Contains(uri, expected, StringComparison.Ordinal);
        Assert.Contains("10.0.0.2:80", expected, StringComparison.Ordinal);
        Assert.Equal(expected, RecordSnapshot.Of(() => parser.Parse(Encoding.UTF8.GetBytes(line)), reverse: true));
    }

    [Fact]
    public void Bytes_that_are_not_utf8_take_the_string_route_with_the_reader_decoding()
    {
        var parser = new NginxLineParser("combined");
        var bytes = Encoding.ASCII.GetBytes("203.0.113.6 - - [01/Jun/2024:09:59:59 +0200] \"GET /x HTTP/1.1\" 200 1 \"-\" \"agent \u0001\"");
        bytes[bytes.Length - 3] = 0xE9;
        var decoded = new UTF8Encoding(false, false).GetString(bytes);
        Assert.Equal(RecordSnapshot.Of(() => parser.ParseText(decoded), false), RecordSnapshot.Of(() => parser.Parse(bytes), false));
    }

    [Fact]
    public void Worker_copies_on_two_threads_give_the_same_records()
    {
        var parser = new NginxLineParser("upstream");
        var random = new Random(7);
        var lines = Enumerable.Range(0, 4000).Select(_ => Line(random, parser.LineFormat)).ToArray();
        var expected = lines.Select(l => RecordSnapshot.Of(() => parser.ParseText(l), false)).ToArray();
        var copies = new[] { CopyOf(parser), CopyOf(parser) };
        var results = new string[2][];
        Parallel.For(0, 2, t => results[t] = lines.Select(l => RecordSnapshot.Of(() => copies[t].Parse(Encoding.UTF8.GetBytes(l)), t == 1)).ToArray());
        Assert.Equal(expected, results[0]);
        Assert.Equal(expected, results[1]);
    }

    private static IUtf8LineParser CopyOf(NginxLineParser parser)
    {
        var copy = ((IParallelLineParser)parser).CreateWorkerCopy();
        Assert.NotSame(parser, copy);
        return Assert.IsType<NginxLineParser>(copy);
    }

    private static string Line(Random random, NginxLineFormat format)
    {
        // Rebuild the line from the format text, one generated value per variable.
        var text = format.Text;
        var line = new StringBuilder();
        int v = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '$' && v < format.Variables.Count)
            {
                string name = format.Variables[v++];
                i += text[i + 1] == '{' ? name.Length + 2 : name.Length;
                line.Append(Value(random, name.ToLowerInvariant()));
                continue;
            }

            line.Append(text[i]);
        }

        return line.ToString();
    }

    private static T Pick<T>(Random random, params T[] values) => values[random.Next(values.Length)];

    private static string Value(Random random, string name)
    {
        bool odd = random.Next(12) == 0;
        switch (name)
        {
            case "time_local":
                return odd
                    ? Pick(random, "-", "", "32/Jan/2024:10:00:00 +0000", "01/Foo/2024:10:00:00 +0000", "01/Jun/2024:10:00:03", "01/Jun/2024:24:00:00 +0000", "29/Feb/2023:10:00:00 +0000", "29/Feb/2024:10:00:60 +0000", "01/Jun/2024:10:00:03 +1400", "01/Jun/2024:10:00:03 +0099", "01/Jun/2024:10:00:03 -1359", "01/Jun/0001:00:00:00 +0100", "1/Jun/2024:10:00:03 +0000", "01/Jun/2024:10:61:03 +0000", "01/Jun/2024:10:00:03 ~0000")
                    : new DateTime(2024, 6, 1, 10, 0, 0).AddSeconds(random.Next(7200)).ToString("dd/MMM/yyyy:HH:mm:ss", CultureInfo.InvariantCulture) + Pick(random, " +0000", " +0000", " -0530", " +0200");
            case "time_iso8601":
            case "time":
            case "timestamp":
                return odd
                    ? Pick(random, "-", "", "2024-06-01T10:00:00Z", "2024-02-30T10:00:00+00:00", "2024-06-01 10:00:00", "garbage", "2024-06-01T10:00:60+00:00", "2024-06-01T10:00:00+14:00", "2024-06-01T10:00:00.123+02:00", "0001-01-01T00:00:00+01:00")
                    : new DateTime(2024, 6, 1, 10, 0, 0).AddSeconds(random.Next(86400 * 40)).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + Pick(random, "+00:00", "+08:00", "-05:30");
            case "msec":
            case "__time__":
                return odd ? Pick(random, "-", "x", "-5", "1e9") : (1717236000 + random.Next(100000) + (random.Next(1000) / 1000.0)).ToString("0.000", CultureInfo.InvariantCulture);
            case "remote_addr":
            case "client_ip":
                return odd ? Pick(random, "-", "", "::1", "[2001:db8::1]:443", "10.0.0.1:99999999999", "10.0.0.1:+5", "unix:") : $"192.0.2.{random.Next(256)}" + (random.Next(3) == 0 ? ":" + random.Next(65536) : "");
            case "status":
            case "client_port":
            case "remote_port":
            case "server_port":
            case "slb_vport":
                return odd ? Pick(random, "-", "", "+5", " 7", "abc", "99999999999", "007", "-3", "1234567890", "2147483648") : Pick(random, "200", "502", "504", "404", "80", "443");
            case "body_bytes_sent":
            case "bytes_sent":
            case "request_length":
            case "tcpinfo_rtt":
                return odd ? Pick(random, "-", "", "+5", "x", "99999999999999999999", "123456789012345678", "-1") : random.Next(100000).ToString(CultureInfo.InvariantCulture);
            case "request_time":
                return Seconds(random, odd);
            case "upstream_connect_time":
            case "upstream_header_time":
            case "upstream_response_time":
                return Multi(random, odd, () => Seconds(random, random.Next(10) == 0));
            case "upstream_status":
                return Multi(random, odd, () => random.Next(10) == 0 ? Pick(random, "-", "x", "+1", "") : Pick(random, "200", "502", "504"));
            case "upstream_addr":
                return Multi(random, odd, () => Pick(random, "10.0.0.1:80", "10.0.0.2:8080", "unix:/tmp/s.sock", "[::1]:80", "-", "backend"));
            case "request":
                return odd
                    ? Pick(random, "-", "", "\\x16\\x03\\x01\\x00", "GET", "GET /only", "  GET / HTTP/1.1", "GET http://host:8080/x?y HTTP/1.0", "POST https://h/ HTTP/2.0", "GET /a b HTTP/1.1", "- http://host:80- -", "GET /\\xE2\\x82\\xAC HTTP/1.1", "GET /caf\u00e9 HTTP/1.1")
                    : $"{Pick(random, "GET", "POST", "HEAD")} {Path(random)} {Pick(random, "HTTP/1.1", "HTTP/1.0", "HTTP/2.0")}";
            case "request_method":
                return odd ? Pick(random, "-", "", "get") : Pick(random, "GET", "PUT", "DELETE");
            case "request_uri":
                return odd ? Pick(random, "-", "", "?", "/x?", "/\\x22q") : Path(random);
            case "server_protocol":
                return odd ? Pick(random, "-", "") : "HTTP/1.1";
            case "scheme":
                return odd ? Pick(random, "-", "HTTPS") : Pick(random, "http", "https");
            case "host":
            case "http_host":
            case "server_name":
                return odd ? Pick(random, "-", "", "h:8080", "[::1]:80", "[::1]", "a:b:c") : Pick(random, "www.example.com", "api.example.com");
            case "http_user_agent":
            case "http_referer":
                return odd ? Pick(random, "-", "", "a\\x22b", "\\xE2\\x82\\xAC", "bad\\x2", "\\xZZ", "caf\u00e9", "\\\\x41", "q\\\"uote\\\",", "back\\\\", "\\u00e9t\\u0001\\t", "end\\") : Pick(random, "curl/8.5.0", "Mozilla/5.0 (X11; Linux x86_64)", "https://www.example.com/");
            default:
                return odd ? Pick(random, "-", "") : Pick(random, "TLSv1.3", "Root=1-abc", "ECDHE-RSA-AES128-GCM-SHA256", "req-42", "alice");
        }
    }

    private static string Path(Random random) => Pick(random, "/", "/api/v1/items", "/search?q=1&x=2", "/a%20b", "/p\\x22q?r") + (random.Next(4) == 0 ? "?z=" + random.Next(100) : "");

    private static string Seconds(Random random, bool odd) =>
        odd ? Pick(random, "-", "", "1e3", "-1", "-0.000", ".5", "5.", "0.1234567890123456789", "abc", "+0.5", " 0.5", "12345678901234.5", "1234567890123456") : (random.Next(5000) / 1000.0).ToString("0.000", CultureInfo.InvariantCulture);

    private static string Multi(Random random, bool odd, Func<string> one)
    {
        if (odd)
        {
            return Pick(random, "-", "", ",", " : ", "a : b", " - ", ":", "1 :2", " 0.1 ,0.2 ");
        }

        int groups = random.Next(6) == 0 ? 2 : 1;
        var parts = new List<string>();
        for (int g = 0; g < groups; g++)
        {
            int attempts = random.Next(4) == 0 ? 2 : 1;
            parts.Add(string.Join(", ", Enumerable.Range(0, attempts).Select(_ => one())));
        }

        return string.Join(" : ", parts);
    }

    private static string Mutate(Random random, string line)
    {
        switch (random.Next(20))
        {
            case 0:
                return line.Substring(0, random.Next(line.Length));
            case 1:
                return line.Remove(random.Next(line.Length), 1);
            case 2:
                return line.Insert(random.Next(line.Length), Pick(random, "\"", " ", "|", "x", "]"));
            case 3:
                return line + Pick(random, " ", "\"", "extra");
            default:
                return line;
        }
    }
}
