using System.IO.Compression;
using System.Text;
using LbTools.Core.Logs;
using LbTools.Core.Tests.Support;

namespace LbTools.Core.Tests.Fuzz;

/// <summary>
/// Issue 14: a seeded fuzz read per format. The bundled example lines of each format are
/// mutated (bytes, truncation, tokens swapped for values .NET refuses: offsets past 14 hours,
/// years 0 and 9999, numbers past long, lone surrogate escapes, invalid UTF-8, NUL) and read
/// back through the reader the cmdlets use: detected and named, on one thread and in parallel
/// chunks. Every line must be parsed, rejected with a reason or skipped (read = parsed +
/// rejected + skipped), and no parser may throw (the reader's guard says "the parser failed").
/// </summary>
public class FormatFuzzTests
{
    private const int LinesPerFormat = 3000;

    private static readonly string[] Hostile =
    {
        "[01/Jun/2024:09:59:58 +9900]", "01/Jun/2024:09:59:58 +9959", "[31/Dec/9999:23:59:59 -1400]", "[01/Jan/0001:00:00:00 +1400]",
        "9999-12-31T23:59:59.999999Z", "0001-01-01T00:00:00+14:00", "2024-02-30T10:00:00Z", "2024-06-01T24:00:00Z",
        "99999999999999999999", "-1", "-0", "1e309", "NaN", "Infinity", "0x1F", "  ", "\"", "\"\"", "\\", "\\x22", "\\u0000",
        "\\ud800", "\\udc00\\ud800", "\"\\ud800\"", "\uFFFD", "-", "--", ",", ";", "{", "}", "[]", "\"a\":1", "%", "%zz", "%00",
        "65536", "10.0.0.1:99999", "[::1]:80", "::::", "999.999.999.999:80", "502, 504 : 200", " : ", ", ,", new string('9', 400),
        "h2", "wss", "HTTP/9.9", "GET\t/", "\t",
    };

    public static IEnumerable<object[]> Formats() => new[]
    {
        new object[] { LogFormat.AwsAlb, Path.Combine("aws-alb", "prod-web_node-a.log"), 0 },
        new object[] { LogFormat.AwsClb, Path.Combine("aws-clb", "123456789012_elasticloadbalancing_us-west-2_my-loadbalancer_20150513T2340Z_172.160.001.192_20sg8hgm.log"), 0 },
        new object[] { LogFormat.CloudFront, Path.Combine("cloudfront", "EMLARXS9EXAMPLE.2019-12-13-22.RT4KCN4SGK9.gz"), 2 },
        new object[] { LogFormat.AlibabaSlsJson, Path.Combine("alibaba-alb", "alb_layer7_access_log.jsonl"), 0 },
        new object[] { LogFormat.AlibabaSlsCsv, Path.Combine("alibaba-clb", "slb_layer7_access_log_export.csv"), 1 },
        new object[] { LogFormat.Nginx, Path.Combine("nginx", "access-upstream.log"), 0 },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void Mutated_lines_are_each_parsed_rejected_or_skipped_and_nothing_escapes(LogFormat format, string example, int headerLines)
    {
        var lines = ExampleLines(example);
        var header = lines.Take(headerLines).ToList();
        var samples = lines.Skip(headerLines).Where(l => l.Length > 0).ToList();
        var random = new Random(1400 + (int)format);
        var body = new List<byte[]>();
        for (int i = 0; i < LinesPerFormat; i++)
        {
            body.Add(Mutate(random, samples[random.Next(samples.Count)], format == LogFormat.CloudFront ? '\t' : format == LogFormat.AlibabaSlsCsv ? ',' : ' '));
        }

        using var dir = new TempDirectory();

        // Headers first (a CSV export's header row, CloudFront's #Version/#Fields), then the mutations;
        // a second file leads with the mutations, so detection meets them first.
        var kept = WriteLines(dir, "kept.log", header.Select(Encoding.UTF8.GetBytes).Concat(body));
        var leading = WriteLines(dir, "leading.log", body.Take(40).Concat(header.Select(Encoding.UTF8.GetBytes)).Concat(body.Skip(40)));

        var runs = new[]
        {
            (Path: kept, Options: new AccessLogReadOptions { Format = LogFormat.Auto, NginxLogFormat = format == LogFormat.Nginx ? "upstream" : null }),
            (Path: kept, Options: new AccessLogReadOptions { Format = format, NginxLogFormat = format == LogFormat.Nginx ? "upstream" : null }),
            (Path: kept, Options: new AccessLogReadOptions { Format = format, NginxLogFormat = format == LogFormat.Nginx ? "upstream" : null, ParseThreads = 2, ParallelFrom = 0 }),
            (Path: leading, Options: new AccessLogReadOptions { Format = LogFormat.Auto }),
        };
        foreach (var (path, options) in runs)
        {
            options.MaxErrorsPerFile = int.MaxValue;
            var sink = new CollectingSink();
            var reader = new AccessLogReader(options, sink);

            var records = reader.ReadFiles(new[] { path }, CancellationToken.None).ToList();

            var stats = reader.Statistics.Files.Single();
            string run = $"{format} {Path.GetFileName(path)} {options.Format} threads={options.ParseThreads}";
            Assert.True(header.Count + LinesPerFormat == stats.LinesRead, $"{run}: {stats.LinesRead} lines read");
            Assert.True(stats.LinesRead == stats.Parsed + stats.Rejected + stats.Skipped, $"{run}: read {stats.LinesRead} != {stats.Parsed} + {stats.Rejected} + {stats.Skipped}");
            Assert.Equal(stats.Parsed, records.Count);
            Assert.DoesNotContain(sink.Errors, e => e.Message.Contains("the parser failed", StringComparison.Ordinal));
            Assert.All(sink.Errors, e => Assert.Contains(e.ErrorId, new[] { "LineRejected", "LogFormatNotRecognised" }));
            if (options.Format != LogFormat.Auto || path == kept)
            {
                // The mutations leave enough lines whole that the format is found and most lines read.
                Assert.Equal(format, stats.Format);
                Assert.True(stats.Parsed > LinesPerFormat / 10, $"{run}: only {stats.Parsed} parsed");
                Assert.True(stats.Rejected > LinesPerFormat / 10, $"{run}: only {stats.Rejected} rejected: the mutations do not bite");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Mutated_lines_piped_as_text_are_each_parsed_rejected_or_skipped(LogFormat format, string example, int headerLines)
    {
        // The pipeline route: strings, which (unlike UTF-8 files) can hold a lone surrogate.
        var lines = ExampleLines(example);
        var header = lines.Take(headerLines).ToList();
        var samples = lines.Skip(headerLines).ToList();
        var random = new Random(1414 + (int)format);
        var pushed = new List<string>(header);
        for (int i = 0; i < LinesPerFormat; i++)
        {
            string line = Encoding.UTF8.GetString(Mutate(random, samples[random.Next(samples.Count)], format == LogFormat.CloudFront ? '\t' : format == LogFormat.AlibabaSlsCsv ? ',' : ' '));
            if (random.Next(8) == 0)
            {
                line = line.Insert(random.Next(line.Length + 1), random.Next(2) == 0 ? "\ud800" : "\udfff");
            }

            pushed.Add(line);
        }

        foreach (var options in new[] { new AccessLogReadOptions { Format = LogFormat.Auto }, new AccessLogReadOptions { Format = format, NginxLogFormat = format == LogFormat.Nginx ? "upstream" : null } })
        {
            options.MaxErrorsPerFile = int.MaxValue;
            var sink = new CollectingSink();
            var reader = new AccessLogReader(options, sink);
            var session = reader.CreateTextSession("<pipeline>");
            var records = pushed.SelectMany(l => session.Push(l).ToList()).ToList();
            records.AddRange(session.Complete());

            var stats = reader.Statistics.Files.Single();
            Assert.Equal(pushed.Count, stats.LinesRead);
            Assert.Equal(stats.LinesRead, stats.Parsed + stats.Rejected + stats.Skipped);
            Assert.Equal(stats.Parsed, records.Count);
            Assert.DoesNotContain(sink.Errors, e => e.Message.Contains("the parser failed", StringComparison.Ordinal));
            Assert.Equal(format, stats.Format);
        }
    }

    private static List<string> ExampleLines(string example)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "examples", example);
        using var file = File.OpenRead(path);
        using Stream stream = example.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var text = new StreamReader(stream, new UTF8Encoding(false));
        return text.ReadToEnd().Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
    }

    private static string WriteLines(TempDirectory dir, string name, IEnumerable<byte[]> lines)
    {
        var path = Path.Combine(dir.Path, name);
        using var file = File.Create(path);
        foreach (var line in lines)
        {
            file.Write(line);
            file.WriteByte((byte)'\n');
        }

        return path;
    }

    /// <summary>One mutation of a sample line, as bytes (some mutations are not valid UTF-8).</summary>
    private static byte[] Mutate(Random random, string sample, char separator)
    {
        string line;
        switch (random.Next(8))
        {
            case 0:
                var chars = sample.ToCharArray();
                for (int k = 0; k < 1 + random.Next(4); k++)
                {
                    chars[random.Next(chars.Length)] = random.Next(4) == 0 ? "\"\\{}[],:\t%"[random.Next(10)] : (char)random.Next(1, 0x2FF);
                }

                line = new string(chars);
                break;
            case 1:
                line = sample.Substring(0, random.Next(sample.Length));
                break;
            case 2:
            case 3:
                var tokens = sample.Split(separator);
                tokens[random.Next(tokens.Length)] = Hostile[random.Next(Hostile.Length)];
                line = string.Join(separator, tokens);
                break;
            case 4:
                // A hostile value inside a field, keeping the field's quotes and brackets.
                int at = random.Next(sample.Length);
                line = sample.Substring(0, at) + Hostile[random.Next(Hostile.Length)] + sample.Substring(at);
                break;
            case 5:
                var parts = sample.Split(separator).ToList();
                if (random.Next(2) == 0 && parts.Count > 1)
                {
                    parts.RemoveAt(random.Next(parts.Count));
                }
                else
                {
                    parts.Insert(random.Next(parts.Count + 1), parts[random.Next(parts.Count)]);
                }

                line = string.Join(separator, parts);
                break;
            case 6:
                // Digit runs made huge, negative or zero (timestamps, offsets, sizes, ports).
                var sb = new StringBuilder();
                foreach (char c in sample)
                {
                    sb.Append(char.IsDigit(c) && random.Next(6) == 0 ? "9999"[random.Next(4)] : c);
                }

                line = random.Next(3) == 0 ? sb.ToString().Replace("+0000", "+9900", StringComparison.Ordinal).Replace("Z", "+99:00", StringComparison.Ordinal) : sb.ToString();
                break;
            default:
                // Bytes that are not UTF-8 (a stray 0xFF, a cut sequence, NUL).
                var bytes = Encoding.UTF8.GetBytes(sample).ToList();
                bytes.Insert(random.Next(bytes.Count), new byte[] { 0xFF, 0xC3, 0x00, 0xE6, 0x80 }[random.Next(5)]);
                return bytes.Where(b => b != (byte)'\n' && b != (byte)'\r').ToArray();
        }

        return Encoding.UTF8.GetBytes(line.Replace('\n', ' ').Replace('\r', ' '));
    }
}
