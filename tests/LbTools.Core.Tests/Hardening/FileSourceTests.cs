using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using LbTools.Core.Logs;
using LbTools.Core.Tests.Support;

namespace LbTools.Core.Tests.Hardening;

/// <summary>
/// Issue 14, items 5, 8 and 10 (.gz parts): folders that cannot be listed, pipes, link loops,
/// files cut short while read, damaged and padded .gz files.
/// </summary>
public class FileSourceTests
{
    private const string Line = "203.0.113.5 - - [01/Jun/2024:10:00:00 +0000] \"GET / HTTP/1.1\" 200 615 \"-\" \"curl/8.5.0\"";

    private static string Lines(int count) => string.Concat(Enumerable.Repeat(Line + "\n", count));

    [Fact]
    public void A_folder_that_cannot_be_listed_is_reported_and_the_rest_is_read()
    {
        using var dir = new TempDirectory();
        var good = dir.File("a.log", Lines(1));

        // Nested until its full path is longer than Linux allows (PATH_MAX): listing it fails,
        // for root too, which no permission bit can do.
        var deep = Path.Combine(dir.Path, "deep");
        Directory.CreateDirectory(deep);
        var name = new string('d', 200);
        var mkdir = Process.Start(new ProcessStartInfo("sh", new[] { "-c", $"cd '{deep}' && for i in $(seq 1 40); do mkdir {name} || exit 1; cd {name} 2>/dev/null || exit 0; done; exit 2" }) { UseShellExecute = false })!;
        Assert.True(mkdir.WaitForExit(30_000));
        var sink = new CollectingSink();
        try
        {
            Assert.Equal(0, mkdir.ExitCode);
            var files = AccessLogReader.ExpandFiles(dir.Path, recurse: true, sink).ToList();

            Assert.Equal(new[] { good }, files);
            var error = Assert.Single(sink.Errors);
            Assert.Equal("LogFolderUnreadable", error.ErrorId);
            Assert.StartsWith(deep, (string)error.Target!);
        }
        finally
        {
            // .NET cannot delete what it cannot name; rm works down the chain.
            var rm = Process.Start(new ProcessStartInfo("rm", new[] { "-rf", deep }) { UseShellExecute = false, RedirectStandardError = true })!;
            string rmError = rm.StandardError.ReadToEnd();
            Assert.True(rm.WaitForExit(30_000));
            Assert.True(rm.ExitCode == 0, rmError);
        }
    }

    [Fact]
    public void A_link_loop_under_recurse_reads_each_file_once()
    {
        using var dir = new TempDirectory();
        var file = dir.File("a.log", Lines(1));
        var sub = Directory.CreateDirectory(Path.Combine(dir.Path, "sub")).FullName;
        Directory.CreateSymbolicLink(Path.Combine(sub, "loop"), dir.Path);
        var sink = new CollectingSink();

        var files = AccessLogReader.ExpandFiles(dir.Path, recurse: true, sink).ToList();

        Assert.Equal(new[] { file }, files);
        Assert.Empty(sink.Errors);
    }

    [Fact]
    public async Task A_fifo_is_read_like_a_file()
    {
        using var dir = new TempDirectory();
        var fifo = Path.Combine(dir.Path, "pipe");
        var mkfifo = Process.Start("mkfifo", fifo)!;
        Assert.True(mkfifo.WaitForExit(10_000));
        Assert.Equal(0, mkfifo.ExitCode);

        // The writer blocks until the reader opens the pipe, then closes it: the read ends there.
        var writer = Task.Run(() => File.WriteAllText(fifo, Lines(3)));
        var sink = new CollectingSink();
        var reader = new AccessLogReader(new AccessLogReadOptions(), sink);

        var records = reader.ReadFiles(new[] { fifo }, CancellationToken.None).ToList();
        await writer.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Empty(sink.Errors);
        Assert.Equal(3, records.Count);
        Assert.Equal(3, reader.Statistics.Files.Single().Parsed);
    }

    [Fact]
    public async Task A_fifo_whose_writer_pauses_stops_on_cancellation()
    {
        using var dir = new TempDirectory();
        var fifo = Path.Combine(dir.Path, "pipe");
        Process.Start("mkfifo", fifo)!.WaitForExit(10_000);
        using var release = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        // One line, then the writer keeps the pipe open and silent.
        var writer = Task.Run(async () =>
        {
            using var stream = new FileStream(fifo, FileMode.Open, FileAccess.Write);
            stream.Write(Encoding.ASCII.GetBytes(Lines(1)));
            stream.Flush();
            try
            {
                await Task.Delay(Timeout.Infinite, release.Token);
            }
            catch (OperationCanceledException)
            {
                // Released by the test.
            }
        });
        using var cancel = new CancellationTokenSource();
        var reader = new AccessLogReader(new AccessLogReadOptions(), new CollectingSink());
        int records = 0;

        // Detection waits for more lines than the writer sends: the read is inside the pipe when cancelled.
        var reading = Task.Run(() =>
        {
            foreach (var record in reader.ReadFiles(new[] { fifo }, cancel.Token))
            {
                records++;
            }
        });
        cancel.CancelAfter(TimeSpan.FromMilliseconds(500));

        // Before, the read waited in the pipe for ever; now cancelling ends it.
        var finished = await Task.WhenAny(reading, Task.Delay(TimeSpan.FromSeconds(30)));
        release.Cancel();
        await writer;
        Assert.Same(reading, finished);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading);
        Assert.Equal(0, records);
    }

    [Fact]
    public async Task A_gzip_fifo_is_decompressed_and_checked()
    {
        using var dir = new TempDirectory();
        var gz = dir.GzipFile("a.log.gz", Lines(4));
        var bytes = File.ReadAllBytes(gz);
        var fifo = Path.Combine(dir.Path, "pipe");
        Process.Start("mkfifo", fifo)!.WaitForExit(10_000);

        var writer = Task.Run(() => File.WriteAllBytes(fifo, bytes[..^4]));
        var sink = new CollectingSink();
        var reader = new AccessLogReader(new AccessLogReadOptions(), sink);

        var records = reader.ReadFiles(new[] { fifo }, CancellationToken.None).ToList();
        await writer.WaitAsync(TimeSpan.FromSeconds(30));

        // Its last 4 bytes (the size in the trailer) never came: a cut-short gzip, said so.
        Assert.Equal(4, records.Count);
        Assert.Equal("LogFileCorrupt", Assert.Single(sink.Errors).ErrorId);
    }

    [Fact]
    public void A_plain_file_cut_short_while_read_is_reported()
    {
        using var dir = new TempDirectory();
        var path = dir.File("big.log", Lines(40_000));
        var sink = new CollectingSink();
        var reader = new AccessLogReader(new AccessLogReadOptions(), sink);
        int count = 0;

        foreach (var record in reader.ReadFiles(new[] { path }, CancellationToken.None))
        {
            if (count++ == 0)
            {
                using var file = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
                file.SetLength(1024 * 1024);
            }
        }

        var error = Assert.Single(sink.Errors);
        Assert.Equal("LogFileReadFailed", error.ErrorId);
        Assert.Contains("cut short", error.Message);
        Assert.Contains("1048576 bytes at the end", error.Message);
        Assert.True(count < 40_000);
    }

    [Fact]
    public void A_gzip_with_zero_padding_is_complete()
    {
        using var dir = new TempDirectory();
        var gz = dir.GzipFile("a.log.gz", Lines(5));
        using (var file = new FileStream(gz, FileMode.Append))
        {
            file.Write(new byte[1024]);
        }

        var sink = new CollectingSink();
        var reader = new AccessLogReader(new AccessLogReadOptions(), sink);
        var records = reader.ReadFiles(new[] { gz }, CancellationToken.None).ToList();

        Assert.Empty(sink.Errors);
        Assert.Equal(5, records.Count);
    }

    [Fact]
    public void Two_gzip_members_with_zero_padding_are_complete()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "two.log.gz");
        using (var file = File.Create(path))
        {
            foreach (var part in new[] { Lines(2), Lines(3) })
            {
                using var gzip = new GZipStream(file, CompressionLevel.Optimal, leaveOpen: true);
                gzip.Write(Encoding.ASCII.GetBytes(part));
            }

            file.Write(new byte[100]);
        }

        var sink = new CollectingSink();
        var reader = new AccessLogReader(new AccessLogReadOptions(), sink);
        var records = reader.ReadFiles(new[] { path }, CancellationToken.None).ToList();

        Assert.Empty(sink.Errors);
        Assert.Equal(5, records.Count);
    }

    [Fact]
    public void A_corrupt_gzip_does_not_claim_the_end_of_the_file_as_the_place_of_damage()
    {
        using var dir = new TempDirectory();
        var gz = dir.GzipFile("a.log.gz", Lines(5));
        var bytes = File.ReadAllBytes(gz);
        bytes[2] = 7; // compression method: not deflate
        File.WriteAllBytes(gz, bytes);

        var sink = new CollectingSink();
        var reader = new AccessLogReader(new AccessLogReadOptions(), sink);
        reader.ReadFiles(new[] { gz }, CancellationToken.None).ToList();

        var error = Assert.Single(sink.Errors);
        Assert.Equal("LogFileCorrupt", error.ErrorId);
        Assert.DoesNotContain($"near compressed byte {bytes.Length}", error.Message);
        Assert.Contains($"within its first {bytes.Length} compressed bytes", error.Message);
    }
}
