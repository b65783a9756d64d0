using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using LbTools.Core.Common;
using LbTools.Core.Logs;
using LbTools.Core.Queries;
using LbTools.Core.Tests.Support;
using LbTools.Core.Triage;

namespace LbTools.Core.Tests.Queries;

/// <summary>
/// A result embedded DuckDB wrote (through tests/tools/LbTools.DuckDbRun) read back and compared
/// with the in-process triage of the same logs. The query is tests/Shared/queries/
/// aws-alb-triage.duckdb.sql, written by hand; its cause CASE covers the bundled ALB examples only.
/// </summary>
public class DuckDbQueryResultTests
{
    private static string Examples(string folder) => Path.Combine(AppContext.BaseDirectory, "examples", folder);

    /// <summary>Runs LbTools.DuckDbRun on the SQL text and returns the CSV path; fails the test with DuckDB's message.</summary>
    internal static string RunDuckDb(TempDirectory dir, string sql)
    {
        var tool = typeof(DuckDbQueryResultTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "DuckDbRun").Value!;
        var query = dir.File("query.sql", sql);
        var output = Path.Combine(dir.Path, "result.csv");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(tool);
        start.ArgumentList.Add(query);
        start.ArgumentList.Add(output);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("LbTools.DuckDbRun did not end within 120 s.");
        }

        Assert.True(process.ExitCode == 0, $"LbTools.DuckDbRun exited {process.ExitCode}: {error.Result}{stdout.Result}");
        return output;
    }

    internal static string AlbQuery(string logsGlob, int intervalSeconds) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "queries", "aws-alb-triage.duckdb.sql"))
            .Replace("{logs}", logsGlob.Replace("'", "''"), StringComparison.Ordinal)
            .Replace("{interval}", intervalSeconds.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    [Fact]
    public void A_duckdb_result_of_the_alb_examples_reads_back_into_the_incidents_the_in_process_triage_finds()
    {
        using var dir = new TempDirectory();
        var csv = RunDuckDb(dir, AlbQuery(Path.Combine(Examples("aws-alb"), "*"), 300));
        var options = new TriageOptions { Culture = CultureInfo.GetCultureInfo("en"), Threads = 1 };
        var sink = new CollectingSink();

        var fromQuery = new QueryResultReader(options, LbProvider.AwsAlb, sink).Read(new[] { csv }, CancellationToken.None);
        var files = AccessLogReader.ExpandFiles(Examples("aws-alb"), recurse: true, NullOperationSink.Instance).ToList();
        var inProcess = new TriageRunner(options, new CollectingSink()).Run(files, CancellationToken.None);

        Assert.Empty(sink.Errors);
        Assert.Equal(inProcess.Totals.Requests, fromQuery.Totals.Requests);
        Assert.Equal(inProcess.Totals.ServerErrors, fromQuery.Totals.ServerErrors);
        Assert.Equal(inProcess.Totals.ClientErrors, fromQuery.Totals.ClientErrors);
        Assert.Equal(inProcess.Totals.Diagnosed, fromQuery.Totals.Diagnosed);
        Assert.Equal(inProcess.FirstRecord, fromQuery.FirstRecord);
        Assert.Equal(inProcess.LastRecord, fromQuery.LastRecord);
        Assert.Equal(
            inProcess.Incidents.Select(i => (i.Status, i.Cause, i.Backend, i.Count, i.FirstSeen, i.LastSeen)),
            fromQuery.Incidents.Select(i => (i.Status, i.Cause, i.Backend, i.Count, i.FirstSeen, i.LastSeen)));
        Assert.Equal(
            inProcess.Incidents.Select(i => string.Join(",", i.Causes.Select(c => c.Title))),
            fromQuery.Incidents.Select(i => string.Join(",", i.Causes.Select(c => c.Title))));
        foreach (var (mine, theirs) in inProcess.Incidents.Zip(fromQuery.Incidents).Where(p => p.First.Backend != null))
        {
            Assert.Equal(mine.TopPaths.Select(p => (p.Path, p.Count)), theirs.TopPaths.Select(p => (p.Path, p.Count)));
        }

        Assert.Equal(
            inProcess.Backends.Select(b => (b.Address, b.Requests, b.ServerErrors, b.ClientErrors)),
            fromQuery.Backends.Select(b => (b.Address, b.Requests, b.ServerErrors, b.ClientErrors)));
        Assert.Equal(inProcess.ImplicatedBackends, fromQuery.ImplicatedBackends);
        Assert.Equal(inProcess.Verdict.Outcome, fromQuery.Verdict.Outcome);
        Assert.Equal(inProcess.Verdict.WorstIncident!.Key, fromQuery.Verdict.WorstIncident!.Key);
        Assert.Equal(inProcess.Checklist.Select(s => s.Text), fromQuery.Checklist.Select(s => s.Text));
        // Every incident's count is spread over the timeline's intervals without loss.
        Assert.All(fromQuery.Incidents, i => Assert.Equal(i.Count, i.CountsByInterval.Sum()));
    }
}
