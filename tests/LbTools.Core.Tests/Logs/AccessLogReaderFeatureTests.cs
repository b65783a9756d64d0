using System.IO.Compression;
using System.Text;
using LbTools.Core.Common;
using LbTools.Core.Logs;
using LbTools.Core.Tests.Support;

namespace LbTools.Core.Tests.Logs;

public class AccessLogReaderFeatureTests
{
    private static (List<LbLogRecord> Records, CollectingSink Sink, AccessLogReader Reader) Read(IEnumerable<string> paths, AccessLogReadOptions? options = null)
    {
        var sink = new CollectingSink();
        var reader = new AccessLogReader(options ?? new AccessLogReadOptions(), sink);
        var records = reader.ReadFiles(paths, CancellationToken.None).ToList();
        return (records, sink, reader);
    }

    private static byte[] Gzip(string content)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            var bytes = Encoding.UTF8.GetBytes(content);
            gzip.Write(bytes, 0, bytes.Length);
        }

        return buffer.ToArray();
    }

    private static string ManyAlbLines(int count) => string.Join("\n", Enumerable.Range(0, count).Select(i => AlbExamples.Http.Replace("/ HTTP/1.1", $"/item/{i} HTTP/1.1"))) + "\n";

    [Fact]
    public void A_truncated_gzip_yields_the_records_before_the_cut_and_an_error_naming_file_and_offsets()
    {
        using var dir = new TempDirectory();
        var whole = Gzip(ManyAlbLines(3000));
        var path = Path.Combine(dir.Path, "cut.log.gz");
        File.WriteAllBytes(path, whole.AsSpan(0, whole.Length / 2).ToArray());

        var (records, sink, reader) = Read(new[] { path });

        Assert.InRange(records.Count, 1, 2999);
        Assert.Equal(Enumerable.Range(1, records.Count).Select(i => (long)i), records.Select(r => r.LineNumber));
        var error = Assert.Single(sink.Errors);
        Assert.Equal("LogFileCorrupt", error.ErrorId);
        Assert.Equal(path, error.Target);
        Assert.Contains("compressed byte", error.Message);
        Assert.Contains("decompressed bytes", error.Message);
        var stats = reader.Statistics.Files.Single();
        Assert.Equal(stats.LinesRead, stats.Parsed + stats.Rejected + stats.Skipped);
    }

    [Fact]
    public void A_gzip_cut_inside_its_trailer_is_still_reported()
    {
        using var dir = new TempDirectory();
        var whole = Gzip(ManyAlbLines(50));
        var path = Path.Combine(dir.Path, "trailer.log.gz");
        File.WriteAllBytes(path, whole.AsSpan(0, whole.Length - 4).ToArray());

        var (records, sink, _) = Read(new[] { path });
        Assert.Equal(50, records.Count);
        Assert.Equal("LogFileCorrupt", Assert.Single(sink.Errors).ErrorId);
    }

    [Fact]
    public void Flipped_bytes_in_a_gzip_are_an_error_not_a_crash()
    {
        using var dir = new TempDirectory();
        var bytes = Gzip(ManyAlbLines(3000));
        bytes[bytes.Length / 2] ^= 0xFF;
        bytes[(bytes.Length / 2) + 1] ^= 0x5A;
        var path = Path.Combine(dir.Path, "flipped.log.gz");
        File.WriteAllBytes(path, bytes);

        var (records, sink, _) = Read(new[] { path }, new AccessLogReadOptions { Format = LogFormat.AwsAlb, MaxErrorsPerFile = 0 });
        Assert.True(records.Count < 3000);
        Assert.Contains(sink.Errors, e => e.ErrorId == "LogFileCorrupt" && (string?)e.Target == path);
    }

    [Fact]
    public void Every_member_of_a_concatenated_gzip_is_read_and_verified()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "multi.log.gz");
        File.WriteAllBytes(path, Gzip(ManyAlbLines(100)).Concat(Gzip(ManyAlbLines(20))).ToArray());

        var (records, sink, _) = Read(new[] { path });
        Assert.Equal(120, records.Count);
        Assert.Empty(sink.Errors);

        var cut = Gzip(ManyAlbLines(100)).Concat(Gzip(ManyAlbLines(2000))).ToArray();
        File.WriteAllBytes(path, cut.AsSpan(0, cut.Length - 100).ToArray());
        var damaged = Read(new[] { path });
        Assert.Equal("LogFileCorrupt", Assert.Single(damaged.Sink.Errors).ErrorId);
    }

    [Fact]
    public void Nginx_status_and_time_filters_keep_what_filtering_afterwards_keeps()
    {
        // The nginx parser drops lines that fail -Status/-Since before it builds a record; the
        // result and the counts must be those of filtering the full read afterwards.
        using var dir = new TempDirectory();
        var lines = Enumerable.Range(0, 400).Select(i =>
            i % 97 == 0 ? "192.0.2.1 - - [01/Jun/2024:10:00:00 +0000] \"GET / HTTP/1.1\" 2x0 1 \"-\" \"-\""
            : $"192.0.2.{i % 250} - - [01/Jun/2024:10:{i / 60:D2}:{i % 60:D2} +0900] \"GET /p{i} HTTP/1.1\" {(i % 3 == 0 ? 502 : 200)} 12 \"-\" \"curl/8.5.0\"");
        var path = dir.File("n.log", string.Join("\n", lines) + "\n");
        var since = new DateTimeOffset(2024, 6, 1, 1, 2, 0, TimeSpan.Zero);
        AccessLogReadOptions Options(AccessLogFilter filter) => new AccessLogReadOptions { Format = LogFormat.Nginx, NginxLogFormat = "combined", Filter = filter };

        var all = Read(new[] { path }, Options(new AccessLogFilter()));
        var filter = new AccessLogFilter { Since = since };
        filter.AddStatus("5xx");
        var filtered = Read(new[] { path }, Options(filter));

        var expected = all.Records.Where(r => r.Status >= 500 && r.Status <= 599 && r.Time >= since).Select(r => r.LineNumber).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, filtered.Records.Select(r => r.LineNumber));
        var a = all.Reader.Statistics.Files.Single();
        var b = filtered.Reader.Statistics.Files.Single();
        Assert.Equal((a.LinesRead, a.Parsed, a.Rejected), (b.LinesRead, b.Parsed, b.Rejected));
        Assert.Equal(a.Parsed - expected.Count, b.Filtered);
        Assert.Equal(5, b.Rejected);
    }

    [Fact]
    public void A_bad_line_is_rejected_even_when_the_status_filter_would_drop_it()
    {
        // The ALB parser applies -Status before it builds a record; validation must come first,
        // so every line is still counted once: parsed (then filtered or kept) or rejected.
        using var dir = new TempDirectory();
        var badSentBytes = AlbExamples.Http.Replace(" 34 366 ", " 34 36x6 ");
        Assert.NotEqual(AlbExamples.Http, badSentBytes);
        var path = dir.File("f.log", string.Join("\n", AlbExamples.Http, badSentBytes, AlbExamples.LambdaFailure));

        var (records, sink, reader) = Read(new[] { path }, new AccessLogReadOptions { Format = LogFormat.AwsAlb, Filter = new AccessLogFilter().AddStatus("5xx") });

        Assert.Equal(new int?[] { 502 }, records.Select(r => r.Status));
        var stats = reader.Statistics;
        Assert.Equal(3, stats.LinesRead);
        Assert.Equal(2, stats.Parsed);
        Assert.Equal(1, stats.Filtered);
        Assert.Equal(1, stats.Rejected);
        Assert.Contains("sent_bytes", Assert.Single(sink.Errors).Message);
    }

    [Fact]
    public void Filters_run_in_core_and_are_counted()
    {
        using var dir = new TempDirectory();
        var lines = new[]
        {
            AlbExamples.Http,
            AlbExamples.LambdaFailure,
            AlbExamples.MalformedRequest,
            AlbExamples.ClientClosed460,
            AlbExamples.Http2,
        };
        var path = dir.File("f.log", string.Join("\n", lines));

        Assert.Equal(new int?[] { 502, 400, 460 }, Read(new[] { path }, new AccessLogReadOptions { Filter = new AccessLogFilter().AddStatus("502,4xx") }).Records.Select(r => r.Status));
        Assert.Equal(new int?[] { 502 }, Read(new[] { path }, new AccessLogReadOptions { Filter = new AccessLogFilter().AddStatus("500-503") }).Records.Select(r => r.Status));

        var byTime = Read(new[] { path }, new AccessLogReadOptions { Filter = new AccessLogFilter { Since = new DateTimeOffset(2018, 11, 1, 0, 0, 0, TimeSpan.Zero), Until = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero) } });
        Assert.Equal(new int?[] { 502 }, byTime.Records.Select(r => r.Status));
        var stats = byTime.Reader.Statistics;
        Assert.Equal(4, stats.Filtered);
        Assert.Equal(5, stats.Parsed);

        Assert.Equal(new[] { "10.0.0.66:9000" }, Read(new[] { path }, new AccessLogReadOptions { Filter = new AccessLogFilter { Upstream = "10.0.0.6?:*" } }).Records.Select(r => r.Upstream));
        // www.example.com in Http and LambdaFailure; the others are myalb1-…, www.website.com and 10.0.2.105.
        Assert.Equal(2, Read(new[] { path }, new AccessLogReadOptions { Filter = new AccessLogFilter { Host = "WWW.example.*" } }).Records.Count);
        Assert.Throws<ArgumentException>(() => new AccessLogFilter().AddStatus("5x"));
    }

    [Fact]
    public void First_stops_reading_early()
    {
        using var dir = new TempDirectory();
        var a = dir.File("a.log", ManyAlbLines(5000));
        var b = dir.File("b.log", ManyAlbLines(10));
        var (records, _, reader) = Read(new[] { a, b }, new AccessLogReadOptions { Filter = new AccessLogFilter { First = 3 } });
        Assert.Equal(3, records.Count);
        Assert.True(reader.Statistics.LinesRead < 5000);
        Assert.DoesNotContain(reader.Statistics.Files, f => f.Source == b);
    }

    [Fact]
    public void First_counts_across_calls_as_piped_files_make_them()
    {
        // Get-ChildItem | Get-LbAccessLog -First 3 reads each piped file in a call of its own.
        using var dir = new TempDirectory();
        var a = dir.File("a.log", ManyAlbLines(2));
        var b = dir.File("b.log", ManyAlbLines(5));
        var c = dir.File("c.log", ManyAlbLines(5));
        var reader = new AccessLogReader(new AccessLogReadOptions { Filter = new AccessLogFilter { First = 3 } }, new CollectingSink());

        var fromA = reader.ReadFiles(new[] { a }, CancellationToken.None).ToList();
        Assert.False(reader.FirstReached);
        var fromB = reader.ReadFiles(new[] { b }, CancellationToken.None).ToList();
        var fromC = reader.ReadFiles(new[] { c }, CancellationToken.None).ToList();

        Assert.Equal(2, fromA.Count);
        Assert.Single(fromB);
        Assert.Empty(fromC);
        Assert.True(reader.FirstReached);
        Assert.Equal(new[] { a, b }, reader.Statistics.Files.Select(f => f.Source));
    }

    [Fact]
    public void First_ends_lines_pushed_one_by_one_without_reading_the_rest()
    {
        var reader = new AccessLogReader(new AccessLogReadOptions { Format = LogFormat.AwsAlb, Filter = new AccessLogFilter { First = 2 } }, new CollectingSink());
        var session = reader.CreateTextSession("<pipeline>");

        var records = Enumerable.Range(0, 5).SelectMany(_ => session.Push(AlbExamples.Http).ToList()).ToList();
        records.AddRange(session.Complete());

        Assert.Equal(2, records.Count);
        var stats = reader.Statistics.Files.Single();
        Assert.Equal(2, stats.LinesRead);
        Assert.Equal(stats.LinesRead, stats.Parsed + stats.Rejected + stats.Skipped);
    }

    [Fact]
    public void First_caps_the_lines_held_for_format_detection()
    {
        // With -Format Auto the first lines are held, then parsed together: only First of them pass.
        var reader = new AccessLogReader(new AccessLogReadOptions { Filter = new AccessLogFilter { First = 2 } }, new CollectingSink());
        var session = reader.CreateTextSession("<pipeline>");

        var records = Enumerable.Range(0, 5).SelectMany(_ => session.Push(AlbExamples.Http).ToList()).ToList();
        records.AddRange(session.Complete());

        Assert.Equal(2, records.Count);
        Assert.True(reader.FirstReached);
    }

    [Fact]
    public void First_closes_the_file_it_stopped_in()
    {
        using var dir = new TempDirectory();
        var path = dir.File("a.log", ManyAlbLines(5000));
        var reader = new AccessLogReader(new AccessLogReadOptions { Filter = new AccessLogFilter { First = 2 } }, new CollectingSink());
        int seen = 0;
        foreach (var _ in reader.ReadFiles(new[] { path }, CancellationToken.None))
        {
            // .NET locks files it opens (shared): an exclusive open fails while the reader holds it.
            Assert.Throws<IOException>(() => new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None).Dispose());
            seen++;
        }

        Assert.Equal(2, seen);
        new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None).Dispose();
    }

    [Fact]
    public void A_gzip_cut_while_the_format_is_detected_yields_the_lines_before_and_one_error()
    {
        using var dir = new TempDirectory();
        var whole = Gzip(ManyAlbLines(10));
        var path = Path.Combine(dir.Path, "short.log.gz");
        File.WriteAllBytes(path, whole.AsSpan(0, whole.Length - 12).ToArray());

        var (records, sink, reader) = Read(new[] { path });

        Assert.InRange(records.Count, 1, 10);
        Assert.Equal(Enumerable.Range(1, records.Count).Select(i => (long)i), records.Select(r => r.LineNumber));
        Assert.Equal("LogFileCorrupt", Assert.Single(sink.Errors).ErrorId);
        var stats = reader.Statistics.Files.Single();
        Assert.Equal(LogFormat.AwsAlb, stats.Format);
        Assert.Equal(stats.LinesRead, stats.Parsed + stats.Rejected + stats.Skipped);
        Assert.True(stats.BytesRead > 0);
    }

    [Fact]
    public void A_cut_gzip_in_no_known_format_counts_its_lines_and_reports_both_problems()
    {
        using var dir = new TempDirectory();
        var whole = Gzip(string.Concat(Enumerable.Range(0, 3000).Select(i => $"some,random,csv,{i}\n")));
        var path = Path.Combine(dir.Path, "csv.gz");
        File.WriteAllBytes(path, whole.AsSpan(0, whole.Length / 2).ToArray());

        var (records, sink, reader) = Read(new[] { path });

        Assert.Empty(records);
        Assert.Equal(new[] { "LogFormatNotRecognised", "LogFileCorrupt" }, sink.Errors.Select(e => e.ErrorId));
        var stats = reader.Statistics.Files.Single();
        Assert.InRange(stats.LinesRead, 21, 2999);
        Assert.Equal(stats.LinesRead, stats.Rejected);
    }

    [Fact]
    public void Parallel_reading_reports_a_cut_gzip_in_its_place()
    {
        using var dir = new TempDirectory();
        var whole = Gzip(ManyAlbLines(3000));
        var cut = Path.Combine(dir.Path, "b.log.gz");
        File.WriteAllBytes(cut, whole.AsSpan(0, whole.Length / 2).ToArray());
        var paths = new[] { dir.File("a.log", ManyAlbLines(600) + "junk\n"), cut, dir.File("c.log", ManyAlbLines(700)) };

        var serial = Read(paths);
        var parallel = Read(paths, new AccessLogReadOptions { ParseThreads = 3, ParallelFrom = 0, SideBySideBelow = 0 });

        Assert.Equal(serial.Records.Select(r => (r.SourceFile, r.LineNumber)), parallel.Records.Select(r => (r.SourceFile, r.LineNumber)));
        Assert.Equal(new[] { "LineRejected", "LogFileCorrupt" }, parallel.Sink.Errors.Select(e => e.ErrorId));
        Assert.Equal(serial.Sink.Errors.Select(e => (e.ErrorId, e.Target)), parallel.Sink.Errors.Select(e => (e.ErrorId, e.Target)));
        Assert.Equal(serial.Reader.Statistics.BytesRead, parallel.Reader.Statistics.BytesRead);
    }

    [Fact]
    public void Parallel_reading_keeps_file_order_and_line_order_and_errors()
    {
        using var dir = new TempDirectory();
        var paths = Enumerable.Range(0, 6).Select(i => dir.File($"p{i}.log", ManyAlbLines(700 + (i * 37)) + "junk line\n")).ToList();
        var serial = Read(paths);
        var parallel = Read(paths, new AccessLogReadOptions { ParseThreads = 4, ParallelFrom = 0, SideBySideBelow = 0 });

        Assert.Equal(serial.Records.Select(r => (r.SourceFile, r.LineNumber)), parallel.Records.Select(r => (r.SourceFile, r.LineNumber)));
        Assert.Equal(serial.Sink.Errors.Select(e => e.Target), parallel.Sink.Errors.Select(e => e.Target));
        Assert.Equal(paths, parallel.Reader.Statistics.Files.Select(f => f.Source));
        Assert.Equal(serial.Reader.Statistics.Rejected, parallel.Reader.Statistics.Rejected);
    }

    private static AccessLogReadOptions FollowOptions() =>
        new() { Format = LogFormat.AwsAlb, Follow = true, FollowPollInterval = TimeSpan.FromMilliseconds(20) };

    /// <summary>
    /// Follows the file, handing each record (with those before it) to <paramref name="onRecord"/>
    /// until it answers true; then cancels, as Ctrl+C does. Twenty seconds at most.
    /// </summary>
    private static (List<LbLogRecord> Seen, CollectingSink Sink) FollowUntil(string path, Func<List<LbLogRecord>, bool> onRecord)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var sink = new CollectingSink();
        var reader = new AccessLogReader(FollowOptions(), sink);
        var seen = new List<LbLogRecord>();
        Assert.ThrowsAny<OperationCanceledException>(() =>
        {
            foreach (var record in reader.ReadFiles(new[] { path }, cts.Token))
            {
                seen.Add(record);
                if (onRecord(seen))
                {
                    cts.Cancel();
                }
            }
        });
        return (seen, sink);
    }

    [Fact]
    public void Follow_reads_lines_appended_later_and_stops_on_cancel()
    {
        using var dir = new TempDirectory();
        var path = dir.File("grow.log", AlbExamples.Http + "\n");

        var (seen, _) = FollowUntil(path, records =>
        {
            if (records.Count == 1)
            {
                File.AppendAllText(path, AlbExamples.Https + "\n");
            }

            return records.Count == 2;
        });

        Assert.Equal(2, seen.Count);
        Assert.Equal("TLSv1.2", seen[1].TlsProtocol);
    }

    [Fact]
    public async Task Follow_ends_by_itself_once_First_records_have_passed()
    {
        // The Pester test of -Wait -First 2 relies on this: no Ctrl+C needed.
        using var dir = new TempDirectory();
        var path = dir.File("grow.log", AlbExamples.Http + "\n");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var options = FollowOptions();
        options.Filter.First = 2;
        var reader = new AccessLogReader(options, new CollectingSink());
        var appender = Task.Run(async () =>
        {
            await Task.Delay(300);
            File.AppendAllText(path, AlbExamples.Https + "\n");
        });

        var records = reader.ReadFiles(new[] { path }, cts.Token).ToList();
        await appender;

        Assert.False(cts.IsCancellationRequested);
        Assert.Equal(new long[] { 1, 2 }, records.Select(r => r.LineNumber));
    }

    [Fact]
    public void Follow_moves_to_the_new_file_when_the_log_is_rotated_by_rename()
    {
        // logrotate's default: the log is renamed away (nginx writes on into it until it reopens)
        // and a new file is created at the path.
        using var dir = new TempDirectory();
        var path = dir.File("access.log", AlbExamples.Http + "\n");

        var (seen, _) = FollowUntil(path, records =>
        {
            if (records.Count == 1)
            {
                File.Move(path, path + ".1");
                File.AppendAllText(path + ".1", AlbExamples.Http2 + "\n");
                File.WriteAllText(path, AlbExamples.Https + "\n");
            }

            return records.Count == 3;
        });

        // The line written to the renamed file before the switch, then the new file's line,
        // numbered and placed within the new file.
        Assert.Equal(new[] { "http", "h2", "https" }, seen.Select(r => r.Fields["type"]));
        Assert.Equal("TLSv1.2", seen[2].TlsProtocol);
        Assert.Equal(new long[] { 1, 2, 1 }, seen.Select(r => r.LineNumber));
    }

    [Fact]
    public void Follow_keeps_the_unfinished_last_line_of_a_rotated_file_apart_from_the_new_file()
    {
        using var dir = new TempDirectory();
        var path = dir.File("access.log", AlbExamples.Http + "\n" + AlbExamples.Http2);

        var (seen, sink) = FollowUntil(path, records =>
        {
            if (records.Count == 1)
            {
                File.Move(path, path + ".1");
                File.WriteAllText(path, AlbExamples.Https + "\n");
            }

            return records.Count == 3;
        });

        Assert.Empty(sink.Errors);
        Assert.Equal(new[] { "http", "h2", "https" }, seen.Select(r => r.Fields["type"]));
        Assert.Equal(new long[] { 1, 2, 1 }, seen.Select(r => r.LineNumber));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Follow_numbers_a_rotated_UTF16_log_from_1_and_keeps_its_unfinished_line_apart(bool bigEndian)
    {
        // A log written by Windows PowerShell 5.1 (UTF-16 with a byte order mark), rotated by
        // rename while its last line is unfinished: the line break put in must be UTF-16 too, and
        // the new file's byte order mark is not part of its first line.
        var encoding = bigEndian ? Encoding.BigEndianUnicode : Encoding.Unicode;
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "access.log");
        File.WriteAllText(path, AlbExamples.Http + "\r\n" + AlbExamples.Http2, encoding);

        var (seen, sink) = FollowUntil(path, records =>
        {
            if (records.Count == 1)
            {
                File.Move(path, path + ".1");
                File.WriteAllText(path, AlbExamples.Https + "\r\n" + AlbExamples.WebSocket + "\r\n", encoding);
            }

            return records.Count == 4;
        });

        Assert.Empty(sink.Errors);
        Assert.Equal(new[] { "http", "h2", "https", "ws" }, seen.Select(r => r.Fields["type"]));
        Assert.Equal(new long[] { 1, 2, 1, 2 }, seen.Select(r => r.LineNumber));
    }

    [Fact]
    public async Task Follow_reads_a_file_that_was_quiet_for_a_while_only_once()
    {
        // Quiet spells make the follower look at the path; the same file must not be read again.
        using var dir = new TempDirectory();
        var path = dir.File("quiet.log", AlbExamples.Http + "\n" + AlbExamples.Http2 + "\n");
        using var twoSeen = new ManualResetEventSlim();
        var appender = Task.Run(() =>
        {
            twoSeen.Wait(TimeSpan.FromSeconds(20));
            Thread.Sleep(1000); // five quiet checks (every 200 ms) before the file grows
            File.AppendAllText(path, AlbExamples.Https + "\n");
        });

        var (seen, _) = FollowUntil(path, records =>
        {
            if (records.Count == 2)
            {
                twoSeen.Set();
            }

            return records.Count == 3;
        });
        await appender.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(new long[] { 1, 2, 3 }, seen.Select(r => r.LineNumber));
        Assert.Equal("TLSv1.2", seen[2].TlsProtocol);
    }

    [Fact]
    public void Bundled_examples_cover_every_provider_without_rejections()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "examples");
        var (records, sink, reader) = Read(AccessLogReader.ExpandFiles(folder, recurse: true, NullOperationSink.Instance));

        Assert.Empty(sink.Errors);
        Assert.Equal(0, reader.Statistics.Rejected);
        foreach (var provider in Enum.GetValues<LbProvider>().Where(p => p != LbProvider.Unknown))
        {
            Assert.Contains(records, r => r.Provider == provider);
        }

        var formats = reader.Statistics.Files.Select(f => f.Format).ToHashSet();
        Assert.Equal(Enum.GetValues<LogFormat>().Where(f => f != LogFormat.Auto).ToHashSet(), formats);
    }

    [Fact]
    public void A_file_in_no_known_format_is_an_error_naming_it()
    {
        using var dir = new TempDirectory();
        var path = dir.File("x.log", "some,random,csv\n1,2,3\n");
        var (records, sink, _) = Read(new[] { path });
        Assert.Empty(records);
        Assert.Equal(path, Assert.Single(sink.Errors).Target);
    }
}
