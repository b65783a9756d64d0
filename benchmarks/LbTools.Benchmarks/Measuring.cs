using System.Diagnostics;
using System.IO.Compression;

namespace LbTools.Benchmarks;

/// <summary>
/// What the Stopwatch modes share: a case timed best of three after a warm-up, and the
/// GZipStream baseline every .gz number is compared with.
/// </summary>
public static class Measuring
{
    /// <summary>Runs <paramref name="action"/> once to warm up, then three times; prints and returns the best rate in lines per second.</summary>
    public static double Best(string name, long lines, Func<long> action)
    {
        action();
        double best = double.MaxValue;
        for (int i = 0; i < 3; i++)
        {
            var watch = Stopwatch.StartNew();
            action();
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }

        double rate = lines / best;
        Console.WriteLine($"{name,-52} {rate / 1e6,8:N2} M lines/s  ({best * 1000:N0} ms)");
        return rate;
    }

    /// <summary>Decompresses a .gz and throws the bytes away: the floor of reading it. Returns the decoded length.</summary>
    public static long DecodeOnly(string path)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        var buffer = new byte[1 << 16];
        long total = 0;
        int read;
        while ((read = gzip.Read(buffer, 0, buffer.Length)) > 0)
        {
            total += read;
        }

        return total;
    }
}
