using LbTools.Core.Common;
using LbTools.Core.Logs;
using LbTools.Core.Tests.Support;

namespace LbTools.Core.Tests.Logs;

/// <summary>
/// Several files read side by side, one thread each (ParseThreads &gt; 1, a filter, files under 64 MB):
/// the caller must see exactly what reading them in turn gives (records, errors in their
/// places, statistics, file order), memory must stay bounded (threads stop a few files ahead),
/// and -First, Ctrl+C and a failing file must end the read cleanly.
/// </summary>
public class ParallelFileReadingTests
{
    private const string CombinedLine = "203.0.113.6 - alice [01/Jun/2024:09:59:59 +0200] \"GET /admin?x=1 HTTP/1.1\" 403 153 \"https://www.example.com/\" \"Mozilla/5.0 (Macintosh)\"";

    private static string AlbLines(int count, int seed) =>
        string.Join("\n", Enumerable.Range(0, count).Select(i => i % 53 == 11
            ? "junk line " + i
            : AlbExamples.All[(i + seed) % AlbExamples.All.Length].Replace("/ HTTP/", $"/f{seed}/i{i} HTTP/"))) + "\n";

    /// <summary>Files of every kind a folder of logs holds, the awkward ones included.</summary>
    private static List<string> MixedFolder(TempDirectory dir)
    {
        var whole = dir.GzipFile("cut-source.gz", AlbLines(3000, 7));
        var cut = Path.Combine(dir.Path, "d-cut.log.gz");
        var bytes = File.ReadAllBytes(whole);
        File.WriteAllBytes(cut, bytes.AsSpan(0, bytes.Length / 2).ToArray());
        File.Delete(whole);
        return new List<string>
        {
            dir.File("a.log", AlbLines(900, 1)),
            dir.GzipFile("b.log.gz", AlbLines(1500, 2)),
            dir.File("c-many-bad.log", string.Join("\n", Enumerable.Range(0, 400).Select(i => i % 2 == 0 ? "bad " + i : AlbExamples.Http)) + "\n"),
            cut,
            Path.Combine(dir.Path, "e-missing.log"),
            dir.File("f-empty.log", string.Empty),
            dir.File("g-unknown.log", "hello\nworld\n"),
            dir.File("h-nginx.log", string.Join("\r\n", Enumerable.Repeat(CombinedLine, 300)) + "\r\n"),
            dir.File("i-cloudfront.log", CloudFrontLineParserTests.Version + "\n" + CloudFrontLineParserTests.Fields + "\n" + string.Join("\n", Enumerable.Repeat(CloudFrontLineParserTests.Hit, 50)) + "\n" + CloudFrontLineParserTests.DnsErrorTrailingTab + "\n"),
            dir.File("j.log", AlbLines(2500, 3)),
            dir.File("k-last-line-unfinished.log", AlbLines(10, 4) + AlbExamples.Https),
        };
    }

    /// <summary>A filter every line with a status passes: files are read side by side only when a filter is set.</summary>
    private static AccessLogFilter AnyStatus(long? first = null)
    {
        var filter = new AccessLogFilter { First = first };
        filter.AddStatus("100-599");
        return filter;
    }

    private static (List<LbLogRecord> Records, CollectingSink Sink, AccessLogReader Reader) Read(IEnumerable<string> paths, int threads, AccessLogFilter? filter = null)
    {
        var sink = new CollectingSink();
        var reader = new AccessLogReader(new AccessLogReadOptions { ParseThreads = threads, MaxErrorsPerFile = 5, Filter = filter ?? AnyStatus() }, sink);
        return (reader.ReadFiles(paths, CancellationToken.None).ToList(), sink, reader);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void Files_read_side_by_side_come_out_as_read_in_turn(int threads)
    {
        using var dir = new TempDirectory();
        var paths = MixedFolder(dir);

        var inTurn = Read(paths, 1);
        var sideBySide = Read(paths, threads);

        Assert.True(inTurn.Records.Count > 4000);
        Assert.Contains(inTurn.Sink.Errors, e => e.ErrorId == "LogFileCorrupt");
        Assert.Contains(inTurn.Sink.Errors, e => e.ErrorId == "LogFileUnreadable");
        Assert.Contains(inTurn.Sink.Errors, e => e.ErrorId == "LogFormatNotRecognised");
        Assert.Equal(
            inTurn.Records.Select(r => (r.SourceFile, r.LineNumber, r.Status, r.Time, r.Path, r.Upstream, r.Provider)),
            sideBySide.Records.Select(r => (r.SourceFile, r.LineNumber, r.Status, r.Time, r.Path, r.Upstream, r.Provider)));
        Assert.Equal(inTurn.Sink.Errors.Select(e => (e.ErrorId, e.Message, e.Target)), sideBySide.Sink.Errors.Select(e => (e.ErrorId, e.Message, e.Target)));
        Assert.Equal(paths, sideBySide.Reader.Statistics.Files.Select(f => f.Source));
        Assert.Equal(
            inTurn.Reader.Statistics.Files.Select(f => (f.Source, f.LinesRead, f.Parsed, f.Rejected, f.Skipped, f.Filtered, f.BytesRead, f.Format)),
            sideBySide.Reader.Statistics.Files.Select(f => (f.Source, f.LinesRead, f.Parsed, f.Rejected, f.Skipped, f.Filtered, f.BytesRead, f.Format)));
        foreach (var file in sideBySide.Reader.Statistics.Files)
        {
            Assert.Equal(file.LinesRead, file.Parsed + file.Rejected + file.Skipped);
        }
    }

    [Fact]
    public void Filters_give_the_same_records_and_counts_side_by_side()
    {
        using var dir = new TempDirectory();
        var paths = MixedFolder(dir);
        AccessLogFilter Filter()
        {
            var filter = new AccessLogFilter { Host = "www.example.com" };
            filter.AddStatus("2xx", "502");
            return filter;
        }

        var inTurn = Read(paths, 1, Filter());
        var sideBySide = Read(paths, 3, Filter());

        Assert.NotEmpty(inTurn.Records);
        Assert.True(inTurn.Reader.Statistics.Filtered > 0);
        Assert.Equal(inTurn.Records.Select(r => (r.SourceFile, r.LineNumber)), sideBySide.Records.Select(r => (r.SourceFile, r.LineNumber)));
        Assert.Equal(inTurn.Reader.Statistics.Filtered, sideBySide.Reader.Statistics.Filtered);
        Assert.Equal(inTurn.Sink.Errors.Select(e => e.Target), sideBySide.Sink.Errors.Select(e => e.Target));
    }

    [Fact]
    public void First_stops_the_read_and_closes_every_file()
    {
        using var dir = new TempDirectory();
        var paths = Enumerable.Range(0, 8).Select(i => dir.File($"p{i}.log", AlbLines(3000, i))).ToList();
        var reader = new AccessLogReader(new AccessLogReadOptions { ParseThreads = 3, Filter = AnyStatus(first: 5) }, new CollectingSink());

        var records = reader.ReadFiles(paths, CancellationToken.None).ToList();

        Assert.Equal(5, records.Count);
        Assert.All(records, r => Assert.Equal(paths[0], r.SourceFile));

        // Opening for exclusive use fails while any reading thread still holds a file open.
        foreach (var path in paths)
        {
            using var exclusive = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        }
    }

    [Fact]
    public void Cancelling_ends_a_side_by_side_read()
    {
        using var dir = new TempDirectory();
        var paths = Enumerable.Range(0, 6).Select(i => dir.File($"p{i}.log", AlbLines(3000, i))).ToList();
        var reader = new AccessLogReader(new AccessLogReadOptions { ParseThreads = 2, Filter = AnyStatus() }, new CollectingSink());
        using var cts = new CancellationTokenSource();
        int seen = 0;

        Assert.ThrowsAny<OperationCanceledException>(() =>
        {
            foreach (var record in reader.ReadFiles(paths, cts.Token))
            {
                if (++seen == 100)
                {
                    cts.Cancel();
                }
            }
        });
        Assert.InRange(seen, 100, 100 + 1024 + ParallelFileReading.BatchSize);
    }

    [Fact]
    public void Progress_names_each_file_even_when_the_filter_passes_nothing()
    {
        using var dir = new TempDirectory();
        var paths = Enumerable.Range(0, 5).Select(i => dir.File($"p{i}.log", AlbLines(500, i))).ToList();
        var filter = new AccessLogFilter();
        filter.AddStatus("418");
        var sink = new CollectingSink();
        var reader = new AccessLogReader(new AccessLogReadOptions { ParseThreads = 2, Filter = filter, ProgressInterval = TimeSpan.Zero }, sink);

        Assert.Empty(reader.ReadFiles(paths, CancellationToken.None).ToList());

        Assert.Equal(paths, sink.Progress.Where(p => !p.Completed).Select(p => p.CurrentOperation).Distinct());
        Assert.True(sink.Progress.Last().Completed);
    }

    private static LbLogRecord Record(int file, int line) => new() { SourceFile = "f" + file, LineNumber = line };

    /// <summary>A fake file: some records, an error after every third, each a little late.</summary>
    private static IEnumerable<LbLogRecord> FakeFile(int index, IOperationSink sink, int records)
    {
        for (int i = 1; i <= records; i++)
        {
            if ((index + i) % 5 == 0)
            {
                Thread.Sleep(1);
            }

            yield return Record(index, i);
            if (i % 3 == 0)
            {
                sink.ReportError(new LbError("E", LbErrorCategory.InvalidData, $"after f{index}:{i}", "f" + index));
            }
        }
    }

    private static List<string> Drain(ParallelFileReading reading, int files)
    {
        var seen = new List<string>();
        for (int k = 0; k < files; k++)
        {
            foreach (var item in reading.Items(k))
            {
                seen.Add(item.Record != null ? $"{item.Record.SourceFile}:{item.Record.LineNumber}" : item.Error!.Message);
            }
        }

        return seen;
    }

    [Fact]
    public void Default_options_read_on_up_to_eight_threads_so_every_front_end_reads_files_side_by_side()
    {
        // The default of -ThrottleLimit and of lbtools triage: the processor count, at most 8.
        var options = new AccessLogReadOptions { Filter = AnyStatus() };
        Assert.InRange(options.ParseThreads, 1, 8);
        Assert.Equal(Math.Min(Environment.ProcessorCount, 8), options.ParseThreads);

        // A filtered read of several files goes side by side whenever there is more than one core.
        var reader = new AccessLogReader(options, NullOperationSink.Instance);
        Assert.Equal(Environment.ProcessorCount > 1, reader.WantsFilesTogether);
        Assert.False(new AccessLogReader(new AccessLogReadOptions { Filter = AnyStatus(), ParseThreads = 1 }, NullOperationSink.Instance).WantsFilesTogether);
    }

    [Fact]
    public void Errors_keep_their_place_among_the_records_of_each_file()
    {
        // Files of different lengths on three threads: they finish out of order, and come out in order.
        int Records(int index) => 1 + ((index * 137) % 700);
        using var reading = new ParallelFileReading(12, 3, (index, sink, _) => FakeFile(index, sink, Records(index)), CancellationToken.None);

        var seen = Drain(reading, 12);

        var expected = new List<string>();
        for (int k = 0; k < 12; k++)
        {
            for (int i = 1; i <= Records(k); i++)
            {
                expected.Add($"f{k}:{i}");
                if (i % 3 == 0)
                {
                    expected.Add($"after f{k}:{i}");
                }
            }
        }

        Assert.Equal(expected, seen);
    }

    [Fact]
    public void Threads_start_no_more_than_two_files_each_ahead_of_the_caller()
    {
        // Each file is one record: without the limit, the threads would read every file at once.
        int started = 0;
        IEnumerable<LbLogRecord> OneRecord(int index)
        {
            Interlocked.Increment(ref started);
            yield return Record(index, 1);
        }

        using var reading = new ParallelFileReading(50, 2, (index, _, _) => OneRecord(index), CancellationToken.None);
        SpinWait.SpinUntil(() => Volatile.Read(ref started) >= 4, TimeSpan.FromSeconds(10));
        Thread.Sleep(200);
        Assert.Equal(4, Volatile.Read(ref started));

        var first = reading.Items(0).Single();
        SpinWait.SpinUntil(() => Volatile.Read(ref started) >= 5, TimeSpan.FromSeconds(10));
        Thread.Sleep(100);
        Assert.Equal(5, Volatile.Read(ref started));

        Assert.Equal("f0", first.Record!.SourceFile);
        Assert.Equal(Enumerable.Range(1, 49).Select(k => $"f{k}:1"), Enumerable.Range(1, 49).Select(k => reading.Items(k).Single()).Select(i => $"{i.Record!.SourceFile}:{i.Record.LineNumber}"));
        Assert.Equal(50, started);
    }

    [Fact]
    public void A_file_that_fails_throws_after_its_items_and_the_files_before_it()
    {
        IEnumerable<LbLogRecord> Read(int index)
        {
            yield return Record(index, 1);
            yield return Record(index, 2);
            if (index == 2)
            {
                throw new InvalidOperationException("file 2 broke");
            }
        }

        using var reading = new ParallelFileReading(5, 3, (index, _, _) => Read(index), CancellationToken.None);
        var seen = new List<string>();

        var error = Assert.Throws<InvalidOperationException>(() =>
        {
            for (int k = 0; k < 5; k++)
            {
                foreach (var item in reading.Items(k))
                {
                    seen.Add($"{item.Record!.SourceFile}:{item.Record.LineNumber}");
                }
            }
        });

        Assert.Equal("file 2 broke", error.Message);
        Assert.Equal(new[] { "f0:1", "f0:2", "f1:1", "f1:2", "f2:1", "f2:2" }, seen);
    }

    [Fact]
    public void Dispose_stops_threads_that_wait_on_a_full_queue_and_ends_their_files()
    {
        int started = 0;
        int ended = 0;
        IEnumerable<LbLogRecord> Endless(int index)
        {
            Interlocked.Increment(ref started);
            try
            {
                for (int i = 1; ; i++)
                {
                    yield return Record(index, i);
                }
            }
            finally
            {
                Interlocked.Increment(ref ended);
            }
        }

        var reading = new ParallelFileReading(6, 3, (index, _, _) => Endless(index), CancellationToken.None);
        Assert.Equal(10, reading.Items(0).Take(10).Count());
        SpinWait.SpinUntil(() => Volatile.Read(ref started) == 3, TimeSpan.FromSeconds(10));

        reading.Dispose();

        Assert.Equal(3, started);
        Assert.Equal(started, ended);
    }

    [Fact]
    public void A_cancelled_token_ends_the_wait_for_a_file()
    {
        using var cts = new CancellationTokenSource();
        using var gate = new ManualResetEventSlim();
        IEnumerable<LbLogRecord> Slow(int index, CancellationToken token)
        {
            gate.Wait(token);
            yield return Record(index, 1);
        }

        using var reading = new ParallelFileReading(3, 2, (index, _, token) => Slow(index, token), cts.Token);
        cts.CancelAfter(100);

        Assert.ThrowsAny<OperationCanceledException>(() => reading.Items(0).ToList());
    }
}
