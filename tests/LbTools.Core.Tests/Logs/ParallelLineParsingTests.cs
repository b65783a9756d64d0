using System.IO.Compression;
using System.Text;
using LbTools.Core.Logs.Lines;
using LbTools.Core.Logs;
using LbTools.Core.Tests.Support;

namespace LbTools.Core.Tests.Logs;

/// <summary>
/// ParseThreads &gt; 1 parses the lines of a file on several threads. The promise is that
/// nothing a caller sees changes: the same records in the same order, the same errors in the
/// same order (per-file cap included), the same statistics, damage reported after the lines
/// before it, -First and Ctrl+C still stopping the read. Each case reads the same input with
/// one thread and with several and compares everything.
/// </summary>
public class ParallelLineParsingTests
{
    private static readonly string Nginx = "192.0.2.13 - - [01/Jun/2024:10:00:03 +0000] \"GET /old HTTP/1.1\" 502 157 \"-\" \"curl/8.5.0\" rt=0.003 uct=\"-, 0.001\" uht=\"-, 0.001\" urt=\"0.001, 0.001\" us=\"502, 200\" ua=\"127.0.0.1:9002, 127.0.0.1:9004\"";

    /// <summary>Thousands of lines (many chunks) with bad, empty, CRLF and over-long lines among them.</summary>
    private static string MixedAlb(int count)
    {
        var text = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            string line = (i % 5) switch
            {
                0 => AlbExamples.Http.Replace("/ HTTP/1.1", $"/item/{i} HTTP/1.1"),
                1 => AlbExamples.Https,
                2 => AlbExamples.LambdaFailure,
                3 => AlbExamples.MalformedRequest,
                _ => AlbExamples.Http2,
            };
            if (i % 97 == 0)
            {
                line = line.Replace(" 200 ", " 2x0 ");
            }
            else if (i % 131 == 0)
            {
                line = string.Empty;
            }
            else if (i % 389 == 0)
            {
                line = "\"" + new string('z', 5000);
            }

            text.Append(line).Append(i % 7 == 0 ? "\r\n" : "\n");
        }

        return text.ToString();
    }

    private static (List<LbLogRecord> Records, CollectingSink Sink, AccessLogReader Reader) Read(string path, int threads, Action<AccessLogReadOptions>? configure = null)
    {
        // ParallelFrom 0: these files are small, and are to be parsed in chunks all the same.
        var options = new AccessLogReadOptions { ParseThreads = threads, MaxLineBytes = 4096, ParallelFrom = 0 };
        configure?.Invoke(options);
        var sink = new CollectingSink();
        var reader = new AccessLogReader(options, sink);
        return (reader.ReadFiles(new[] { path }, CancellationToken.None).ToList(), sink, reader);
    }

    private static void AssertSame((List<LbLogRecord> Records, CollectingSink Sink, AccessLogReader Reader) serial, (List<LbLogRecord> Records, CollectingSink Sink, AccessLogReader Reader) parallel)
    {
        Assert.Equal(
            serial.Records.Select(r => (r.SourceFile, r.LineNumber, r.Status, r.Time, r.Path, r.Upstream, r.UserAgent)),
            parallel.Records.Select(r => (r.SourceFile, r.LineNumber, r.Status, r.Time, r.Path, r.Upstream, r.UserAgent)));
        Assert.Equal(serial.Sink.Errors.Select(e => (e.ErrorId, e.Message, e.Target)), parallel.Sink.Errors.Select(e => (e.ErrorId, e.Message, e.Target)));
        var a = serial.Reader.Statistics.Files.Single();
        var b = parallel.Reader.Statistics.Files.Single();
        Assert.Equal((a.LinesRead, a.Parsed, a.Rejected, a.Skipped, a.Filtered, a.BytesRead, a.Format), (b.LinesRead, b.Parsed, b.Rejected, b.Skipped, b.Filtered, b.BytesRead, b.Format));
        Assert.Equal(a.LinesRead, a.Parsed + a.Rejected + a.Skipped);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Alb_lines_come_out_as_with_one_thread(int threads)
    {
        using var dir = new TempDirectory();
        var path = dir.File("mixed.log", MixedAlb(6000));

        var serial = Read(path, 1);
        var parallel = Read(path, threads);

        Assert.True(serial.Reader.Statistics.Rejected > 20, "the input must hold bad lines beyond the per-file error cap");
        Assert.True(serial.Records.Count > 5000);
        AssertSame(serial, parallel);
    }

    [Fact]
    public void Filters_give_the_same_records_and_counts()
    {
        using var dir = new TempDirectory();
        var path = dir.File("mixed.log", MixedAlb(4000));
        void Filter(AccessLogReadOptions o)
        {
            o.Filter = new AccessLogFilter { Host = "*.example.com" };
            o.Filter.AddStatus("5xx");
        }

        var serial = Read(path, 1, Filter);
        var parallel = Read(path, 2, Filter);

        Assert.NotEmpty(serial.Records);
        Assert.True(serial.Reader.Statistics.Files.Single().Filtered > 0);
        AssertSame(serial, parallel);
    }

    [Fact]
    public void Lines_longer_than_a_chunk_come_out_as_with_one_thread()
    {
        // A chunk holds 128 KiB of lines; a longer line gets a buffer of its own size, which
        // must go back to the pool without mixing up the lines around it.
        using var dir = new TempDirectory();
        string agent = new string('a', 300 * 1024);
        var lines = Enumerable.Range(0, 1200).Select(i => i % 400 == 7
            ? AlbExamples.Http.Replace("\"curl/7.46.0\"", $"\"{agent}{i}\"")
            : AlbExamples.Http.Replace("/ HTTP/1.1", $"/item/{i} HTTP/1.1"));
        var path = dir.File("long.log", string.Join("\n", lines) + "\n");
        void Wide(AccessLogReadOptions o) => o.MaxLineBytes = 1024 * 1024;

        var serial = Read(path, 1, Wide);
        var parallel = Read(path, 2, Wide);

        Assert.Equal(1200, serial.Records.Count);
        Assert.Equal(3, serial.Records.Count(r => r.UserAgent!.Length > 300 * 1024));
        AssertSame(serial, parallel);
    }

    [Fact]
    public void Nginx_lines_with_several_attempts_come_out_as_with_one_thread()
    {
        using var dir = new TempDirectory();
        var lines = Enumerable.Range(0, 3000).Select(i => i % 50 == 0 ? "not an nginx line" : Nginx.Replace("/old", $"/old/{i}"));
        var path = dir.File("nginx.log", string.Join("\n", lines) + "\n");
        void Format(AccessLogReadOptions o)
        {
            o.Format = LogFormat.Nginx;
            o.NginxLogFormat = "upstream";
        }

        var serial = Read(path, 1, Format);
        var parallel = Read(path, 2, Format);

        AssertSame(serial, parallel);
        Assert.Equal(serial.Records.Select(r => string.Join(",", r.UpstreamAddresses)), parallel.Records.Select(r => string.Join(",", r.UpstreamAddresses)));
    }

    [Theory]
    [InlineData(2, CompressionLevel.NoCompression)] // a .gz spends one thread decompressing: parsed on the calling thread
    [InlineData(3, CompressionLevel.NoCompression)] // decompressing thread, reader thread, two parse threads
    [InlineData(3, CompressionLevel.Optimal)] // under FileThreadPlan.ReadAheadFrom compressed: no read-ahead, one thread
    public void A_cut_gzip_yields_every_line_before_the_damage_then_one_error(int threads, CompressionLevel level)
    {
        using var dir = new TempDirectory();
        byte[] whole;
        using (var buffer = new MemoryStream())
        {
            using (var gzip = new GZipStream(buffer, level, leaveOpen: true))
            {
                var bytes = Encoding.UTF8.GetBytes(MixedAlb(8000));
                gzip.Write(bytes, 0, bytes.Length);
            }

            whole = buffer.ToArray();
        }

        var path = Path.Combine(dir.Path, "cut.log.gz");
        File.WriteAllBytes(path, whole.AsSpan(0, whole.Length * 2 / 3).ToArray());
        Assert.Equal(level == CompressionLevel.NoCompression, new FileInfo(path).Length >= FileThreadPlan.ReadAheadFrom);

        var serial = Read(path, 1);
        var parallel = Read(path, threads);

        Assert.Contains(serial.Sink.Errors, e => e.ErrorId == "LogFileCorrupt");
        AssertSame(serial, parallel);
    }

    [Fact]
    public void First_stops_the_reader_threads_and_closes_the_file()
    {
        using var dir = new TempDirectory();
        var path = dir.File("big.log", MixedAlb(20000));
        var reader = new AccessLogReader(new AccessLogReadOptions { ParseThreads = 2, ParallelFrom = 0, Filter = new AccessLogFilter { First = 10 } }, new CollectingSink());

        var records = reader.ReadFiles(new[] { path }, CancellationToken.None).ToList();

        Assert.Equal(10, records.Count);
        Assert.True(reader.Statistics.LinesRead < 20000, "reading went on after -First");

        // Opening it for exclusive use fails while any thread still holds it.
        using var exclusive = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        Assert.True(exclusive.CanWrite);
    }

    [Fact]
    public void Cancelling_ends_a_parallel_read_with_OperationCanceledException()
    {
        using var dir = new TempDirectory();
        var path = dir.File("big.log", MixedAlb(20000));
        using var cts = new CancellationTokenSource();
        var reader = new AccessLogReader(new AccessLogReadOptions { ParseThreads = 2, ParallelFrom = 0 }, new CollectingSink());
        int seen = 0;

        Assert.ThrowsAny<OperationCanceledException>(() =>
        {
            foreach (var record in reader.ReadFiles(new[] { path }, cts.Token))
            {
                if (++seen == 100)
                {
                    cts.Cancel();
                }
            }
        });

        Assert.InRange(seen, 100, 19999);
    }

    [Fact]
    public void Formats_whose_lines_depend_on_a_header_are_read_with_one_thread()
    {
        // CloudFront columns come from its #Fields: line: such files are never split into chunks.
        using var dir = new TempDirectory();
        var path = dir.File("cf.log", "#Version: 1.0\n#Fields: date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status\n"
            + string.Join("\n", Enumerable.Range(0, 2000).Select(i => $"2019-12-04\t21:02:31\tLAX1\t392\t192.0.2.100\tGET\td111111abcdef8.cloudfront.net\t/p{i}\t200")) + "\n");

        var serial = Read(path, 1);
        var parallel = Read(path, 3);

        Assert.Equal(2000, parallel.Records.Count);
        AssertSame(serial, parallel);
    }
}
