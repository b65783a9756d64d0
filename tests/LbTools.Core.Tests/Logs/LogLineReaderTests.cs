using System.Text;
using LbTools.Core.Logs.Lines;
using LbTools.Core.Logs;

namespace LbTools.Core.Tests.Logs;

public class LogLineReaderTests
{
    /// <summary>Hands out at most a few bytes per Read, so lines straddle every buffer boundary.</summary>
    private sealed class TrickleStream : MemoryStream
    {
        private readonly int _chunk;

        public TrickleStream(byte[] bytes, int chunk)
            : base(bytes)
        {
            _chunk = chunk;
        }

        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, _chunk));
    }

    private static List<(long Number, string? Text, long Offset, bool TooLong)> ReadAll(byte[] bytes, int chunk, int cap)
    {
        var reader = new LogLineReader(new TrickleStream(bytes, chunk), cap);
        var lines = new List<(long, string?, long, bool)>();
        while (reader.TryReadLine(out var line))
        {
            lines.Add((line.Number, line.Text, line.ByteOffset, line.TooLong));
        }

        // The end is sticky: asking again reads nothing more.
        Assert.False(reader.TryReadLine(out _));
        Assert.Equal(bytes.Length, reader.BytesRead);
        return lines;
    }

    /// <summary>What the reader must return: split on '\n', drop one '\r' before it, BOM off the first line.</summary>
    private static List<(long Number, string? Text, long Offset, bool TooLong)> Expected(byte[] bytes, int cap)
    {
        var lines = new List<(long, string?, long, bool)>();
        int start = 0;
        long number = 0;
        while (start < bytes.Length)
        {
            int newline = Array.IndexOf(bytes, (byte)'\n', start);
            int end = newline < 0 ? bytes.Length : newline;
            int length = end - start;
            if (length > 0 && bytes[end - 1] == (byte)'\r')
            {
                length--;
            }

            int from = start;
            if (number == 0 && length >= 3 && bytes[from] == 0xEF && bytes[from + 1] == 0xBB && bytes[from + 2] == 0xBF)
            {
                from += 3;
                length -= 3;
            }

            number++;
            lines.Add(length > cap ? (number, null, start, true) : (number, Encoding.UTF8.GetString(bytes, from, length), start, false));
            start = end + 1;
        }

        return lines;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(17)]
    [InlineData(4096)]
    public void Lines_split_on_LF_and_CRLF_strip_a_leading_BOM_and_mark_overlong_lines(int chunk)
    {
        var text = "\uFEFFfirst\r\nsecond\n\n\r\n" + new string('x', 40) + "\nafter the long one\r\n" + new string('y', 17) + "\r\nlast without newline";
        var bytes = Encoding.UTF8.GetBytes(text);
        var lines = ReadAll(bytes, chunk, cap: 24);

        Assert.Equal(Expected(bytes, 24), lines);
        Assert.Equal("first", lines[0].Text);
        Assert.Equal(new[] { "", "" }, new[] { lines[2].Text, lines[3].Text });
        Assert.True(lines[4].TooLong);
        Assert.Equal("after the long one", lines[5].Text);
        Assert.Equal(new string('y', 17), lines[6].Text);
        Assert.Equal("last without newline", lines[^1].Text);
    }

    [Fact]
    public void Random_lines_read_the_same_whatever_the_read_sizes()
    {
        var random = new Random(12345);
        for (int round = 0; round < 200; round++)
        {
            var text = new StringBuilder();
            int count = random.Next(0, 12);
            for (int i = 0; i < count; i++)
            {
                text.Append('a', random.Next(0, 45));
                text.Append(random.Next(4) == 0 ? "\r\n" : "\n");
            }

            if (random.Next(2) == 0)
            {
                text.Append('z', random.Next(0, 30));
            }

            var bytes = Encoding.UTF8.GetBytes(text.ToString());
            int cap = random.Next(16, 30);
            Assert.Equal(Expected(bytes, cap), ReadAll(bytes, random.Next(1, 40), cap));
        }
    }

    [Fact]
    public void ReadLines_gives_the_lines_TryReadLine_gives()
    {
        var bytes = Encoding.UTF8.GetBytes("a\r\nb\n\nc");
        var lines = new LogLineReader(new MemoryStream(bytes)).ReadLines().Select(l => l.Text).ToList();
        Assert.Equal(new[] { "a", "b", "", "c" }, lines);
    }

    [Fact]
    public void An_empty_stream_has_no_lines()
    {
        Assert.Empty(ReadAll(Array.Empty<byte>(), 10, 16));
    }

    [Fact]
    public void A_cancelled_token_stops_before_the_next_read()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var reader = new LogLineReader(new MemoryStream(Encoding.UTF8.GetBytes("a\nb\n")));
        Assert.Throws<OperationCanceledException>(() => reader.TryReadLine(out _, cts.Token));
    }

    [Fact]
    public void A_disposed_reader_has_given_back_its_buffer_and_reads_nothing_more()
    {
        var reader = new LogLineReader(new MemoryStream(Encoding.UTF8.GetBytes("a\nb\n")));
        Assert.True(reader.TryReadLine(out var first));
        Assert.Equal("a", first.Text);

        reader.Dispose();
        reader.Dispose();

        Assert.False(reader.TryReadLine(out _));
    }
}
