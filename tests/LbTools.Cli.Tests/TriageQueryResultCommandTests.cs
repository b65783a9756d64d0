namespace LbTools.Cli.Tests;

/// <summary>lbtools triage --query-result: a triage query's CSV read into the same report, and the input it refuses.</summary>
public class TriageQueryResultCommandTests
{
    private const string Header = "row_kind,status,cause,backend,interval_start,requests,first_seen,last_seen,p50_seconds,p95_seconds,p99_seconds,top_paths";

    // 20 requests, 4 of them 5xx (3 refused connects at .21, 1 without a backend): 20 %.
    private const string Result = Header + "\n"
        + "window,,,,,20,2026-11-21 03:10:00,2026-11-21 03:19:00,,,,\n"
        + "incident,502,502.BackendConnectFailed,10.0.3.21:8080,,3,2026-11-21 03:12:05,2026-11-21 03:18:00,,,,\"{\"\"/api/cart\"\": 3}\"\n"
        + "incident,503,503.NoBackend,,,1,2026-11-21 03:15:00,2026-11-21 03:15:00,,,,\n"
        + "backend,,,10.0.3.21:8080,,15,2026-11-21 03:10:00,2026-11-21 03:19:00,0.01,0.05,0.2,\n";

    [Fact]
    public void A_query_result_prints_the_incidents_writes_the_report_and_sets_the_exit_code_from_the_threshold()
    {
        using var dir = new TempFolder();
        var csv = Path.Combine(dir.Path, "result.csv");
        File.WriteAllText(csv, Result);
        var md = Path.Combine(dir.Path, "r.md");

        var run = LbToolsProcess.Run("triage", "--query-result", csv, "--provider", "AwsAlb", "--threshold", "10", "--out", md);

        Assert.True(run.ExitCode == 3, run.Error + run.Out);
        Assert.Equal(string.Empty, run.Error);
        Assert.Contains("Read 4 row(s) of a query result from 1 file(s): 4 used, 0 rejected, 0 blank; 4 record(s) diagnosed by the query.", run.Out);
        Assert.Contains("20 requests in the window: 0 4xx, 4 5xx (20 %).", run.Out);
        Assert.Matches(@"(?m)^\s+3\s+15 %\s+502\s+502\.BackendConnectFailed\s+10\.0\.3\.21:8080", run.Out);
        Assert.Contains("Counts from a query result: 4 rows read", File.ReadAllText(md));
    }

    [Fact]
    public void Without_provider_or_with_log_paths_too_the_command_is_refused()
    {
        using var dir = new TempFolder();
        var csv = Path.Combine(dir.Path, "result.csv");
        File.WriteAllText(csv, Result);

        var noProvider = LbToolsProcess.Run("triage", "--query-result", csv);
        var withLogs = LbToolsProcess.Run("triage", LbToolsProcess.ExamplesFolder, "--query-result", csv, "--provider", "AwsAlb");

        Assert.Equal(2, noProvider.ExitCode);
        Assert.Contains("--query-result needs --provider", noProvider.Error);
        Assert.Equal(2, withLogs.ExitCode);
        Assert.Contains("give no log paths with it", withLogs.Error);
    }

    [Fact]
    public void A_bad_row_names_file_and_line_and_a_file_that_is_no_triage_result_names_the_file()
    {
        using var dir = new TempFolder();
        var bad = Path.Combine(dir.Path, "bad.csv");
        File.WriteAllText(bad, Result + "incident,504,,,,many,,,,,,\n");
        var other = Path.Combine(dir.Path, "other.csv");
        File.WriteAllText(other, "status,count\n502,3\n");

        var badRun = LbToolsProcess.Run("triage", "--query-result", bad, "--provider", "AwsAlb");
        var otherRun = LbToolsProcess.Run("triage", "--query-result", other, "--provider", "AwsAlb");

        Assert.Equal(1, badRun.ExitCode);
        Assert.Contains($"error QueryResultRowRejected: {bad}:6: requests 'many' is not a whole number", badRun.Error);
        Assert.Contains("1 rejected", badRun.Out);
        Assert.Equal(1, otherRun.ExitCode);
        Assert.Contains($"error: {other}: the query result has no column row_kind", otherRun.Error);
        Assert.DoesNotContain("Unhandled exception", otherRun.Error);
    }
}
