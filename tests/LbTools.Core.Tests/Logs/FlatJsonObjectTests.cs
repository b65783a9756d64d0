using System.Text.Json;
using System.Text;
using LbTools.Core.Logs.Parsing;
using LbTools.Core.Logs;

namespace LbTools.Core.Tests.Logs;

/// <summary>
/// <see cref="FlatJsonObject"/> is a shortcut past Utf8JsonReader: every line it accepts must be
/// one JSON object whose properties JsonDocument reads with the same names and raw values, and
/// the plain lines an exporter writes must be accepted (or the shortcut is never taken).
/// </summary>
public class FlatJsonObjectTests
{
    [Theory]
    [InlineData("{}", 0)]
    [InlineData(" {  } ", 0)]
    [InlineData("{\"status\":\"200\"}", 1)]
    [InlineData("{ \"a\" : \"x y\" , \"b\":1,\"c\":-0.5e+3,\"d\":true,\"e\":false,\"f\":null,\"\":\"\"}", 7)]
    [InlineData("{\"caf\u00e9\":\"\u65e5\u672c\",\"x\":\"\ud83d\ude00\"}", 2)]
    [InlineData("{\"a\":\"1\",\"A\":\"2\",\"a\":\"3\"}", 3)]
    [InlineData("{\"a\":0,\"b\":10,\"c\":1E5,\"d\":0.0}", 4)]
    public void Plain_objects_are_flat(string line, int count)
    {
        var spans = new int[4];
        Assert.Equal(count, FlatJsonObject.Scan(Encoding.UTF8.GetBytes(line), ref spans));
        AssertReadAsJsonDocumentReadsIt(line);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("[]")]
    [InlineData("1")]
    [InlineData("{\"a\":\"x\\\"y\"}")]
    [InlineData("{\"st\\u0061tus\":\"200\"}")]
    [InlineData("{\"a\":{}}")]
    [InlineData("{\"a\":[1]}")]
    [InlineData("{\t\"a\":1}")]
    [InlineData("{\"a\":\"x\ty\"}")]
    [InlineData("{\"a\":\"x\u0001\"}")]
    [InlineData("{\"a\":1}\n")]
    [InlineData("{\"a\":01}")]
    [InlineData("{\"a\":-}")]
    [InlineData("{\"a\":1.}")]
    [InlineData("{\"a\":.1}")]
    [InlineData("{\"a\":1e}")]
    [InlineData("{\"a\":+1}")]
    [InlineData("{\"a\":1x}")]
    [InlineData("{\"a\":tru}")]
    [InlineData("{\"a\":truex}")]
    [InlineData("{\"a\":NULL}")]
    [InlineData("{\"a\":'x'}")]
    [InlineData("{\"a\":1,}")]
    [InlineData("{,}")]
    [InlineData("{\"a\"}")]
    [InlineData("{\"a\":}")]
    [InlineData("{\"a\" \"b\"}")]
    [InlineData("{\"a\":1 \"b\":2}")]
    [InlineData("{\"a\":1}}")]
    [InlineData("{\"a\":1} x")]
    [InlineData("{\"a\":1}{}")]
    [InlineData("{\"a\":1")]
    [InlineData("{\"a\":\"1")]
    [InlineData("{\"a")]
    [InlineData("{")]
    [InlineData("{/*c*/}")]
    [InlineData("\ufeff{}")]
    public void Anything_else_is_left_to_the_json_reader(string line)
    {
        var spans = new int[4];
        Assert.Equal(FlatJsonObject.NotFlat, FlatJsonObject.Scan(Encoding.UTF8.GetBytes(line), ref spans));
    }

    [Fact]
    public void Every_line_it_accepts_reads_as_jsondocument_reads_it()
    {
        // Plain objects, then zero to two bytes inserted, removed or replaced: near misses of every kind.
        var random = new Random(5);
        string[] values = { "\"v\"", "\"\"", "\"a b\"", "1", "-1", "0", "0.5", "1e5", "-2E-3", "true", "false", "null", "\"\u00e9\"" };
        string[] pieces = { "{", "}", "\"", ":", ",", " ", "a", "1", "-", "+", ".", "e", "0", "t", "n", "\\", "[", "]", "\t", "\n", "\u0001", "\u00e9" };
        int accepted = 0;
        int rejected = 0;
        for (int i = 0; i < 20000; i++)
        {
            var sb = new StringBuilder("{");
            int n = random.Next(4);
            for (int k = 0; k < n; k++)
            {
                sb.Append(k > 0 ? (random.Next(4) == 0 ? " , " : ",") : string.Empty);
                sb.Append("\"k").Append(k).Append(random.Next(4) == 0 ? "\" : " : "\":").Append(values[random.Next(values.Length)]);
            }

            sb.Append('}');
            for (int m = random.Next(3); m > 0; m--)
            {
                int at = random.Next(sb.Length + 1);
                switch (random.Next(3))
                {
                    case 0:
                        sb.Insert(at, pieces[random.Next(pieces.Length)]);
                        break;
                    case 1 when at < sb.Length:
                        sb.Remove(at, 1);
                        break;
                    default:
                        if (at < sb.Length)
                        {
                            sb.Remove(at, 1).Insert(at, pieces[random.Next(pieces.Length)]);
                        }

                        break;
                }
            }

            var line = sb.ToString();
            var spans = new int[4];
            int count = FlatJsonObject.Scan(Encoding.UTF8.GetBytes(line), ref spans);

            // With the keys the line was built with expected, the answer must be the same.
            var hinted = new int[4];
            Assert.Equal(count, FlatJsonObject.Scan(Encoding.UTF8.GetBytes(line), ref hinted, Enumerable.Range(0, 4).Select(k => "k" + k).ToArray(), out _));
            Assert.Equal(spans.Take(Math.Max(count, 0) * FlatJsonObject.SpanInts), hinted.Take(Math.Max(count, 0) * FlatJsonObject.SpanInts));
            if (count != FlatJsonObject.NotFlat)
            {
                accepted++;
                AssertReadAsJsonDocumentReadsIt(line);
            }
            else
            {
                rejected++;
            }
        }

        Assert.True(accepted > 5000 && rejected > 5000, $"{accepted} flat, {rejected} not");
    }

    [Theory]
    [InlineData("{\"status\":\"200\",\"host\":\"a\"}", "status|host", 2)]
    [InlineData("{\"status\":\"200\",\"host\":\"a\"}", "status|hos", 1)]
    [InlineData("{\"status\":\"200\",\"host\":\"a\"}", "status|hostx", 1)]
    [InlineData("{\"status\":\"200\",\"host\":\"a\"}", "statu|host", 0)]
    [InlineData("{\"status\":\"200\",\"host\":\"a\"}", "status", 1)]
    [InlineData("{\"status\":\"200\",\"host\":\"a\"}", "status|host|more", 2)]
    [InlineData("{\"status\":\"200\",\"host\":\"a\"}", "x|host", 0)]
    [InlineData("{\"status\":\"200\",\"host\":\"a\"}", "host|status", 0)]
    [InlineData("{\"a\":1,\"b\":2}", "a|b|", 2)]
    [InlineData("{\"\":1,\"b\":2}", "|b", 2)]
    [InlineData("{\"st", "st", 0)]
    [InlineData("{\"status\":\"200\",\"host\":\"a\"}", "status\":\"200\",\"host|host", 0)]
    [InlineData("{\"status\":\"200\"}", "status\":\"200", 0)]
    [InlineData("{\"caf\u00e9\":\"1\",\"b\":2}", "caf\u00e9|b", 0)]
    [InlineData("{\"cafe\":\"1\",\"b\":2}", "caf\u00e9|b", 0)]
    [InlineData("{\"a\\\"b\":1}", "a\"b", 0)]
    public void Expected_keys_are_compared_and_give_the_same_spans(string line, string expected, int found)
    {
        var keys = expected.Split('|');
        var bytes = Encoding.UTF8.GetBytes(line);
        var plain = new int[4];
        var hinted = new int[4];
        int count = FlatJsonObject.Scan(bytes, ref plain);
        Assert.Equal(count, FlatJsonObject.Scan(bytes, ref hinted, keys, out int expectedFound));
        Assert.Equal(count < 0 ? 0 : found, count < 0 ? 0 : expectedFound);
        Assert.Equal(plain.Take(Math.Max(count, 0) * FlatJsonObject.SpanInts), hinted.Take(Math.Max(count, 0) * FlatJsonObject.SpanInts));
    }

    [Fact]
    public void Long_lines_grow_the_spans()
    {
        var line = "{" + string.Join(",", Enumerable.Range(0, 100).Select(i => $"\"k{i}\":\"{new string('v', i)}\"")) + "}";
        var spans = new int[4];
        Assert.Equal(100, FlatJsonObject.Scan(Encoding.UTF8.GetBytes(line), ref spans));
        Assert.True(spans.Length >= 400);
        AssertReadAsJsonDocumentReadsIt(line);
    }

    private static void AssertReadAsJsonDocumentReadsIt(string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line);
        var spans = new int[4];
        int count = FlatJsonObject.Scan(bytes, ref spans);
        using var document = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = 16 });
        var properties = document.RootElement.EnumerateObject().ToList();
        Assert.Equal(properties.Count, count);
        for (int p = 0; p < count; p++)
        {
            int s = p * FlatJsonObject.SpanInts;
            Assert.Equal(properties[p].Name, Encoding.UTF8.GetString(bytes, spans[s], spans[s + 1]));
            Assert.Equal(properties[p].Value.GetRawText(), Encoding.UTF8.GetString(bytes, spans[s + 2], spans[s + 3]));
        }
    }
}
