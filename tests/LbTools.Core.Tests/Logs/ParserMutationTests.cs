using LbTools.Core.Logs.Parsing;
using LbTools.Core.Logs;
using LbTools.Core.Tests.Support;

namespace LbTools.Core.Tests.Logs;

/// <summary>
/// Damaged input never escapes the parsers as an exception, and every line is accounted for.
/// Seeded, bounded mutations of documented example lines: flipped bytes, truncation, a field
/// dropped, a field added.
/// </summary>
public class ParserMutationTests
{
    public static IEnumerable<object[]> Samples()
    {
        yield return new object[] { LogFormat.AwsAlb, AlbExamples.Https };
        yield return new object[] { LogFormat.AwsAlb, AlbExamples.MalformedRequest };
        yield return new object[] { LogFormat.AwsClb, "2015-05-13T23:39:43.945958Z my-loadbalancer 192.168.131.39:2817 10.0.0.1:80 0.000086 0.001048 0.001337 200 200 0 57 \"GET https://www.example.com:443/ HTTP/1.1\" \"curl/7.38.0\" DHE-RSA-AES128-SHA TLSv1.2" };
        yield return new object[] { LogFormat.CloudFront, CloudFrontLineParserTests.DnsError };
        yield return new object[] { LogFormat.AlibabaSlsJson, "{\"__topic__\":\"alb_layer7_access_log\",\"status\":\"502\",\"upstream_status\":\"502, 200\",\"upstream_addr\":\"10.0.0.1:80, 10.0.0.2:80\",\"request_time\":\"0.5\",\"time\":\"2024-06-01T10:00:05Z\"}" };
        yield return new object[] { LogFormat.Nginx, "192.0.2.13 - - [01/Jun/2024:10:00:03 +0000] \"GET /old HTTP/1.1\" 502 157 \"-\" \"curl/8.5.0\" rt=0.003 uct=\"-, 0.001 : 0.002\" uht=\"-, - : 0.001\" urt=\"0.001, 0.001 : 0.001\" us=\"502, 504 : 200\" ua=\"127.0.0.1:9002, 127.0.0.1:9004 : 127.0.0.1:9005\"" };
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Mutated_lines_are_parsed_or_rejected_never_thrown(LogFormat format, string sample)
    {
        var random = new Random(20261122 + (int)format);
        var lines = new List<string>();
        var separator = format == LogFormat.CloudFront ? '\t' : ' ';
        for (int i = 0; i < 400; i++)
        {
            var chars = sample.ToCharArray();
            switch (i % 4)
            {
                case 0:
                    for (int k = 0; k < 1 + random.Next(4); k++)
                    {
                        chars[random.Next(chars.Length)] = (char)random.Next(1, 0x2FF);
                    }

                    lines.Add(new string(chars));
                    break;
                case 1:
                    lines.Add(sample.Substring(0, random.Next(sample.Length)));
                    break;
                case 2:
                    var parts = sample.Split(separator).ToList();
                    parts.RemoveAt(random.Next(parts.Count));
                    lines.Add(string.Join(separator, parts));
                    break;
                default:
                    var more = sample.Split(separator).ToList();
                    more.Insert(random.Next(more.Count + 1), random.Next(2) == 0 ? "\"x y\"" : "-");
                    lines.Add(string.Join(separator, more));
                    break;
            }
        }

        var parser = LogFormatDetector.CreateParser(format, new AccessLogReadOptions { NginxLogFormat = "upstream" });
        foreach (var line in lines)
        {
            var outcome = parser.Parse(line);
            Assert.True(outcome.IsRecord || outcome.IsSkipped || outcome.Detail != null, line);
        }

        using var dir = new TempDirectory();
        var path = dir.File("mutated.log", string.Join("\n", lines.Select(l => l.Replace('\n', ' ').Replace('\r', ' '))));
        var reader = new AccessLogReader(new AccessLogReadOptions { Format = format, NginxLogFormat = "upstream", MaxErrorsPerFile = 0 }, new CollectingSink());
        reader.ReadFiles(new[] { path }, CancellationToken.None).ToList();
        var stats = reader.Statistics.Files.Single();
        Assert.Equal(400, stats.LinesRead);
        Assert.Equal(stats.LinesRead, stats.Parsed + stats.Rejected + stats.Skipped);
    }
}
