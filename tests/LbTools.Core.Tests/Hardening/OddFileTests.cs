using System.Text;
using LbTools.Core.Logs;
using LbTools.Core.Tests.Support;

namespace LbTools.Core.Tests.Hardening;

/// <summary>Issue 14, items 7 and 9: every allowed line cap reads; blank files are empty, not unrecognised.</summary>
public class OddFileTests
{
    private const string NginxGood = "203.0.113.5 - - [01/Jun/2024:10:00:00 +0000] \"GET / HTTP/1.1\" 200 615 \"-\" \"curl/8.5.0\"";

    private static (List<LbLogRecord> Records, CollectingSink Sink, LogFileStatistics Stats) Read(string path, AccessLogReadOptions? options = null)
    {
        var sink = new CollectingSink();
        var reader = new AccessLogReader(options ?? new AccessLogReadOptions(), sink);
        var records = reader.ReadFiles(new[] { path }, CancellationToken.None).ToList();
        return (records, sink, reader.Statistics.Files.Single());
    }

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(int.MaxValue - 1)]
    [InlineData(16)]
    public void Every_line_cap_the_parameter_allows_reads_the_file(int cap)
    {
        using var dir = new TempDirectory();
        var (records, sink, stats) = Read(dir.File("a.log", NginxGood + "\n" + NginxGood + "\n"), new AccessLogReadOptions { MaxLineBytes = cap, Format = LogFormat.Nginx });

        Assert.DoesNotContain(sink.Errors, e => e.ErrorId != "LineRejected");
        Assert.Equal(2, stats.LinesRead);
        Assert.Equal(cap >= NginxGood.Length ? 2 : 0, records.Count);
    }

    [Fact]
    public void Lines_too_long_to_detect_a_format_from_are_reported_not_counted_silently()
    {
        using var dir = new TempDirectory();
        var (records, sink, stats) = Read(dir.File("long.log", NginxGood + "\n" + NginxGood + "\n"), new AccessLogReadOptions { MaxLineBytes = 16 });

        Assert.Empty(records);
        Assert.Equal(2, stats.Rejected);
        Assert.Equal("LogFormatNotRecognised", Assert.Single(sink.Errors).ErrorId);
    }

    [Theory]
    [InlineData("bom-only", "\uFEFF", 1)]
    [InlineData("blank-lines", "\n\n\r\n\n", 4)]
    [InlineData("bom-and-blank-lines", "\uFEFF\n\n", 2)]
    public void A_file_with_nothing_but_blank_lines_is_empty_not_unrecognised(string name, string content, int lines)
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, name + ".log");
        File.WriteAllText(path, content, new UTF8Encoding(false));

        var (records, sink, stats) = Read(path);

        Assert.Empty(records);
        Assert.Empty(sink.Errors);
        Assert.Equal(lines, stats.LinesRead);
        Assert.Equal(0, stats.Rejected);
        Assert.Equal(lines, stats.Skipped);
    }

    [Fact]
    public void Blank_lines_before_the_first_record_do_not_use_up_detection()
    {
        using var dir = new TempDirectory();
        var path = dir.File("late.log", new string('\n', 40) + NginxGood + "\n" + NginxGood + "\n");

        var (records, sink, stats) = Read(path);

        Assert.Empty(sink.Errors);
        Assert.Equal(2, records.Count);
        Assert.Equal(new long[] { 41, 42 }, records.Select(r => r.LineNumber));
        Assert.Equal(40, stats.Skipped);
        Assert.Equal(LogFormat.Nginx, stats.Format);
    }

    [Fact]
    public void Piped_lines_after_blank_lines_are_detected_too()
    {
        var sink = new CollectingSink();
        var reader = new AccessLogReader(new AccessLogReadOptions(), sink);
        var session = reader.CreateTextSession("pipeline");
        var records = new List<LbLogRecord>();
        foreach (var line in Enumerable.Repeat(string.Empty, 30).Append(NginxGood))
        {
            records.AddRange(session.Push(line));
        }

        records.AddRange(session.Complete());

        Assert.Empty(sink.Errors);
        Assert.Single(records);
        Assert.Equal(30, reader.Statistics.Files.Single().Skipped);
    }

    [Fact]
    public void Piped_blank_lines_alone_are_no_error()
    {
        var sink = new CollectingSink();
        var reader = new AccessLogReader(new AccessLogReadOptions(), sink);
        var session = reader.CreateTextSession("pipeline");
        foreach (var line in new[] { "", "", "" })
        {
            Assert.Empty(session.Push(line));
        }

        Assert.Empty(session.Complete());
        Assert.Empty(sink.Errors);
        Assert.Equal(3, reader.Statistics.Files.Single().Skipped);
    }
}
