using System.Diagnostics;
using System.Globalization;
using LbTools.Core.Diagnosis;
using LbTools.Core.Logs;

namespace LbTools.Benchmarks.Diagnosis;

/// <summary>
/// --summary-memory N: Resolve + IncidentSummarizer over N generated error records (never stored),
/// then the process's peak working set. Flat memory means the same peak for 100k and 1M records.
/// </summary>
internal static class SummaryMemoryRun
{
    private static readonly int[] Statuses = { 502, 504, 503, 500 };

    public static void Run(int count)
    {
        var resolver = new StatusResolver(CauseCatalog.BuiltIn, CultureInfo.InvariantCulture);
        var summarizer = new IncidentSummarizer(CultureInfo.InvariantCulture);
        var start = new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.Zero);
        for (int i = 0; i < count; i++)
        {
            int status = Statuses[i % Statuses.Length];
            string upstream = $"10.0.{i % 7}.{i % 13}:8080";
            var record = new LbLogRecord
            {
                Provider = LbProvider.Nginx,
                Time = start.AddMilliseconds(i * 37L),
                Status = status,
                UpstreamStatus = status,
                UpstreamStatuses = new int?[] { status },
                Upstream = upstream,
                UpstreamAddresses = new[] { upstream },
                UpstreamConnectTime = i % 3 == 0 ? null : 0.001,
                UpstreamHeaderTime = i % 2 == 0 ? null : 0.020,
                UpstreamResponseTime = 0.5,
                Method = "GET",
                Path = "/api/item/" + (i % 5000).ToString(CultureInfo.InvariantCulture),
            };
            var diagnosis = resolver.Resolve(record);
            if (diagnosis != null)
            {
                summarizer.Add(diagnosis);
            }
        }

        var incidents = summarizer.Summaries();
        GC.Collect();
        Console.WriteLine($"{count:N0} records -> {incidents.Count} incidents; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576} MiB; managed heap after {GC.GetTotalMemory(true) / 1048576} MiB");
    }
}
