using System.Globalization;
using System.Text;
using LbTools.Core.Logs.Alibaba;
using LbTools.Core.Logs.Parsing;
using LbTools.Core.Logs;
using LbTools.Core.Tests.Support;

namespace LbTools.Core.Tests.Logs;

/// <summary>
/// The Utf8JsonReader route of <see cref="AlibabaSlsJsonLineParser"/> (bytes and string) must give
/// exactly what the JsonDocument route (<see cref="AlibabaSlsJsonLineParser.ParseText"/>, the
/// original parser) gives: every record property, every field name and value, every rejection
/// and its detail, or the same exception.
/// </summary>
public class AlibabaSlsJsonEquivalenceTests
{
    private static readonly string[] Names =
    {
        "__topic__", "__time__", "time", "app_lb_id", "slbid", "client_ip", "client_port", "http_host", "host",
        "request_method", "request_uri", "server_protocol", "scheme", "slb_vport", "status", "upstream_status",
        "upstream_addr", "request_time", "upstream_response_time", "read_request_time", "tcpinfo_rtt",
        "body_bytes_sent", "request_length", "http_user_agent", "http_referer", "ssl_protocol", "ssl_cipher",
        "vip_addr", "remote_addr", "request", "time_local", "x_custom", "caf\u00e9", "\u65e5\u5fd7",
    };

    private static readonly Encoding Lenient = new UTF8Encoding(false, false);

    public static IEnumerable<object[]> Edges()
    {
        string[] lines =
        {
            "{}", " { } ", "[]", "[1,2]", "1", "\"x\"", "null", "true", "  ", "{", "{\"status\":\"200\"", "{\"status\":\"200\"} x",
            "{\"status\":\"200\"}{}", "{\"status\":\"200\"},", "{\"status\":\"200\",}", "[1,]", "[1] x", "[1", "1 2",
            "{/*c*/\"status\":\"200\"}", "{\"status\":\"200\"} // c", "{\"status\":200}", "{\"status\":\"200\",\"Status\":\"404\",\"STATUS\":\"502\"}",
            "{\"status\":\"2\\u0030\\u0030\",\"http_user_agent\":\"a\\\"b\\\\c\\u00e9\\n\\t\\/\"}",
            "{\"st\\u0061tus\":\"200\"}", "{\"status\":\"200\",\"x\":-1.5e3,\"y\":0.012,\"z\":1,\"t\":true,\"f\":false,\"n\":null}",
            "{\"status\":\"200\",\"o\":{ \"a\" : [1, 2 ,{}] },\"a\":[ ],\"e\":{}}", "{\"status\":\"200\",\"a\":[1,{\"b\":[null]}]}",
            "{\"status\":\"200\",\"x\":\"\\ud800\"}", "{\"status\":\"200\",\"x\":\"\\ud800\"} x", "{\"\\udc00\":\"1\",\"status\":\"200\"}",
            "{\"status\":\"200\",\"x\":\"\ud83d\ude00 \u65e5\u672c\"}", "\ufeff{\"status\":\"200\"}", "{\"status\":\"200\",\"x\":01}",
            "{\"status\":\"200\",\"x\":'a'}", "{\"status\":\"200\",\"x\":\"a\u0001\"}", "{\"status\":\"200\" \"x\":1}", "{status:200}",
            "{\"status\":\"abc\"}", "{\"status\":null}", "{\"time\":\"nope\",\"status\":\"200\"}",
            Nest(16), Nest(17), "[" + new string('[', 20) + "]",

            // Keys: case repeats (first spelling, last value), non-ASCII case folding, escapes, empty, missing status.
            "{\"status\":\"200\",\"caf\u00e9\":\"1\",\"CAF\u00c9\":\"2\",\"Status\":\"404\"}",
            "{\"\u212aey\":\"1\",\"key\":\"2\",\"KEY\":\"3\",\"status\":\"200\",\"\u0131d\":\"4\",\"ID\":\"5\"}",
            "{\"STATUS\":\"200\",\"Client_IP\":\"203.0.113.1:80\",\"REQUEST_TIME\":\"0.5\"}",
            "{\"st\\u0061tus\":\"200\",\"status\":\"201\",\"\\u0073tatus\":\"202\"}", "{\"status\\u0000\":\"200\"}",
            "{\"\":\"x\",\"status\":\"200\",\"\":\"y\"}", "{\"x\":\"1\"}", "{\"Status\":null}", "{\"status\":\"200\",\"status\":null}",

            // Numbers, literals and the shapes the flat scanner must leave to the JSON reader.
            "{\"status\":200,\"request_time\":0.5,\"body_bytes_sent\":1e3,\"tcpinfo_rtt\":-0,\"slb_vport\":443}",
            "{\"status\":\"200\",\"a\":-1,\"b\":0,\"c\":1.25E-2,\"d\":9e+9,\"e\":true,\"f\":false,\"g\":null}",
            "{\"status\":\"200\",\"a\":-}", "{\"status\":\"200\",\"a\":1.}", "{\"status\":\"200\",\"a\":1e}", "{\"status\":\"200\",\"a\":-01}",
            "{\"status\":\"200\",\"a\":.5}", "{\"status\":\"200\",\"a\":+1}", "{\"status\":\"200\",\"a\":1e+}", "{\"status\":\"200\",\"a\":1x}",
            "{\"status\":\"200\",\"a\":tru}", "{\"status\":\"200\",\"a\":truex}", "{\"status\":\"200\",\"a\":nul}", "{\"status\":\"200\",\"a\":False}",
            "{\t\"status\"\t:\t\"200\"\r\n}", "{\"status\":\"2\t0\"}", "{\"status\":\"200\",\"a\":\"x\u007fy\"}", "\t{\"status\":\"200\"}\r",
            "{\"status\":\"200\"}}", "{\"status\":\"200\"]", "{\"a\" \"b\"}", "{\"a\":}", "{,}", "{\"status\":\"200\",,\"a\":1}", "{\"status\":\"200\" , \"a\" : 1 }",
            "{\"status", "{\"status\":\"200", "{\"status\":", "{\"status\":\"200\",", "{\"status\":\"200\" ", " {  } x", "{}}",
        };
        return lines.Select(l => new object[] { l });
    }

    [Theory]
    [MemberData(nameof(Edges))]
    public void Edge_lines_match_the_reference(string line) => AssertSame(new AlibabaSlsJsonLineParser(), line);

    [Fact]
    public void Edge_lines_in_a_row_match_the_reference()
    {
        // One parser for all, forwards then backwards: the key layout a line leaves must not change the next line's result.
        var lines = Edges().Select(e => (string)e[0]).ToList();
        var parser = new AlibabaSlsJsonLineParser();
        foreach (var line in lines.Concat(Enumerable.Reverse(lines)))
        {
            AssertSame(parser, line);
        }
    }

    [Theory]
    [InlineData("{\"status\":\"200\",\"Status\":\"404\",\"caf\u00e9\":null,\"x\":1}")]
    [InlineData("{\"STATUS\":\"200\",\"o\":{\"a\":1},\"st\\u0061tus\":\"201\"}")]
    public void Fields_read_as_the_dictionary_did(string line)
    {
        var expected = AlibabaSlsJsonLineParser.ParseText(line).Record!.Fields;
        var actual = new AlibabaSlsJsonLineParser().Parse(Encoding.UTF8.GetBytes(line)).Record!.Fields;
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected.Keys, actual.Keys);
        Assert.Equal(expected.Values, actual.Values);
        Assert.Equal(expected, actual);
        foreach (var key in expected.Keys.SelectMany(k => new[] { k, k.ToUpperInvariant(), k.ToLowerInvariant(), k + "x" }))
        {
            Assert.Equal(expected.ContainsKey(key), actual.ContainsKey(key));
            Assert.Equal(expected.TryGetValue(key, out var e), actual.TryGetValue(key, out var a));
            Assert.Equal(e, a);
        }

        Assert.Equal(Assert.Throws<KeyNotFoundException>(() => expected["nope"]).Message, Assert.Throws<KeyNotFoundException>(() => actual["nope"]).Message);
        Assert.Throws<ArgumentNullException>(() => actual.ContainsKey(null!));
    }

    [Fact]
    public void Lines_that_change_their_keys_match_the_reference()
    {
        // Fewer keys, more keys, another order, a key in another case, a repeated key, then the first keys again.
        string[] lines =
        {
            "{\"status\":\"200\",\"client_ip\":\"203.0.113.1\",\"request_time\":\"0.1\"}",
            "{\"status\":\"201\",\"client_ip\":\"203.0.113.2\"}",
            "{\"status\":\"202\",\"client_ip\":\"203.0.113.3\",\"request_time\":\"0.3\",\"tcpinfo_rtt\":\"5\"}",
            "{\"client_ip\":\"203.0.113.4\",\"status\":\"203\",\"request_time\":\"0.4\"}",
            "{\"status\":\"204\",\"CLIENT_IP\":\"203.0.113.5\",\"request_time\":\"0.5\"}",
            "{\"status\":\"205\",\"client_ip\":\"203.0.113.6\",\"Status\":\"500\"}",
            "{\"status\":\"206\",\"client_ip\":\"203.0.113.7\",\"request_time\":\"0.7\"}",
            "{\"st\\u0061tus\":\"207\",\"client_ip\":\"203.0.113.8\",\"request_time\":\"0.8\"}",
            "{\"status\":\"208\",\"client_ip\":\"203.0.113.9\",\"request_time\":\"0.9\"}",
            "{\"status\":\"209\",\"client_ip\":\"203.0.113.9\",\"request_time\":",
            "{\"status\":\"210\",\"client_ip\":\"203.0.113.9\",\"request_time\":\"1.0\"}",
            "{}",
            "{\"status\":\"211\",\"client_ip\":\"203.0.113.9\",\"request_time\":\"1.1\"}",
        };
        var parser = new AlibabaSlsJsonLineParser();
        for (int round = 0; round < 2; round++)
        {
            foreach (var line in lines)
            {
                AssertSame(parser, line);
            }
        }
    }

    [Fact]
    public void Generated_lines_match_the_reference()
    {
        // One parser for all lines, as in a read: remembered values must never leak between lines.
        var parser = new AlibabaSlsJsonLineParser();
        var copy = (AlibabaSlsJsonLineParser)((IParallelLineParser)parser).CreateWorkerCopy();
        var random = new Random(20260601);
        var kinds = new Dictionary<string, int>();
        for (int i = 0; i < 6000; i++)
        {
            var line = Mutate(random, Line(random));
            AssertSame(i % 3 == 0 ? copy : parser, line);
            var snapshot = RecordSnapshot.Of(() => AlibabaSlsJsonLineParser.ParseText(line));
            if (snapshot.Contains("lone surrogate", StringComparison.Ordinal))
            {
                kinds["lone surrogate"] = kinds.GetValueOrDefault("lone surrogate") + 1;
            }

            var kind = snapshot.Split(':')[0];
            kind = kind.StartsWith("reject InvalidField", StringComparison.Ordinal) ? "reject InvalidField" : kind.StartsWith("Bytes", StringComparison.Ordinal) ? "record" : kind;
            kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
        }

        // The lines must reach every outcome, not just one.
        Assert.True(kinds.GetValueOrDefault("record") > 1000, string.Join(", ", kinds));
        Assert.True(kinds.GetValueOrDefault("reject InvalidJson not one well-formed JSON object") > 300, string.Join(", ", kinds));
        Assert.True(kinds.GetValueOrDefault("reject InvalidJson the line is JSON but not an object skipped=False") > 20, string.Join(", ", kinds));
        Assert.True(kinds.GetValueOrDefault("reject InvalidField") > 100, string.Join(", ", kinds));
        // A lone surrogate (escaped or raw) is a rejected line with its reason, never an exception (issue 14).
        Assert.True(kinds.GetValueOrDefault("lone surrogate") > 0, string.Join(", ", kinds));
        Assert.DoesNotContain(kinds.Keys, k => k.StartsWith("throws", StringComparison.Ordinal));
    }

    [Fact]
    public void Bundled_sample_lines_match_the_reference()
    {
        var path = FindRepoFile(Path.Combine("examples", "logs", "alibaba-alb", "alb_layer7_access_log.jsonl"));
        var parser = new AlibabaSlsJsonLineParser();
        int records = 0;
        for (int round = 0; round < 3; round++)
        {
            foreach (var line in File.ReadAllLines(path).Where(l => l.Length > 0))
            {
                AssertSame(parser, line);
                records += parser.Parse(Encoding.UTF8.GetBytes(line)).IsRecord ? 1 : 0;
            }
        }

        Assert.True(records > 0);
    }

    [Fact]
    public void Invalid_utf8_bytes_match_decoding_with_replacement_first()
    {
        var parser = new AlibabaSlsJsonLineParser();
        byte[][] lines =
        {
            Bytes("{\"status\":\"200\",\"x\":\"a", 0xFF, "b\"}"),
            Bytes("{\"status\":\"200\",\"", 0xC3, "\":\"v\"}"),
            Bytes("{\"status\":\"200\",\"x\":\"", 0xE6, 0x97, "\"}"),
            Bytes("{\"status\":\"200\"", 0x80, "}"),
            Bytes("{\"status\":\"200\",\"o\":[\"", 0xFE, "\"]}"),
        };
        foreach (var bytes in lines)
        {
            Assert.Equal(RecordSnapshot.Of(() => AlibabaSlsJsonLineParser.ParseText(Lenient.GetString(bytes))), RecordSnapshot.Of(() => parser.Parse(bytes)));
        }
    }

    [Fact]
    public void A_lone_surrogate_in_the_string_is_rejected_as_the_reference_rejects_it()
    {
        var line = "{\"status\":\"200\",\"x\":\"\ud800\"}";
        var expected = RecordSnapshot.Of(() => AlibabaSlsJsonLineParser.ParseText(line));
        Assert.Contains("NotUtf8", expected);
        Assert.Equal(expected, RecordSnapshot.Of(() => new AlibabaSlsJsonLineParser().Parse(line)));
    }

    [Fact]
    public void Reading_a_file_matches_the_reference_line_by_line()
    {
        using var dir = new Support.TempDirectory();
        var random = new Random(7);
        var lines = Enumerable.Range(0, 2000).Select(_ => Mutate(random, Line(random))).Select(l => l.Replace("\n", " ", StringComparison.Ordinal)).ToList();
        var file = Path.Combine(dir.Path, "sls.jsonl");
        // Written the lenient way (a lone surrogate left by a mutation becomes U+FFFD), read back as the reference sees it.
        File.WriteAllLines(file, lines, new UTF8Encoding(false));
        var expected = File.ReadAllLines(file).Select(ReferenceRecord).Where(r => r != null).Select(r => RecordSnapshot.Describe(r!, skipSource: true)).ToList();
        foreach (int threads in new[] { 1, 2 })
        {
            var reader = new AccessLogReader(new AccessLogReadOptions { Format = LogFormat.AlibabaSlsJson, ParseThreads = threads, ParallelFrom = 0 }, LbTools.Core.Common.NullOperationSink.Instance);
            var actual = reader.ReadFiles(new[] { file }, CancellationToken.None).Select(r => RecordSnapshot.Describe(r, skipSource: true)).ToList();
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void Lines_that_take_turns_with_their_keys_match_the_reference()
    {
        // Key lists in turn (an optional key, a renamed key, a non-ASCII or escaped key), then more lists than are remembered.
        var random = new Random(17);
        var lists = new List<string[]>
        {
            new[] { "status", "client_ip", "host", "request_time" },
            new[] { "status", "client_ip", "request_time" },
            new[] { "status", "client_ip", "hostx", "request_time" },
            new[] { "status", "caf\u00e9", "host", "request_time" },
            new[] { "status", "client_ip", "h\\u006fst", "request_time" },
            new[] { "STATUS", "client_ip", "host", "request_time", "status" },
        };
        lists.AddRange(Enumerable.Range(0, 12).Select(i => new[] { "status", "client_ip", "k" + i }));
        var parser = new AlibabaSlsJsonLineParser();
        for (int i = 0; i < 3000; i++)
        {
            var keys = lists[i < 1500 ? i % 6 : random.Next(lists.Count)];
            var line = "{" + string.Join(",", keys.Select((k, p) => $"\"{k}\":\"{(k.Equals("status", StringComparison.OrdinalIgnoreCase) ? 200 + (i % 5) : p + i % 3)}\"")) + "}";
            AssertSame(parser, line);
        }
    }

    /// <summary>The reference record, or null for a line the reader rejects (a parser exception included).</summary>
    private static LbLogRecord? ReferenceRecord(string line)
    {
        try
        {
            return AlibabaSlsJsonLineParser.ParseText(line).Record;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static void AssertSame(AlibabaSlsJsonLineParser parser, string line)
    {
        string expected = RecordSnapshot.Of(() => AlibabaSlsJsonLineParser.ParseText(line));
        Assert.Equal(expected, RecordSnapshot.Of(() => parser.Parse(line)));
        byte[] bytes;
        try
        {
            bytes = new UTF8Encoding(false, true).GetBytes(line);
        }
        catch (EncoderFallbackException)
        {
            return;
        }

        Assert.Equal(expected, RecordSnapshot.Of(() => parser.Parse(bytes)));
    }

    private static string Line(Random random)
    {
        var sb = new StringBuilder();
        sb.Append(Pick(random, "{", "{", "{", " {", "{\n"));
        // Mostly the exporter's full key list in its order (values at a position repeat), sometimes fewer or more keys.
        int count = random.Next(12) == 0 ? 0 : random.Next(4) == 0 ? random.Next(1, 40) : 28;
        for (int k = 0; k < count; k++)
        {
            if (k > 0)
            {
                sb.Append(Pick(random, ",", ",", ", ", " ,\t"));
            }

            var name = random.Next(8) == 0 ? Case(random, Names[random.Next(Names.Length)]) : Names[k % Names.Length];
            if (random.Next(400) == 0)
            {
                name = "st\\u0061tus";
            }

            sb.Append('"').Append(name).Append('"').Append(Pick(random, ":", ":", " : ")).Append(Value(random, name));
        }

        sb.Append(Pick(random, "}", "}", "} ", "}\t"));
        return sb.ToString();
    }

    private static string Value(Random random, string name)
    {
        // Free-text keys get every kind of value often; the mapped ones rarely, or almost every line would be rejected.
        bool free = name is "x_custom" or "caf\u00e9" or "\u65e5\u5fd7" or "http_user_agent" or "http_referer" or "request_uri" or "vip_addr" or "ssl_cipher";
        switch (random.Next(free ? 10 : 150))
        {
            case 0: return Pick(random, "1", "-1.5e3", "0.012", "200", "0", "-0", "1E+2", "12345678901234567890");
            case 1: return Pick(random, "true", "false", "null");
            case 2: return Pick(random, "{}", "[]", "{ \"a\" : [1, \"x\\\"\", {\"b\":null}] }", "[ 1 ,2, [3] ]", "{\"k\":{\"k\":{}}}");
            case 3: return "\"" + Pick(random, "a\\\"b", "c\\\\d", "caf\\u00e9", "x\\ny", "\\t\\/\\b\\f\\r", "\\ud83d\\ude00", "\\u65e5", "\\ud800", "x\\udc00") + "\"";
            case 4: return "\"" + Pick(random, "caf\u00e9", "\u65e5\u672c\u8a9e", "\ud83d\ude00", "\u00fc\u00df") + "\"";
            case 5: return "\"\"";
            case 6: return "\"" + new string('x', random.Next(200, 400)) + "\"";
            default: return "\"" + Plain(random, name) + "\"";
        }
    }

    private static string Plain(Random random, string name)
    {
        // Mostly values that map; now and then one that the mapper rejects.
        bool bad = random.Next(80) == 0;
        return name.ToLowerInvariant() switch
        {
            "__topic__" => Pick(random, "alb_layer7_access_log", "slb_layer7_access_log", bad ? "other" : "alb_layer7_access_log"),
            "__time__" => bad ? "abc" : Pick(random, "1717236000", "1717236005"),
            "time" => bad ? "bad" : Pick(random, "2024-06-01T10:00:00Z", "2024-06-01T10:00:05+08:00", "2024-06-01T10:00:05.123Z"),
            "time_local" => bad ? "x" : "01/Jun/2024:10:00:00 +0000",
            "client_ip" or "remote_addr" => Pick(random, "203.0.113.10", "203.0.113.11:5000", "[2001:db8::1]:443", "-"),
            "client_port" or "slb_vport" => bad ? "x1" : Pick(random, "51234", "443", "-"),
            "status" => bad ? "abc" : Pick(random, "200", "502", "504", "-"),
            "upstream_status" => bad ? "abc" : Pick(random, "200", "502", "-", "502, 200", "200 : 404"),
            "upstream_addr" => Pick(random, "10.0.1.5:8080", "10.0.0.1:80, 10.0.0.2:80 : 10.0.0.3:80", "-", ""),
            "request_time" => bad ? "x" : Pick(random, "0.012", "60.001", "-"),
            "upstream_response_time" => bad ? "x" : Pick(random, "0.012", "60.001", "-", "0.003, - : 0.001"),
            "tcpinfo_rtt" or "body_bytes_sent" or "request_length" or "read_request_time" => bad ? "1.5" : Pick(random, "1520", "0", "-"),
            "request" => Pick(random, "GET /a?b=1 HTTP/1.1", "POST /x HTTP/2.0", "garbage"),
            "request_uri" => Pick(random, "/api/cart?id=7", "/", "/a%20b"),
            "http_host" or "host" => Pick(random, "shop.example.com", "shop.example.com:8443", "[::1]:80", "-"),
            _ => Pick(random, "GET", "HTTP/1.1", "https", "HTTPS", "TLSv1.3", "okhttp/4.12.0", "-", "198.51.100.7", "alb-0abc"),
        };
    }

    private static string Mutate(Random random, string line)
    {
        switch (random.Next(24))
        {
            case 0:
                return line.Substring(0, random.Next(line.Length));
            case 1:
                return line.Remove(random.Next(line.Length), 1);
            case 2:
                return line.Insert(random.Next(line.Length), Pick(random, "\"", " ", ",", "}", "]", "x", "/*c*/", "\\"));
            case 3:
                return line + Pick(random, " x", "{}", ",", " // c", "1");
            case 4:
                return Pick(random, "[", "[ ", "1, ") + line + "]";
            default:
                return line;
        }
    }

    private static string Case(Random random, string name)
    {
        var chars = name.ToCharArray();
        for (int i = 0; i < chars.Length; i++)
        {
            chars[i] = random.Next(2) == 0 ? char.ToUpperInvariant(chars[i]) : chars[i];
        }

        return new string(chars);
    }

    private static T Pick<T>(Random random, params T[] values) => values[random.Next(values.Length)];

    private static string Nest(int depth) => "{\"status\":\"200\",\"x\":" + new string('[', depth - 1) + new string(']', depth - 1) + "}";

    private static byte[] Bytes(params object[] parts)
    {
        var bytes = new List<byte>();
        foreach (var part in parts)
        {
            if (part is string s)
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(s));
            }
            else
            {
                bytes.Add(Convert.ToByte(part, CultureInfo.InvariantCulture));
            }
        }

        return bytes.ToArray();
    }

    private static string FindRepoFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(relative);
    }
}
