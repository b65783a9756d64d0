using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using LbTools.Core.Common;
using LbTools.Core.Triage;

namespace LbTools.Benchmarks;

/// <summary>
/// --triage N: the triage side by side with mawk '{c[$9]++}' (count one column) and GoAccess 1.7
/// (--log-format=AWSALB) on the same generated N-line ALB file, plus two threads over the file
/// cut in 8 parts, a .gz against GZipStream decoding alone, and records built for every line
/// (fast path off). Wall-clock, best of 3 after a warm-up, on whatever machine runs it.
/// --triage-memory N: one triage of N generated lines in this process; prints the peak working set.
/// </summary>
public static class TriageRun
{
    public static void Run(int lines, string folder)
    {
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "alb.log");
        LogGenerator.Write(file, lines, LogGenerator.AlbLine);
        var parts = Split(file, folder, 8);
        var gz = Path.Combine(folder, "alb.log.gz");
        using (var input = System.IO.File.OpenRead(file))
        using (var output = new GZipStream(System.IO.File.Create(gz), CompressionLevel.Optimal))
        {
            input.CopyTo(output);
        }

        Console.WriteLine($"{lines:N0} generated ALB lines, {new FileInfo(file).Length / 1048576.0:N1} MiB ({new FileInfo(gz).Length / 1048576.0:N1} MiB as .gz), {Environment.ProcessorCount} processors");
        var mawk = Measuring.Best("mawk '{c[$9]++}' (1 core)", lines, () => External("mawk", "{c[$9]++} END {for (k in c) n += c[k]; print n}", file));
        var goaccess = Measuring.Best("goaccess 1.7 --log-format=AWSALB (1 core)", lines, () => External("goaccess", null, file));
        var one = Measuring.Best("Invoke-LbTriage core, 1 thread", lines, () => Triage(new[] { file }, 1, fast: true));
        var records = Measuring.Best("  same, a record for every line (fast path off)", lines, () => Triage(new[] { file }, 1, fast: false));
        var two = Measuring.Best("Invoke-LbTriage core, 2 threads, 8 files", lines, () => Triage(parts, 2, fast: true));
        var decode = Measuring.Best("GZipStream decoding alone (.gz)", lines, () => Measuring.DecodeOnly(gz));
        var gzTriage = Measuring.Best("Invoke-LbTriage core, 1 thread, .gz", lines, () => Triage(new[] { gz }, 1, fast: true));
        Console.WriteLine();
        Console.WriteLine($"1 thread vs mawk:            {one / mawk:N2}x   (target >= 1.6x, >= 2.5 M lines/s)");
        Console.WriteLine($"1 thread vs goaccess:        {one / goaccess:N2}x");
        Console.WriteLine($"fast path vs every record:   {one / records:N2}x");
        Console.WriteLine($"2 threads, 8 files:          {two / 1e6:N2} M lines/s (target >= 4)");
        Console.WriteLine($".gz vs GZipStream alone:     {gzTriage / decode:N2}x   (target >= 0.9x)");
    }

    public static void File(string path, bool fast, int threads)
    {
        for (int i = 0; i < 4; i++)
        {
            var watch = Stopwatch.StartNew();
            long lines = Triage(new[] { path }, threads, fast);
            Console.WriteLine($"{(fast ? "fast path" : "records")}, {threads} thread(s): {lines / watch.Elapsed.TotalSeconds / 1e6:N2} M lines/s ({watch.ElapsedMilliseconds} ms)");
        }
    }

    public static void Stages(string path)
    {
        var reader = new LbTools.Core.Logs.AccessLogReader(new LbTools.Core.Logs.AccessLogReadOptions(), NullOperationSink.Instance);
        var records = reader.ReadFiles(new[] { path }, CancellationToken.None).ToList();
        var culture = CultureInfo.GetCultureInfo("en");
        for (int run = 0; run < 3; run++)
        {
            var resolver = new LbTools.Core.Diagnosis.StatusResolver(LbTools.Core.Diagnosis.CauseCatalog.BuiltIn, culture);
            var watch = Stopwatch.StartNew();
            int n = 0;
            foreach (var record in records)
            {
                if (resolver.Resolve(record) != null)
                {
                    n++;
                }
            }

            double resolve = watch.Elapsed.TotalMilliseconds;
            var aggregator = new TriageAggregator(new TriageOptions { Culture = culture }, new LbTools.Core.Diagnosis.StatusResolver(LbTools.Core.Diagnosis.CauseCatalog.BuiltIn, culture));
            watch.Restart();
            foreach (var record in records)
            {
                aggregator.Add(record);
            }

            Console.WriteLine($"{records.Count:N0} records, {n:N0} diagnosed: resolver alone {resolve:N0} ms ({resolve * 1000 / Math.Max(1, n):N1} us each), aggregator {watch.Elapsed.TotalMilliseconds:N0} ms");
        }
    }

    public static void Memory(int lines, int threads)
    {
        var file = Path.Combine(Path.GetTempPath(), $"lbtools-triage-memory-{Environment.ProcessId}.log");
        try
        {
            LogGenerator.Write(file, lines, LogGenerator.AlbLine);
            GC.Collect();
            var watch = Stopwatch.StartNew();
            Triage(new[] { file }, threads, fast: true);
            using var self = Process.GetCurrentProcess();
            self.Refresh();
            Console.WriteLine($"triage of {lines:N0} lines on {threads} thread(s): {watch.Elapsed.TotalSeconds:N1} s, peak working set {self.PeakWorkingSet64 / 1048576.0:N0} MiB");
        }
        finally
        {
            System.IO.File.Delete(file);
        }
    }

    private static long Triage(string[] files, int threads, bool fast)
    {
        var options = new TriageOptions { Threads = threads, FastPath = fast, Culture = CultureInfo.GetCultureInfo("en") };
        var report = new TriageRunner(options, NullOperationSink.Instance).Run(files, CancellationToken.None);
        return report.Totals.LinesRead;
    }

    private static long External(string program, string? awkProgram, string file)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (awkProgram != null)
        {
            info.ArgumentList.Add(awkProgram);
            info.ArgumentList.Add(file);
        }
        else
        {
            // GoAccess parses every line with its AWS ALB preset and writes its JSON report.
            foreach (var a in new[] { file, "--log-format=AWSALB", "--no-progress", "-o", Path.ChangeExtension(file, ".goaccess.json") })
            {
                info.ArgumentList.Add(a);
            }
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} exited {process.ExitCode}: {stderr.Result}");
        }

        return stdout.Result.Length;
    }

    /// <summary>Cuts the file into <paramref name="count"/> files of consecutive lines, streaming (the 1 M-line file is 570 MiB).</summary>
    private static string[] Split(string file, string folder, int count)
    {
        long total = System.IO.File.ReadLines(file).LongCount();
        long per = (total + count - 1) / count;
        var paths = new string[count];
        using var lines = System.IO.File.ReadLines(file).GetEnumerator();
        for (int i = 0; i < count; i++)
        {
            paths[i] = Path.Combine(folder, $"part-{i}.log");
            using var writer = new StreamWriter(paths[i]) { NewLine = "\n" };
            for (long n = 0; n < per && lines.MoveNext(); n++)
            {
                writer.WriteLine(lines.Current);
            }
        }

        return paths;
    }
}
