using LbTools.Core.Logs.Sources;
using LbTools.Core.Logs;

namespace LbTools.Core.Tests.Logs;

/// <summary>
/// The .gz read-ahead: another thread fills a few pooled buffers from the inner stream. The
/// reader must see every byte in order, a failure of the inner stream after the bytes before
/// it, and Dispose must stop the thread (also in the middle, also twice).
/// </summary>
public class ReadAheadStreamTests
{
    /// <summary>Hands out at most <c>chunk</c> bytes a read, then fails at <c>failAt</c> if given.</summary>
    private sealed class ScriptedStream(byte[] data, int chunk, int failAt = -1) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count)
        {
            if (failAt >= 0 && Position >= failAt)
            {
                throw new IOException("disk gone");
            }

            int limit = failAt >= 0 ? (int)Math.Min(count, failAt - Position) : count;
            return base.Read(buffer, offset, Math.Min(limit, chunk));
        }
    }

    private static byte[] Data(int length)
    {
        var data = new byte[length];
        new Random(11).NextBytes(data);
        return data;
    }

    private static byte[] ReadAll(Stream stream, int readSize, out Exception? error)
    {
        var copy = new MemoryStream();
        var buffer = new byte[readSize];
        error = null;
        try
        {
            int n;
            while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                copy.Write(buffer, 0, n);
            }
        }
        catch (IOException ex)
        {
            error = ex;
        }

        return copy.ToArray();
    }

    [Theory]
    [InlineData(1_000_000, 7_001, 4_096)]
    [InlineData(600_000, 1 << 20, 100)]
    [InlineData(0, 10, 10)]
    public void Every_byte_arrives_in_order(int length, int innerChunk, int readSize)
    {
        var data = Data(length);
        using var stream = new ReadAheadStream(new ScriptedStream(data, innerChunk));

        Assert.Equal(data, ReadAll(stream, readSize, out var error));
        Assert.Null(error);
        Assert.Equal(0, stream.Read(new byte[10], 0, 10));
    }

    [Fact]
    public void A_failure_of_the_inner_stream_comes_after_the_bytes_before_it()
    {
        var data = Data(700_000);
        using var stream = new ReadAheadStream(new ScriptedStream(data, 50_000, failAt: 333_333));

        var read = ReadAll(stream, 8_192, out var error);

        Assert.Equal(data.AsSpan(0, 333_333).ToArray(), read);
        Assert.Equal("disk gone", Assert.IsType<IOException>(error).Message);
    }

    [Fact]
    public void Dispose_in_the_middle_stops_the_reading_thread_and_may_come_twice()
    {
        var stream = new ReadAheadStream(new ScriptedStream(Data(2_000_000), 10_000));
        Assert.Equal(1_000, stream.Read(new byte[1_000], 0, 1_000));

        stream.Dispose();
        stream.Dispose();

        Assert.Equal(0, stream.Read(new byte[10], 0, 10));
    }
}
