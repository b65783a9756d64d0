using LbTools.Core.Logs;
using LbTools.Tests.Shared;

namespace LbTools.Sql.Tests;

/// <summary>One million generated lines per format, written once for the class and deleted after it.</summary>
public sealed class GeneratedLogs : IDisposable
{
    public const int Lines = 1_000_000;

    public GeneratedLogs()
    {
        Folder = Directory.CreateTempSubdirectory("lbtools-sql-").FullName;
        Alb = Path.Combine(Folder, "alb.log");
        Sls = Path.Combine(Folder, "alb_layer7_access_log.jsonl");
        LogGenerator.Write(Alb, Lines, LogGenerator.AlbLine);
        LogGenerator.Write(Sls, Lines, LogGenerator.SlsJsonLine, seed: 7);
    }

    public string Folder { get; }

    public string Alb { get; }

    public string Sls { get; }

    private readonly Dictionary<LbProvider, TriageComparison> _runs = new();

    /// <summary>The whole-file run of a provider, made once and shared by the tests that read it.</summary>
    internal TriageComparison Run(LbProvider provider)
    {
        lock (_runs)
        {
            if (!_runs.TryGetValue(provider, out var run))
            {
                run = TriageComparison.Run(provider, new[] { provider == LbProvider.AwsAlb ? Alb : Sls });
                _runs[provider] = run;
            }

            return run;
        }
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}

/// <summary>The DuckDB triage query over a million generated lines gives the in-process counts.</summary>
public sealed class GeneratedLogTests : IClassFixture<GeneratedLogs>
{
    private readonly GeneratedLogs _logs;

    public GeneratedLogTests(GeneratedLogs logs)
    {
        _logs = logs;
    }

    public static TheoryData<LbProvider> Providers => new() { LbProvider.AwsAlb, LbProvider.AlibabaAlb };

    private string FileOf(LbProvider provider) => provider == LbProvider.AwsAlb ? _logs.Alb : _logs.Sls;

    [Theory]
    [MemberData(nameof(Providers))]
    public void A_million_lines_give_the_same_status_backend_and_interval_counts(LbProvider provider)
    {
        var run = _logs.Run(provider);
        Assert.Equal(GeneratedLogs.Lines, run.Report.Totals.Requests);
        Assert.Equal(run.Report.Totals.Requests, run.SqlWindow().Requests);
        var incidents = TriageComparison.ByStatusAndBackend(run.ProcessIncidents());
        Assert.True(incidents.Values.Sum() > 100_000, "the generator writes about 18 % errors");
        Assert.Equal(incidents, TriageComparison.ByStatusAndBackend(run.SqlIncidents()));
        Assert.Equal(TriageComparison.ByStatusAndBackend(run.ProcessIntervals()), TriageComparison.ByStatusAndBackend(run.SqlIntervals()));
        Assert.Equal(run.ProcessBackends(), run.SqlBackends());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void A_window_inside_the_logs_counts_the_same_records(LbProvider provider)
    {
        // The generator starts at 2026-11-01 00:00 UTC and steps 0-4 ms a line: about 33 minutes.
        var since = new DateTimeOffset(2026, 11, 1, 0, 7, 30, TimeSpan.Zero);
        var until = new DateTimeOffset(2026, 11, 1, 0, 21, 15, 500, TimeSpan.Zero);
        var run = TriageComparison.Run(provider, new[] { FileOf(provider) }, since, until);
        var (requests, first, last) = run.SqlWindow();
        Assert.InRange(requests, 1, GeneratedLogs.Lines - 1);
        Assert.Equal(run.Report.Totals.Requests, requests);
        Assert.Equal(run.Report.FirstRecord, first);
        Assert.Equal(run.Report.LastRecord, last);
        Assert.Equal(TriageComparison.ByStatusAndBackend(run.ProcessIncidents()), TriageComparison.ByStatusAndBackend(run.SqlIncidents()));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void A_million_lines_match_cause_by_cause(LbProvider provider)
    {
        var run = _logs.Run(provider);
        Assert.Equal(run.ProcessIncidents(), run.SqlIncidents());
        Assert.Equal(run.ProcessIntervals(), run.SqlIntervals());
    }
}
