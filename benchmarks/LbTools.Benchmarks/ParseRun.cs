using System.Diagnostics;
using System.Globalization;
using LbTools.Core.Common;
using LbTools.Core.Logs;

namespace LbTools.Benchmarks;

/// <summary>
/// "--parse lines folder [runs]": the parse throughput of each format whose numbers and times
/// are read from field text (AWS ALB, AWS CLB, nginx combined, Alibaba SLS JSON), one parsing
/// thread, every numeric field read. The files are generated into <c>folder</c> once and kept,
/// so two builds can be run against the same bytes one after the other (A B A B ...). Each
/// format is read once to warm up, then <c>runs</c> times; the best and the median wall-clock
/// rate and the best CPU time (all threads of the process) are printed, one line a format.
/// </summary>
public static class ParseRun
{
    private static readonly (string Name, string File, LogFormat Format, string? Nginx, Func<Random, DateTime, string> Line)[] Cases =
    {
        ("aws-alb", "alb", LogFormat.AwsAlb, null, LogGenerator.AlbLine),
        ("aws-clb", "clb", LogFormat.AwsClb, null, LogGenerator.ClbLine),
        ("nginx-combined", "nginx-combined", LogFormat.Nginx, "combined", LogGenerator.NginxCombinedLine),
        ("alibaba-sls", "sls", LogFormat.AlibabaSlsJson, null, LogGenerator.SlsJsonLine),
    };

    /// <summary>The sum of every number read, kept so that no read can be optimised away.</summary>
    public static double Checksum { get; private set; }

    public static void Run(int lines, string folder, int runs)
    {
        Directory.CreateDirectory(folder);
        Console.WriteLine($"{lines:N0} lines a format, {runs} runs after a warm-up, one parsing thread");
        foreach (var c in Cases)
        {
            var path = Path.Combine(folder, $"{c.File}-{lines}.log");
            if (!File.Exists(path))
            {
                // Written under another name first: a run stopped halfway leaves no short file behind.
                var partial = path + ".partial";
                LogGenerator.Write(partial, lines, c.Line);
                File.Move(partial, path, overwrite: true);
            }

            Read(path, c.Format, c.Nginx);
            var rates = new double[runs];
            double bestCpu = double.MaxValue;
            using var process = Process.GetCurrentProcess();
            for (int i = 0; i < runs; i++)
            {
                process.Refresh();
                var cpu = process.TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                long read = Read(path, c.Format, c.Nginx);
                rates[i] = read / watch.Elapsed.TotalSeconds;
                process.Refresh();
                bestCpu = Math.Min(bestCpu, (process.TotalProcessorTime - cpu).TotalMilliseconds);
                if (read != lines)
                {
                    throw new InvalidOperationException($"{path}: {read:N0} records of {lines:N0} lines; the generator and the parser disagree");
                }
            }

            Array.Sort(rates);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"parse {c.Name,-15} best {rates[^1] / 1e6:F3} median {rates[runs / 2] / 1e6:F3} M lines/s, CPU best {bestCpu:F0} ms"));
        }
    }

    /// <summary>One read of the file; every number the parsers produce is touched. Returns the number of records.</summary>
    private static long Read(string path, LogFormat format, string? nginx)
    {
        var reader = new AccessLogReader(new AccessLogReadOptions { Format = format, NginxLogFormat = nginx, ParseThreads = 1 }, NullOperationSink.Instance);
        long count = 0;
        double sum = 0;
        foreach (var record in reader.ReadFiles(new[] { path }, CancellationToken.None))
        {
            count++;
            sum += (record.Status ?? 0) + (record.UpstreamStatus ?? 0) + (record.BytesSent ?? 0) + (record.BytesReceived ?? 0) + (record.ClientPort ?? 0)
                + (record.RequestTime ?? 0) + (record.UpstreamHeaderTime ?? 0) + (record.Time?.Ticks & 1 ?? 0);
        }

        Checksum += sum;
        return count;
    }
}
