using System.Globalization;
using BenchmarkDotNet.Attributes;
using LbTools.Core.Diagnosis;
using LbTools.Core.Logs;

namespace LbTools.Benchmarks.Diagnosis;

/// <summary>
/// Resolve-LbStatus -Summary over many records: allocated bytes per run show whether memory stays
/// flat as the record count grows (it should grow with the records passed through, not with what is kept).
/// </summary>
[MemoryDiagnoser]
public class IncidentSummarizerBenchmarks
{
    private StatusResolver _resolver = null!;

    [Params(100_000, 1_000_000)]
    public int Records { get; set; }

    [GlobalSetup]
    public void Setup() => _resolver = new StatusResolver(CauseCatalog.BuiltIn, CultureInfo.InvariantCulture);

    [Benchmark]
    public int ResolveAndSummarize()
    {
        var summarizer = new IncidentSummarizer(CultureInfo.InvariantCulture);
        var start = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        for (int i = 0; i < Records; i++)
        {
            int status = i % 3 == 0 ? 504 : 502;
            var record = new LbLogRecord
            {
                Provider = LbProvider.Nginx,
                Time = start.AddMilliseconds(i),
                Status = status,
                UpstreamStatus = status,
                Upstream = "10.0.0." + (i % 20).ToString(CultureInfo.InvariantCulture) + ":8080",
                UpstreamConnectTime = status == 502 ? null : 0.001,
                UpstreamResponseTime = status == 502 ? 0.0 : 60.0,
                Path = "/item/" + (i % 50_000).ToString(CultureInfo.InvariantCulture),
                Fields = new Dictionary<string, string?> { ["upstream_header_time"] = "-" },
            };
            var diagnosis = _resolver.Resolve(record);
            if (diagnosis != null)
            {
                summarizer.Add(diagnosis);
            }
        }

        return summarizer.Summaries().Count;
    }
}
