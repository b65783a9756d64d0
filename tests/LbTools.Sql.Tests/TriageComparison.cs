using LbTools.Core.Common;
using LbTools.Core.Logs;
using LbTools.Core.Queries;
using LbTools.Core.Triage;

namespace LbTools.Sql.Tests;

/// <summary>
/// Runs the same files through the in-process triage (TriageRunner) and through the DuckDB
/// triage query, and holds both sides' counts keyed alike so a test can compare them.
/// </summary>
internal sealed class TriageComparison
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private TriageComparison(TriageReport report, List<Dictionary<string, object?>> rows, LbQuery query)
    {
        Report = report;
        Rows = rows;
        Query = query;
    }

    public TriageReport Report { get; }

    public List<Dictionary<string, object?>> Rows { get; }

    public LbQuery Query { get; }

    public static TriageComparison Run(LbProvider provider, IReadOnlyList<string> files, DateTimeOffset? since = null, DateTimeOffset? until = null)
    {
        var options = new TriageOptions { Interval = Interval, Since = since, Until = until, MaxIntervals = 100_000, MaxIncidents = 100_000, MaxBackends = 100_000, Threads = 2 };
        // The query has no cap on incidents or backends; the in-process caps (memory bounds) are lifted to compare.
        var report = new TriageRunner(options, NullOperationSink.Instance).Run(files, CancellationToken.None);
        var query = QueryWriter.Write(new QueryRequest
        {
            Engine = QueryEngine.DuckDb,
            Provider = provider,
            Kind = QueryKind.Triage,
            Paths = files,
            Since = since,
            Until = until,
            Interval = Interval,
        });
        return new TriageComparison(report, DuckDb.Query(query.Text), query);
    }

    private IEnumerable<Dictionary<string, object?>> Kind(string kind) => Rows.Where(r => (string)r["row_kind"]! == kind);

    public (long Requests, DateTimeOffset? First, DateTimeOffset? Last) SqlWindow()
    {
        var row = Assert.Single(Kind("window"));
        return (DuckDb.Long(row["requests"]), DuckDb.Time(row["first_seen"]), DuckDb.Time(row["last_seen"]));
    }

    /// <summary>"status cause backend" -> count, from the SQL incident rows.</summary>
    public SortedDictionary<string, long> SqlIncidents() =>
        new(Kind("incident").ToDictionary(r => Key(DuckDb.Int(r["status"]), (string?)r["cause"], (string?)r["backend"]), r => DuckDb.Long(r["requests"])), StringComparer.Ordinal);

    public SortedDictionary<string, long> ProcessIncidents() =>
        new(Report.Incidents.ToDictionary(i => Key(i.Key.Status, i.Key.Cause, i.Key.Backend), i => i.Count), StringComparer.Ordinal);

    /// <summary>"status cause backend @start" -> count.</summary>
    public SortedDictionary<string, long> SqlIntervals() =>
        new(Kind("interval").ToDictionary(r => Key(DuckDb.Int(r["status"]), (string?)r["cause"], (string?)r["backend"]) + " @" + DuckDb.Time(r["interval_start"])!.Value.ToString("O"), r => DuckDb.Long(r["requests"])), StringComparer.Ordinal);

    public SortedDictionary<string, long> ProcessIntervals()
    {
        var result = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var incident in Report.Incidents)
        {
            for (int i = 0; i < incident.CountsByInterval.Count; i++)
            {
                if (incident.CountsByInterval[i] > 0)
                {
                    result[Key(incident.Key.Status, incident.Key.Cause, incident.Key.Backend) + " @" + Report.Timeline[i].Start.ToString("O")] = incident.CountsByInterval[i];
                }
            }
        }

        return result;
    }

    public SortedDictionary<string, long> SqlBackends() =>
        new(Kind("backend").ToDictionary(r => (string)r["backend"]!, r => DuckDb.Long(r["requests"])), StringComparer.Ordinal);

    public SortedDictionary<string, long> ProcessBackends() =>
        new(Report.Backends.Where(b => b.Address != null).ToDictionary(b => b.Address!, b => b.Requests), StringComparer.Ordinal);

    /// <summary>Counts by status alone (the cause placeholder aside: what must agree already).</summary>
    public static SortedDictionary<string, long> ByStatusAndBackend(SortedDictionary<string, long> incidents) =>
        new(incidents.GroupBy(p => StatusAndBackend(p.Key), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(p => p.Value)), StringComparer.Ordinal);

    private static string StatusAndBackend(string key)
    {
        var parts = key.Split(' ');
        return parts[0] + " " + string.Join(" ", parts.Skip(2));
    }

    private static string Key(int? status, string? cause, string? backend) => $"{status?.ToString() ?? "-"} {cause ?? "-"} {backend ?? "-"}";
}
