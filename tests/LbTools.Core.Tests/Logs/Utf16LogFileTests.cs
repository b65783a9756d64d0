using System.Text;
using LbTools.Core.Logs;
using LbTools.Core.Tests.Support;

namespace LbTools.Core.Tests.Logs;

/// <summary>
/// A log saved as UTF-16 (Windows PowerShell 5.1 writes UTF-16 little endian with a byte order
/// mark for &gt; and Out-File) must read exactly like its UTF-8 original: the same records,
/// the same rejections naming the same lines, every line accounted for.
/// </summary>
public class Utf16LogFileTests
{
    private static string Mixed(int count)
    {
        var text = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            // Non-ASCII agents (two-byte and four-byte UTF-8, a surrogate pair in UTF-16) at many
            // offsets, so characters straddle the 64 KiB blocks the file is decoded in.
            string line = i % 50 == 3
                ? "not a log line"
                : AlbExamples.Http.Replace("/ HTTP/1.1", $"/item/{i} HTTP/1.1").Replace("curl/7.46.0", i % 3 == 0 ? $"caf\u00e9 {new string('x', i % 17)}" : $"emoji \U0001F600 {i}");
            text.Append(line).Append("\r\n");
        }

        return text.ToString();
    }

    private static (List<LbLogRecord> Records, CollectingSink Sink, LogFileStatistics Stats) Read(string path)
    {
        var sink = new CollectingSink();
        var reader = new AccessLogReader(new AccessLogReadOptions(), sink);
        var records = reader.ReadFiles(new[] { path }, CancellationToken.None).ToList();
        return (records, sink, reader.Statistics.Files.Single());
    }

    [Theory]
    [InlineData("utf-16le")]
    [InlineData("utf-16be")]
    public void A_utf16_file_reads_like_its_utf8_original(string encodingName)
    {
        using var dir = new TempDirectory();
        string text = Mixed(3000);
        var utf8 = dir.File("original.log", text);
        var encoding = Encoding.GetEncoding(encodingName);
        var utf16 = System.IO.Path.Combine(dir.Path, "saved.log");
        File.WriteAllBytes(utf16, encoding.GetPreamble().Concat(encoding.GetBytes(text)).ToArray());

        var expected = Read(utf8);
        var actual = Read(utf16);

        Assert.Equal(2940, expected.Records.Count);
        Assert.Equal(
            expected.Records.Select(r => (r.LineNumber, r.Status, r.Path, r.UserAgent, r.Upstream)),
            actual.Records.Select(r => (r.LineNumber, r.Status, r.Path, r.UserAgent, r.Upstream)));
        Assert.Equal(
            expected.Sink.Errors.Select(e => (e.ErrorId, e.Message.Replace("original.log", "saved.log"))),
            actual.Sink.Errors.Select(e => (e.ErrorId, e.Message)));
        Assert.Equal((expected.Stats.LinesRead, expected.Stats.Parsed, expected.Stats.Rejected), (actual.Stats.LinesRead, actual.Stats.Parsed, actual.Stats.Rejected));
        Assert.Equal(actual.Stats.LinesRead, actual.Stats.Parsed + actual.Stats.Rejected + actual.Stats.Skipped);
    }

    [Fact]
    public void A_lone_surrogate_becomes_a_replacement_character_not_a_failure()
    {
        using var dir = new TempDirectory();
        // Written byte by byte: .NET's own encoder would already have replaced the lone surrogate.
        var parts = AlbExamples.Http.Split("curl/7.46.0");
        var bytes = new List<byte> { 0xFF, 0xFE };
        bytes.AddRange(Encoding.Unicode.GetBytes(parts[0] + "a"));
        bytes.AddRange(new byte[] { 0x00, 0xD8 });
        bytes.AddRange(Encoding.Unicode.GetBytes("b" + parts[1]));
        var path = System.IO.Path.Combine(dir.Path, "broken.log");
        File.WriteAllBytes(path, bytes.ToArray());

        var record = Assert.Single(Read(path).Records);

        Assert.Equal("a\uFFFDb", record.UserAgent);
    }
}
