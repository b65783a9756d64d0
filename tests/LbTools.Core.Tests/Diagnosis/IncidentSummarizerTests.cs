using System.Globalization;
using LbTools.Core.Diagnosis.Counting;
using LbTools.Core.Diagnosis;
using LbTools.Core.Logs;
using static LbTools.Core.Tests.Support.DiagnosisFixtures;

namespace LbTools.Core.Tests.Diagnosis;

public class IncidentSummarizerTests
{
    private static readonly StatusResolver Resolver = new(CauseCatalog.BuiltIn, CultureInfo.GetCultureInfo("en"));

    [Fact]
    public void Groups_by_status_top_cause_and_upstream_with_counts_share_times_and_paths()
    {
        var summarizer = new IncidentSummarizer(CultureInfo.GetCultureInfo("en"));
        for (int i = 0; i < 6; i++)
        {
            var refused = Nginx(502, 502, connect: null, header: null);
            refused.Time = At.AddSeconds(i);
            refused.Path = i < 4 ? "/api/cart" : "/api/orders";
            summarizer.Add(Resolver.Resolve(refused)!);
        }

        var other = Nginx(503, 503);
        other.Upstream = "10.0.0.9:8080";
        summarizer.Add(Resolver.Resolve(other)!);

        var incidents = summarizer.Summaries();
        Assert.Equal(2, incidents.Count);
        var top = incidents[0];
        Assert.Equal((502, "502.BackendConnectFailed", Backend), (top.Status, top.TopCause, top.Upstream));
        Assert.Equal(6, top.Count);
        Assert.Equal(6.0 / 7, top.Share, 6);
        Assert.Equal(At, top.FirstSeen);
        Assert.Equal(At.AddSeconds(5), top.LastSeen);
        Assert.Equal("/api/cart", top.TopPaths[0].Path);
        Assert.Equal(4, top.TopPaths[0].Count);
        Assert.Equal(3, top.Samples.Count);
        Assert.Contains("502.TlsToBackendFailed", top.AlsoPossible);
        // Next steps: the cause's own checks, then the triage steps (scope first).
        Assert.Contains(top.NextSteps, s => s.Contains("Test-LbBackend"));
        Assert.Contains(top.NextSteps, s => s.StartsWith("Pin down the window", StringComparison.Ordinal));
    }

    [Fact]
    public void A_million_records_keep_group_state_bounded()
    {
        // Templates resolved once; the million records are generated here, never stored.
        var templates = new[]
        {
            Resolver.Resolve(Nginx(502, 502, connect: null, header: null))!,
            Resolver.Resolve(Nginx(504, 504, connect: 0.001, header: null, response: 60.0))!,
            Resolver.Resolve(Nginx(503, null, address: null))!,
        };
        var summarizer = new IncidentSummarizer(CultureInfo.GetCultureInfo("en"), maxGroups: 50, pathCapacity: 32, samplesPerGroup: 3);
        const int Records = 1_000_000;
        for (int i = 0; i < Records; i++)
        {
            var template = templates[i % templates.Length];
            var record = new LbLogRecord
            {
                Provider = LbProvider.Nginx,
                Status = template.Status,
                Time = At.AddMilliseconds(i),
                // Every 10th request hits /hot; the rest spread over 100,000 distinct paths.
                Path = i % 10 == 0 ? "/hot" : "/item/" + (i % 100_000).ToString(CultureInfo.InvariantCulture),
                // 200 upstreams: more than the 50 groups allowed, so the overflow group is used.
                Upstream = "10.1." + (i % 200 / 250).ToString(CultureInfo.InvariantCulture) + "." + (i % 200).ToString(CultureInfo.InvariantCulture) + ":80",
            };
            summarizer.Add(new StatusDiagnosis(template.Status, LbProvider.Nginx, template.Causes, record));
        }

        Assert.Equal(Records, summarizer.Total);
        // 50 regular groups plus at most one overflow group per (status, cause) template.
        Assert.InRange(summarizer.GroupCount, 1, 50 + templates.Length);
        var (paths, samples) = summarizer.LargestGroupState;
        Assert.True(paths <= 32, $"a group holds {paths} paths");
        Assert.True(samples <= 3, $"a group holds {samples} samples");
        var incidents = summarizer.Summaries();
        Assert.Equal(Records, incidents.Sum(s => s.Count));
        Assert.Contains(incidents, s => s.Upstream == IncidentSummarizer.OverflowUpstream);
        // The heavy hitter survives in the bounded counter of the largest group.
        var largest = incidents[0];
        Assert.Equal("/hot", largest.TopPaths[0].Path);
        Assert.InRange(largest.Share, 0.0, 1.0);
    }

    [Fact]
    public void Top_k_counter_never_holds_more_than_its_capacity_and_keeps_heavy_hitters()
    {
        var counter = new TopKCounter(4);
        for (int i = 0; i < 10_000; i++)
        {
            counter.Add(i % 3 == 0 ? "/heavy" : "/p" + i.ToString(CultureInfo.InvariantCulture));
        }

        Assert.Equal(4, counter.Size);
        var top = counter.Top(1)[0];
        Assert.Equal("/heavy", top.Path);
        // Space-Saving: the count is at least the true count (3,334) and at most true + error.
        Assert.True(top.Count >= 3334 && top.Count - top.Error <= 3334);
    }

    [Fact]
    public void Japanese_summaries_carry_japanese_titles_and_steps()
    {
        var ja = new StatusResolver(CauseCatalog.BuiltIn, CultureInfo.GetCultureInfo("ja-JP"));
        var summarizer = new IncidentSummarizer(CultureInfo.GetCultureInfo("ja-JP"));
        summarizer.Add(ja.Resolve(Nginx(502, 502, connect: null, header: null))!);
        var incident = summarizer.Summaries().Single();
        Assert.Contains("TCP", incident.Title);
        Assert.Contains(incident.NextSteps, s => s.Contains("発生時間帯"));
    }
}
