using LbTools.Core.Diagnosis;
using LbTools.Core.Diagnosis.Rules;
using LbTools.Core.Diagnosis.Rules.Expressions;
using LbTools.Core.Logs;
using LbTools.Core.Probes;

namespace LbTools.Core.Tests.Diagnosis.Rules;

/// <summary>How a clause table applies in process: guard, order, highest score per cause, Stop, "{status}.FromBackend".</summary>
public class RuleTableTests
{
    private static CandidateSet Apply(RuleTable table, LbLogRecord record)
    {
        var candidates = new CandidateSet { Catalog = CauseCatalog.BuiltIn };
        table.Apply(new RuleContext(record, ProviderProfile.For(record.Provider), Array.Empty<ProbeResult>(), false), candidates);
        return candidates;
    }

    private static readonly RuleTable Table = new("test", Col.Status.Ge(500))
    {
        { Col.Status.Eq(502), "502.BackendConnectFailed", 40, "low first" },
        { Col.Status.Eq(502), "502.BackendConnectFailed", 60, "higher wins" },
        { Col.Status.Eq(502), "502.BackendConnectFailed", 50, "lower is ignored" },
        { Col.Status.Eq(502) & Col.UpstreamStatus.IsNull(), "502.MalformedResponse", 45, "before the stop", Then.Stop },
        { Col.Status.Eq(502), "502.TlsToBackendFailed", 45, "after the stop" },
        { Col.UpstreamStatus.Eq(Col.Status), RuleClause.StatusFromBackend, 90, "relayed" },
    };

    [Fact]
    public void A_cause_keeps_its_highest_score_and_that_clauses_rationale()
    {
        var c = Apply(Table, new LbLogRecord { Provider = LbProvider.Nginx, Status = 502, UpstreamStatus = 503 });
        Assert.Equal(60, c.Find("502.BackendConnectFailed")!.Score);
        Assert.Equal("higher wins", c.Find("502.BackendConnectFailed")!.Rationale);
        Assert.NotNull(c.Find("502.TlsToBackendFailed"));
        Assert.Null(c.Find("502.MalformedResponse"));
    }

    [Fact]
    public void A_stop_clause_skips_the_rest_of_the_table()
    {
        var c = Apply(Table, new LbLogRecord { Provider = LbProvider.Nginx, Status = 502 });
        Assert.Equal(45, c.Find("502.MalformedResponse")!.Score);
        Assert.Null(c.Find("502.TlsToBackendFailed"));
    }

    [Fact]
    public void The_guard_keeps_the_table_off()
    {
        Assert.Equal(0, Apply(Table, new LbLogRecord { Provider = LbProvider.Nginx, Status = 404, UpstreamStatus = 404 }).Count);
    }

    [Fact]
    public void Status_from_backend_is_added_only_when_the_catalog_lists_it()
    {
        Assert.Equal(90, Apply(Table, new LbLogRecord { Provider = LbProvider.Nginx, Status = 503, UpstreamStatus = 503 }).Find("503.FromBackend")!.Score);
        Assert.Equal(0, Apply(Table, new LbLogRecord { Provider = LbProvider.Nginx, Status = 597, UpstreamStatus = 597 }).Count);
        Assert.Contains("503.FromBackend", Table.CauseIds(CauseCatalog.BuiltIn));
        Assert.DoesNotContain(RuleClause.StatusFromBackend, Table.CauseIds(CauseCatalog.BuiltIn));
    }
}
