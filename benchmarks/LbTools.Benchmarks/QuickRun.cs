using System.Diagnostics;
using LbTools.Core.Common;
using LbTools.Core.Logs;

namespace LbTools.Benchmarks;

/// <summary>
/// "--quick": a Stopwatch measurement for a fast number on a shared machine. Each case runs
/// three times after one warm-up; the best run is printed (lines/s on one parsing thread unless
/// a case says ParseThreads; a .gz is always decompressed on a thread of its own).
/// </summary>
public static class QuickRun
{
    public static void Run(int lines, string folder)
    {
        Directory.CreateDirectory(folder);
        var alb = Path.Combine(folder, "alb.log");
        var albGz = Path.Combine(folder, "alb.log.gz");
        var nginx = Path.Combine(folder, "nginx.log");
        var sls = Path.Combine(folder, "sls.jsonl");
        LogGenerator.Write(alb, lines, LogGenerator.AlbLine);
        LogGenerator.Write(sls, lines, LogGenerator.SlsJsonLine);
        LogGenerator.Write(albGz, lines, LogGenerator.AlbLine);
        LogGenerator.Write(nginx, lines, LogGenerator.NginxUpstreamLine);
        Console.WriteLine($"AWS lines are cut by the {LbTools.Core.Logs.Aws.AwsFieldFinders.Description} ({LbTools.Core.Logs.Aws.AwsFieldFinders.DisableVariable} turns the vector one off)");
        Console.WriteLine($"{lines:N0} lines; alb.log {new FileInfo(alb).Length / 1048576.0:N1} MiB, alb.log.gz {new FileInfo(albGz).Length / 1048576.0:N1} MiB, nginx.log {new FileInfo(nginx).Length / 1048576.0:N1} MiB");

        int cores = Environment.ProcessorCount;
        Measuring.Best("naive ReadLines+Split (reference)", lines, () => File.ReadLines(alb).Sum(l => l.Split(' ').Length > 10 ? 1 : 0));
        Measuring.Best("AWS ALB full parse (plain)", lines, () => ReadAll(alb, LogFormat.AwsAlb, 1, touch: true));
        Measuring.Best("AWS ALB full parse, status only read", lines, () => ReadAll(alb, LogFormat.AwsAlb, 1, touch: false));
        Measuring.Best($"AWS ALB full parse (plain), ParseThreads={cores}", lines, () => ReadAll(alb, LogFormat.AwsAlb, cores, touch: true));
        Measuring.Best("GZipStream decode only", lines, () => Measuring.DecodeOnly(albGz));
        Measuring.Best("AWS ALB full parse (.gz)", lines, () => ReadAll(albGz, LogFormat.AwsAlb, 1, touch: true));
        Measuring.Best("AWS ALB full parse (.gz), status only read", lines, () => ReadAll(albGz, LogFormat.AwsAlb, 1, touch: false));
        Measuring.Best($"AWS ALB full parse (.gz), ParseThreads={cores}", lines, () => ReadAll(albGz, LogFormat.AwsAlb, cores, touch: true));
        Measuring.Best($"AWS ALB full parse (.gz), status only, ParseThreads={cores}", lines, () => ReadAll(albGz, LogFormat.AwsAlb, cores, touch: false));
        Measuring.Best("nginx upstream preset", lines, () => ReadAll(nginx, LogFormat.Nginx, 1, touch: true, nginxFormat: "upstream"));
        Measuring.Best($"nginx upstream preset, ParseThreads={cores}", lines, () => ReadAll(nginx, LogFormat.Nginx, cores, touch: true, nginxFormat: "upstream"));
        Measuring.Best("Alibaba SLS JSON lines", lines, () => ReadAll(sls, LogFormat.AlibabaSlsJson, 1, touch: true));

        var copies = Enumerable.Range(0, cores * 2).Select(i => alb).ToArray();
        var gzCopies = Enumerable.Range(0, cores * 2).Select(i => albGz).ToArray();
        Measuring.Best($"AWS ALB {copies.Length} files, one thread", lines * copies.Length, () => ReadMany(copies, 1));
        Measuring.Best($"AWS ALB {copies.Length} files, ParseThreads={cores}", lines * copies.Length, () => ReadMany(copies, cores));
        Measuring.Best($"AWS ALB {copies.Length} .gz files, one thread", lines * copies.Length, () => ReadMany(gzCopies, 1));
        Measuring.Best($"AWS ALB {copies.Length} .gz files, ParseThreads={cores}", lines * copies.Length, () => ReadMany(gzCopies, cores));
        Measuring.Best($"AWS ALB {copies.Length} files -Status 5xx, one thread", lines * copies.Length, () => ReadMany(copies, 1, "5xx"));
        Measuring.Best($"AWS ALB {copies.Length} files -Status 5xx, ParseThreads={cores}", lines * copies.Length, () => ReadMany(copies, cores, "5xx"));

        // An ALB writes a file per node every five minutes: 40 files of a fortieth each, the case
        // files read side by side are for (with a filter, ParseThreads > 1).
        var slices = Enumerable.Range(0, 40).Select(i => Path.Combine(folder, $"slice-{i:D2}.log")).ToArray();
        var gzSlices = slices.Select(s => s + ".gz").ToArray();
        for (int i = 0; i < slices.Length; i++)
        {
            LogGenerator.Write(slices[i], lines / slices.Length, LogGenerator.AlbLine, seed: i);
            LogGenerator.Write(gzSlices[i], lines / slices.Length, LogGenerator.AlbLine, seed: i);
        }

        int sliced = lines / slices.Length * slices.Length;
        Measuring.Best("AWS ALB 40 files -Status 5xx, one thread", sliced, () => ReadMany(slices, 1, "5xx"));
        Measuring.Best($"AWS ALB 40 files -Status 5xx, ParseThreads={cores} (side by side)", sliced, () => ReadMany(slices, cores, "5xx"));
        Measuring.Best("AWS ALB 40 .gz files -Status 5xx, one thread", sliced, () => ReadMany(gzSlices, 1, "5xx"));
        Measuring.Best($"AWS ALB 40 .gz files -Status 5xx, ParseThreads={cores} (side by side)", sliced, () => ReadMany(gzSlices, cores, "5xx"));

        long before = GC.GetTotalMemory(forceFullCollection: true);
        ReadAll(alb, LogFormat.AwsAlb, 1, touch: true);
        Console.WriteLine($"managed heap after a full read: {(GC.GetTotalMemory(forceFullCollection: true) - before) / 1024.0:N0} KiB retained; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:N0} MiB");
    }

    public static void MemoryRun(string path, int lines, int threads)
    {
        var watch = Stopwatch.StartNew();
        ReadAll(path, LogFormat.AwsAlb, threads, touch: true);
        var process = Process.GetCurrentProcess();
        Console.WriteLine($"{lines:N0} lines, {new FileInfo(path).Length / 1048576.0:N0} MiB, ParseThreads={threads}: read in {watch.Elapsed.TotalSeconds:N1} s, peak working set {process.PeakWorkingSet64 / 1048576.0:N0} MiB");
    }

    public static void ReadRuns(string path, int runs, int threads, string? status)
    {
        for (int i = 0; i < runs; i++)
        {
            int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
            var paused = GC.GetTotalPauseDuration();
            var watch = Stopwatch.StartNew();
            long sum = status == null ? ReadAll(path, LogFormat.AwsAlb, threads, touch: true) : ReadMany(new[] { path }, threads, status == "all" ? null : status);
            Console.WriteLine($"run {i + 1}: {watch.Elapsed.TotalMilliseconds:N0} ms (checksum {sum}); GCs {GC.CollectionCount(0) - gen0}/{GC.CollectionCount(1) - gen1}/{GC.CollectionCount(2) - gen2}, paused {(GC.GetTotalPauseDuration() - paused).TotalMilliseconds:N0} ms");
        }
    }

    /// <summary>Many files in one read, `Status` read: what a file costs besides its lines.</summary>
    public static void ReadFolderRuns(string[] files, int runs, int threads, string? status)
    {
        for (int i = 0; i < runs; i++)
        {
            int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
            var watch = Stopwatch.StartNew();
            long sum = ReadMany(files, threads, status);
            Console.WriteLine($"run {i + 1}: {files.Length:N0} files in {watch.Elapsed.TotalMilliseconds:N0} ms ({watch.Elapsed.TotalMilliseconds * 1000 / files.Length:N0} µs a file; checksum {sum}); GCs {GC.CollectionCount(0) - gen0}/{GC.CollectionCount(1) - gen1}/{GC.CollectionCount(2) - gen2}");
        }
    }

    /// <summary>The "Alibaba SLS JSON lines" case alone: best of several runs, and managed bytes allocated per line.</summary>
    public static void SlsRuns(string path, int lines, int runs)
    {
        ReadAll(path, LogFormat.AlibabaSlsJson, 1, touch: true);
        double best = double.MaxValue;
        long allocated = long.MaxValue;
        for (int i = 0; i < runs; i++)
        {
            long before = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            ReadAll(path, LogFormat.AlibabaSlsJson, 1, touch: true);
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
            allocated = Math.Min(allocated, GC.GetTotalAllocatedBytes(precise: true) - before);
        }

        Console.WriteLine($"Alibaba SLS JSON lines {lines / best / 1e6,8:N3} M lines/s  ({best * 1000:N0} ms, {best * 1e9 / lines:N0} ns/line), {allocated / (double)lines:N0} bytes allocated per line");
    }

    private static long ReadAll(string path, LogFormat format, int threads, bool touch, string? nginxFormat = null)
    {
        var reader = new AccessLogReader(new AccessLogReadOptions { Format = format, NginxLogFormat = nginxFormat, ParseThreads = threads }, NullOperationSink.Instance);
        long sum = 0;
        foreach (var record in reader.ReadFiles(new[] { path }, CancellationToken.None))
        {
            sum += record.Status ?? 0;
            if (touch)
            {
                sum += (record.Upstream?.Length ?? 0) + (record.Path?.Length ?? 0) + (record.Time?.Ticks & 1 ?? 0) + (long)((record.RequestTime ?? 0) * 1000);
            }
        }

        return sum;
    }

    private static long ReadMany(string[] paths, int threads, string? status = null)
    {
        var options = new AccessLogReadOptions { Format = LogFormat.AwsAlb, ParseThreads = threads };
        if (status != null)
        {
            // Filtered in Core, as Get-LbAccessLog -Status does: most lines never become records.
            options.Filter.AddStatus(status);
        }

        var reader = new AccessLogReader(options, NullOperationSink.Instance);
        long sum = 0;
        foreach (var record in reader.ReadFiles(paths, CancellationToken.None))
        {
            sum += record.Status ?? 0;
        }

        return sum;
    }
}
