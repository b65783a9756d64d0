using System.Diagnostics;
using LbTools.Core.Common;
using LbTools.Core.Logs.Aws;
using LbTools.Core.Logs.Lines;
using LbTools.Core.Logs.Values;
using LbTools.Core.Logs;

namespace LbTools.Benchmarks;

/// <summary>
/// "--stages": where the ALB time goes. Each stage adds one step to the one before, over the
/// same generated lines held in memory (no disk), so the differences are the cost of the step.
/// Best of five runs after a warm-up.
/// </summary>
public static class StageProfile
{
    public static void Run(int lines)
    {
        var path = Path.Combine(Path.GetTempPath(), $"lbtools-stages-{Environment.ProcessId}.log");
        LogGenerator.Write(path, lines, LogGenerator.AlbLine);
        var bytes = File.ReadAllBytes(path);
        Console.WriteLine($"{lines:N0} ALB lines, {bytes.Length / 1048576.0:N1} MiB in memory; the parser uses the {AwsFieldFinders.Description}");

        Measure("split lines only (LogLineReader)", lines, () =>
        {
            long n = 0;
            foreach (var line in new LogLineReader(new MemoryStream(bytes)).ReadLines())
            {
                n += line.Bytes.Length;
            }

            return n;
        });
        // The portable tokenizer, then (where this runtime loads it) the vector one with its fallback, as the parser runs them.
        long FieldSpans(IAwsVectorFieldFinder? vector)
        {
            long n = 0;
            var spans = new ushort[2 * 1024];
            foreach (var line in new LogLineReader(new MemoryStream(bytes)).ReadLines())
            {
                if (vector == null || !vector.TryFindNarrow(line.Bytes, ref spans, out int count))
                {
                    AwsFieldSpans.TryFindNarrow(line.Bytes, ref spans, out count);
                }

                n += count;
            }

            return n;
        }

        Measure("+ field spans (portable tokenizer)", lines, () => FieldSpans(null));
        if (AwsFieldFinders.Vector is { } vector)
        {
            Measure("+ field spans (vector tokenizer)", lines, () => FieldSpans(vector));
        }

        Measure("+ numbers and time (no record)", lines, () =>
        {
            long n = 0;
            var spans = new ushort[2 * 1024];
            var hour = default(UtcHourCache);
            foreach (var line in new LogLineReader(new MemoryStream(bytes)).ReadLines())
            {
                var b = line.Bytes;
                AwsFieldSpans.TryFindNarrow(b, ref spans, out int count);
                ReadOnlySpan<byte> F(ReadOnlySpan<byte> l, int i) => l.Slice(spans[i * 2], spans[(i * 2) + 1] & 0x7FFF);
                Utf8FieldValues.TryUtcTime(F(b, 1), ref hour, out var time);
                Utf8FieldValues.TrySeconds(F(b, 5), NegativeSeconds.MinusSignIsAbsent, out var t1);
                Utf8FieldValues.TrySeconds(F(b, 6), NegativeSeconds.MinusSignIsAbsent, out var t2);
                Utf8FieldValues.TrySeconds(F(b, 7), NegativeSeconds.MinusSignIsAbsent, out var t3);
                Utf8FieldValues.TryInt(F(b, 8), IntegerSyntax.DigitsOnly, out var s1);
                Utf8FieldValues.TryInt(F(b, 9), IntegerSyntax.DigitsOnly, out var s2);
                Utf8FieldValues.TryLong(F(b, 10), IntegerSyntax.DigitsOnly, out var r);
                Utf8FieldValues.TryLong(F(b, 11), IntegerSyntax.DigitsOnly, out var w);
                n += count + (s1 ?? 0) + (s2 ?? 0) + (r ?? 0) + (w ?? 0) + (long)((t1 ?? 0) + (t2 ?? 0) + (t3 ?? 0)) + (time?.Ticks & 1 ?? 0);
            }

            return n;
        });
        Measure("  (floor: a record and a line copy alone)", lines, () =>
        {
            // What any design that keeps each line for later costs: the two allocations and the copy.
            long n = 0;
            foreach (var line in new LogLineReader(new MemoryStream(bytes)).ReadLines())
            {
                var copy = new byte[line.Bytes.Length + 137];
                line.Bytes.CopyTo(copy);
                var record = new LbLogRecord { Status = copy[0] };
                n += record.Status ?? 0;
            }

            return n;
        });
        Measure("+ parse to record (parser only)", lines, () =>
        {
            long n = 0;
            var parser = new AwsAlbLineParser();
            foreach (var line in new LogLineReader(new MemoryStream(bytes)).ReadLines())
            {
                n += parser.Parse(line.Bytes).Record!.Status ?? 0;
            }

            return n;
        });
        Measure("+ Path read (parser only)", lines, () =>
        {
            long n = 0;
            var parser = new AwsAlbLineParser();
            foreach (var line in new LogLineReader(new MemoryStream(bytes)).ReadLines())
            {
                n += parser.Parse(line.Bytes).Record!.Path!.Length;
            }

            return n;
        });
        Measure("request bytes split alone", lines, () =>
        {
            long n = 0;
            var request = System.Text.Encoding.ASCII.GetBytes("GET https://www.example.com:443/api/v1/cart?session=4f1c2a HTTP/1.1");
            var record = new LbLogRecord();
            for (int i = 0; i < lines; i++)
            {
                Utf8RequestLine.TryApply(request, record);
                n += record.Path!.Length;
            }

            return n;
        });
        Measure("AccessLogReader, status read (file)", lines, () => Read(path, r => r.Status ?? 0));
        Measure("AccessLogReader, + Path", lines, () => Read(path, r => (r.Status ?? 0) + (r.Path?.Length ?? 0)));
        Measure("AccessLogReader, + Path + Upstream", lines, () => Read(path, r => (r.Status ?? 0) + (r.Path?.Length ?? 0) + (r.Upstream?.Length ?? 0)));
        Measure("AccessLogReader, -Status 502 filter", lines, () => Read(path, r => r.Status ?? 0, new AccessLogFilter().AddStatus("502")));
        File.Delete(path);
    }

    private static long Read(string path, Func<LbLogRecord, long> touch, AccessLogFilter? filter = null)
    {
        var options = new AccessLogReadOptions { Format = LogFormat.AwsAlb, ParseThreads = 1 };
        if (filter != null)
        {
            options.Filter = filter;
        }

        var reader = new AccessLogReader(options, NullOperationSink.Instance);
        long sum = 0;
        foreach (var record in reader.ReadFiles(new[] { path }, CancellationToken.None))
        {
            sum += touch(record);
        }

        return sum;
    }

    private static void Measure(string name, long lines, Func<long> action)
    {
        action();
        double best = double.MaxValue;
        double bestCpu = double.MaxValue;
        long gcBefore = GC.CollectionCount(0);
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        var process = Process.GetCurrentProcess();
        for (int i = 0; i < 5; i++)
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            action();
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
            process.Refresh();
            bestCpu = Math.Min(bestCpu, (process.TotalProcessorTime - cpu).TotalSeconds);
        }

        // CPU time is printed too: on a shared machine it moves less than wall-clock time.
        double bytesPerLine = (GC.GetAllocatedBytesForCurrentThread() - allocated) / 5.0 / lines;
        Console.WriteLine($"{name,-40} {lines / best / 1e6,6:N2} M lines/s wall ({best * 1000:N0} ms), CPU {bestCpu * 1000:N0} ms, {bytesPerLine:N0} B/line allocated, gen0 {(GC.CollectionCount(0) - gcBefore) / 5}");
    }
}
