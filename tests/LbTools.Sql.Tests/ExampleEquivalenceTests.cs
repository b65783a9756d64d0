using LbTools.Core.Logs;

namespace LbTools.Sql.Tests;

/// <summary>
/// The DuckDB triage query over the bundled examples gives the in-process triage's counts:
/// window, incidents (status x cause x backend), intervals and backends.
/// </summary>
public sealed class ExampleEquivalenceTests
{
    public static TheoryData<LbProvider, string> Examples => new()
    {
        { LbProvider.AwsAlb, "aws-alb" },
        { LbProvider.AwsClb, "aws-clb" },
        { LbProvider.CloudFront, "cloudfront" },
        { LbProvider.AlibabaAlb, "alibaba-alb" },
        { LbProvider.AlibabaClb, "alibaba-clb" },
    };

    internal static string[] Files(string folder) =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "examples", folder)).OrderBy(f => f, StringComparer.Ordinal).ToArray();

    [Theory]
    [MemberData(nameof(Examples))]
    public void The_window_row_counts_every_record_the_triage_counts(LbProvider provider, string folder)
    {
        var run = TriageComparison.Run(provider, Files(folder));
        Assert.Equal(0, run.Report.Totals.Rejected);
        var (requests, first, last) = run.SqlWindow();
        Assert.True(run.Report.Totals.Requests > 0);
        Assert.Equal(run.Report.Totals.Requests, requests);
        Assert.Equal(run.Report.FirstRecord, first);
        Assert.Equal(run.Report.LastRecord, last);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Incidents_by_status_and_backend_match(LbProvider provider, string folder)
    {
        var run = TriageComparison.Run(provider, Files(folder));
        var expected = TriageComparison.ByStatusAndBackend(run.ProcessIncidents());
        Assert.NotEmpty(expected);
        Assert.Equal(expected, TriageComparison.ByStatusAndBackend(run.SqlIncidents()));
        Assert.Equal(TriageComparison.ByStatusAndBackend(run.ProcessIntervals()), TriageComparison.ByStatusAndBackend(run.SqlIntervals()));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Incidents_match_cause_by_cause(LbProvider provider, string folder)
    {
        var run = TriageComparison.Run(provider, Files(folder));
        Assert.Equal(run.ProcessIncidents(), run.SqlIncidents());
        Assert.Equal(run.ProcessIntervals(), run.SqlIntervals());
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Backend_rows_match(LbProvider provider, string folder)
    {
        var run = TriageComparison.Run(provider, Files(folder));
        Assert.Equal(run.ProcessBackends(), run.SqlBackends());
    }
}
