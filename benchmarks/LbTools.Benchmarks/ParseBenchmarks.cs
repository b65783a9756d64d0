using BenchmarkDotNet.Attributes;
using LbTools.Core.Common;
using LbTools.Core.Logs;

namespace LbTools.Benchmarks;

/// <summary>BenchmarkDotNet cases over generated files (created once per run under the temp folder).</summary>
[MemoryDiagnoser]
public class ParseBenchmarks
{
    private string _alb = string.Empty;
    private string _albGz = string.Empty;
    private string _nginx = string.Empty;

    [Params(200_000)]
    public int Lines { get; set; }

    /// <summary>AccessLogReadOptions.ParseThreads (-ThrottleLimit): one, or every core.</summary>
    [ParamsSource(nameof(ThreadCounts))]
    public int ParseThreads { get; set; }

    public static IEnumerable<int> ThreadCounts => Environment.ProcessorCount > 1 ? new[] { 1, Environment.ProcessorCount } : new[] { 1 };

    [GlobalSetup]
    public void Setup()
    {
        var folder = Path.Combine(Path.GetTempPath(), "lbtools-bench");
        Directory.CreateDirectory(folder);
        _alb = Path.Combine(folder, $"alb-{Lines}.log");
        _albGz = _alb + ".gz";
        _nginx = Path.Combine(folder, $"nginx-{Lines}.log");
        LogGenerator.Write(_alb, Lines, LogGenerator.AlbLine);
        LogGenerator.Write(_albGz, Lines, LogGenerator.AlbLine);
        LogGenerator.Write(_nginx, Lines, LogGenerator.NginxUpstreamLine);
    }

    [Benchmark(Baseline = true)]
    public long NaiveReadLinesSplit() => File.ReadLines(_alb).Sum(l => l.Split(' ').Length > 10 ? 1 : 0);

    [Benchmark]
    public long AwsAlbPlain() => Read(_alb, LogFormat.AwsAlb, null);

    [Benchmark]
    public long AwsAlbGzip() => Read(_albGz, LogFormat.AwsAlb, null);

    [Benchmark]
    public long NginxUpstream() => Read(_nginx, LogFormat.Nginx, "upstream");

    private long Read(string path, LogFormat format, string? nginx)
    {
        var reader = new AccessLogReader(new AccessLogReadOptions { Format = format, NginxLogFormat = nginx, ParseThreads = ParseThreads }, NullOperationSink.Instance);
        long sum = 0;
        foreach (var record in reader.ReadFiles(new[] { path }, CancellationToken.None))
        {
            sum += (record.Status ?? 0) + (record.Upstream?.Length ?? 0);
        }

        return sum;
    }
}
