using LbTools.Core.Common;
using LbTools.Core.Logs;
using LbTools.Core.Tests.Support;

namespace LbTools.Core.Tests.Logs;

public class AccessLogReaderTests
{
    private static (List<LbLogRecord> Records, CollectingSink Sink, AccessLogReader Reader) Read(string path, AccessLogReadOptions? options = null)
    {
        var sink = new CollectingSink();
        var reader = new AccessLogReader(options ?? new AccessLogReadOptions(), sink);
        var records = reader.ReadFiles(new[] { path }, CancellationToken.None).ToList();
        return (records, sink, reader);
    }

    [Fact]
    public void Plain_and_gzip_files_give_the_same_records()
    {
        using var dir = new TempDirectory();
        var content = string.Join("\n", AlbExamples.AllDocumented) + "\n";
        var plain = Read(dir.File("a.log", content)).Records;
        var gzip = Read(dir.GzipFile("a.log.gz", content)).Records;
        Assert.Equal(6, plain.Count);
        Assert.Equal(plain.Select(r => r.ToString()), gzip.Select(r => r.ToString()));
        Assert.Equal(Enumerable.Range(1, 6).Select(i => (long)i), gzip.Select(r => r.LineNumber));
    }

    [Fact]
    public void Every_line_is_accounted_for_and_rejections_name_file_and_line()
    {
        using var dir = new TempDirectory();
        var path = dir.File("mixed.log", string.Join("\n", AlbExamples.Http, "garbage that is no log line", "", AlbExamples.Https, "http 2018-07-02T22:23:00Z too few") + "\r\n");
        var (records, sink, reader) = Read(path);

        var stats = reader.Statistics.Files.Single();
        Assert.Equal(2, records.Count);
        Assert.Equal(5, stats.LinesRead);
        Assert.Equal(stats.LinesRead, stats.Parsed + stats.Rejected + stats.Skipped);
        Assert.Equal(2, stats.Rejected);
        Assert.Equal(1, stats.Skipped);
        Assert.Equal(LogFormat.AwsAlb, stats.Format);
        Assert.Equal(new[] { $"{path}:2", $"{path}:5" }, sink.Errors.Select(e => (string)e.Target!));
        Assert.All(sink.Errors, e => Assert.Equal("LineRejected", e.ErrorId));
    }

    [Fact]
    public void Rejections_past_the_cap_are_summarised_not_dropped()
    {
        using var dir = new TempDirectory();
        var lines = new List<string> { AlbExamples.Http };
        lines.AddRange(Enumerable.Range(0, 30).Select(i => "http 2018-07-02T22:23:00Z broken " + i));
        var (_, sink, reader) = Read(dir.File("bad.log", string.Join("\n", lines)), new AccessLogReadOptions { MaxErrorsPerFile = 5 });

        Assert.Equal(6, sink.Errors.Count);
        Assert.Equal("LinesRejectedSummary", sink.Errors.Last().ErrorId);
        Assert.Contains("25 more lines", sink.Errors.Last().Message);
        Assert.Equal(30, reader.Statistics.Rejected);
    }

    [Fact]
    public void Overlong_lines_are_rejected_without_being_kept()
    {
        using var dir = new TempDirectory();
        var huge = "http 2018-07-02T22:23:00.186641Z " + new string('x', 5000);
        var (records, sink, reader) = Read(dir.File("long.log", AlbExamples.Http + "\n" + huge + "\n" + AlbExamples.Https), new AccessLogReadOptions { MaxLineBytes = 4096 });

        Assert.Equal(2, records.Count);
        Assert.Equal(1, reader.Statistics.RejectedByReason[LineRejection.LineTooLong]);
        Assert.Contains(":2", (string)sink.Errors.Single().Target!);
    }

    [Fact]
    public void An_unrecognised_file_is_an_error_naming_it_and_all_lines_count_as_rejected()
    {
        using var dir = new TempDirectory();
        var path = dir.File("notes.txt", "hello\nworld\n");
        var (records, sink, reader) = Read(path);

        Assert.Empty(records);
        var error = Assert.Single(sink.Errors);
        Assert.Equal("LogFormatNotRecognised", error.ErrorId);
        Assert.Equal(path, error.Target);
        Assert.Equal(2, reader.Statistics.Rejected);
        Assert.Equal(2, reader.Statistics.LinesRead);
    }

    [Fact]
    public void A_missing_file_is_an_object_not_found_error()
    {
        var (records, sink, _) = Read(Path.Combine(Path.GetTempPath(), "lbtools-no-such-file.log"));
        Assert.Empty(records);
        Assert.Equal(LbTools.Core.Common.LbErrorCategory.ObjectNotFound, Assert.Single(sink.Errors).Category);
    }

    [Fact]
    public void Pushed_lines_detect_the_format_and_keep_line_numbers()
    {
        var sink = new CollectingSink();
        var reader = new AccessLogReader(new AccessLogReadOptions(), sink);
        var session = reader.CreateTextSession("<pipeline>");
        var records = new List<LbLogRecord>();
        foreach (var line in new[] { AlbExamples.Http, "junk", AlbExamples.Https })
        {
            records.AddRange(session.Push(line));
        }

        records.AddRange(session.Complete());
        Assert.Equal(new long[] { 1, 3 }, records.Select(r => r.LineNumber));
        Assert.Equal("<pipeline>:2", Assert.Single(sink.Errors).Target);
    }

    [Fact]
    public void Cancellation_stops_a_read()
    {
        using var dir = new TempDirectory();
        var path = dir.File("big.log", string.Join("\n", Enumerable.Repeat(AlbExamples.Http, 5000)));
        using var cts = new CancellationTokenSource();
        var reader = new AccessLogReader(new AccessLogReadOptions(), new CollectingSink());
        int seen = 0;
        Assert.ThrowsAny<OperationCanceledException>(() =>
        {
            foreach (var _ in reader.ReadFiles(new[] { path }, cts.Token))
            {
                if (++seen == 10)
                {
                    cts.Cancel();
                }
            }
        });
        Assert.True(seen < 5000);
    }

    [Fact]
    public void Bundled_examples_parse_without_rejections()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "examples");
        var sink = new CollectingSink();
        var reader = new AccessLogReader(new AccessLogReadOptions(), sink);
        var files = AccessLogReader.ExpandFiles(folder, recurse: true, NullOperationSink.Instance);
        var records = reader.ReadFiles(files, CancellationToken.None).ToList();

        Assert.Empty(sink.Errors);
        Assert.True(records.Count >= 15);
        Assert.Contains(records, r => r.SourceFile!.EndsWith(".gz", StringComparison.Ordinal));
    }
    [Fact]
    public void A_line_longer_than_the_read_buffer_but_under_the_cap_is_parsed()
    {
        using var dir = new TempDirectory();
        var agent = new string('a', 300_000);
        var longLine = AlbExamples.Http.Replace("\"curl/7.46.0\"", "\"" + agent + "\"");
        var (records, sink, _) = Read(dir.File("wide.log", AlbExamples.Http + "\n" + longLine + "\n" + AlbExamples.Https + "\n"));
        Assert.Empty(sink.Errors);
        Assert.Equal(3, records.Count);
        Assert.Equal(agent, records[1].UserAgent);
        Assert.Equal(3, records[2].LineNumber);
    }
}
