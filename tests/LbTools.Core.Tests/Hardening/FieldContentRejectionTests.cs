using LbTools.Core.Logs;
using LbTools.Core.Tests.Support;

namespace LbTools.Core.Tests.Hardening;

/// <summary>
/// Issue 14, item 1: field content that a date or text API refuses is one rejected line with a
/// reason naming the field, wherever the line stands in the file; it never ends the read.
/// </summary>
public class FieldContentRejectionTests
{
    private const string NginxGood = "203.0.113.5 - - [01/Jun/2024:10:00:00 +0000] \"GET / HTTP/1.1\" 200 615 \"-\" \"curl/8.5.0\"";

    private const string SlsGood = "{\"status\":\"502\",\"upstream_addr\":\"10.0.0.1:80\",\"time\":\"2024-06-01T10:00:05Z\"}";

    public static IEnumerable<object[]> BadFirstLines()
    {
        // An offset of 99 hours (nginx writes at most +-14:00).
        yield return new object[] { "nginx-offset", "203.0.113.5 - - [01/Jun/2024:09:59:58 +9900] \"GET / HTTP/1.1\" 200 615 \"-\" \"curl/8.5.0\"", NginxGood, "time_local" };

        // Year 9999 at -14:00 is past the last representable UTC instant.
        yield return new object[] { "nginx-year-9999", "203.0.113.5 - - [31/Dec/9999:23:59:59 -1400] \"GET / HTTP/1.1\" 200 615 \"-\" \"curl/8.5.0\"", NginxGood, "time_local" };

        // JSON allows the escape of a lone surrogate; no UTF-8 or .NET text can hold it as a value.
        yield return new object[] { "sls-lone-surrogate", "{\"status\":\"502\",\"request_uri\":\"/a\\ud800b\",\"upstream_addr\":\"10.0.0.1:80\",\"time\":\"2024-06-01T10:00:05Z\"}", SlsGood, "request_uri" };

        // Simple Log Service's time_local in nginx's form, with an offset of 99:59.
        yield return new object[] { "sls-time-local", "{\"status\":\"502\",\"upstream_addr\":\"10.0.0.1:80\",\"time_local\":\"01/Jun/2024:09:59:58 +9959\"}", SlsGood, "time_local" };
    }

    [Theory]
    [MemberData(nameof(BadFirstLines))]
    public void A_bad_time_on_the_first_line_is_one_rejected_line(string name, string bad, string good, string field)
    {
        using var dir = new TempDirectory();
        var path = dir.File(name + ".log", bad + "\n" + good + "\n" + good + "\n");
        var sink = new CollectingSink();
        var reader = new AccessLogReader(new AccessLogReadOptions(), sink);

        var records = reader.ReadFiles(new[] { path }, CancellationToken.None).ToList();

        var stats = reader.Statistics.Files.Single();
        Assert.Equal(2, records.Count);
        Assert.Equal(3, stats.LinesRead);
        Assert.Equal(1, stats.Rejected);
        var error = Assert.Single(sink.Errors);
        Assert.Equal($"{path}:1", error.Target);
        Assert.Contains(field, error.Message);
        Assert.DoesNotContain("parser failed", error.Message);
    }

    [Theory]
    [MemberData(nameof(BadFirstLines))]
    public void A_bad_time_mid_file_is_rejected_with_its_reason(string name, string bad, string good, string field)
    {
        using var dir = new TempDirectory();
        var path = dir.File(name + ".log", good + "\n" + good + "\n" + bad + "\n");
        var sink = new CollectingSink();
        var reader = new AccessLogReader(new AccessLogReadOptions(), sink);

        var records = reader.ReadFiles(new[] { path }, CancellationToken.None).ToList();

        Assert.Equal(2, records.Count);
        var error = Assert.Single(sink.Errors);
        Assert.Equal($"{path}:3", error.Target);
        Assert.Contains(field, error.Message);
        Assert.DoesNotContain("parser failed", error.Message);
    }

    [Fact]
    public void A_bad_first_file_does_not_end_the_files_after_it()
    {
        using var dir = new TempDirectory();
        var first = dir.File("a.log", "203.0.113.5 - - [01/Jun/2024:09:59:58 +9900] \"GET / HTTP/1.1\" 200 615 \"-\" \"curl/8.5.0\"\n");
        var second = dir.File("b.log", NginxGood + "\n");
        var reader = new AccessLogReader(new AccessLogReadOptions(), new CollectingSink());

        var records = reader.ReadFiles(new[] { first, second }, CancellationToken.None).ToList();

        Assert.Single(records);
        Assert.Equal(2, reader.Statistics.Files.Count);
    }
}
