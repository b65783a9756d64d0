using System.Globalization;
using LbTools.Core.Diagnosis;
using LbTools.Core.Logs;
using LbTools.Core.Probes;
using LbTools.Core.Tests.Support;
using static LbTools.Core.Tests.Support.DiagnosisFixtures;

namespace LbTools.Core.Tests.Diagnosis;

public class RuleFileTests
{
    private const string Cause = "{\"id\":\"599.UpstreamGone\",\"status\":[599],\"providers\":[\"Nginx\"],\"origin\":\"Backend\",\"source\":\"ops wiki\",\"text\":{\"en\":{\"title\":\"Upstream gone\",\"explanation\":\"e\",\"checks\":[\"c\"],\"remedy\":\"r\"},\"ja\":{\"title\":\"アップストリーム消失\",\"explanation\":\"e\",\"checks\":[\"c\"],\"remedy\":\"r\"}}}";
    private const string Rule = "{\"name\":\"gone\",\"cause\":\"599.UpstreamGone\",\"score\":70,\"because\":\"no upstream status\",\"when\":{\"status\":[599],\"field\":\"upstream_status\",\"equals\":\"-\"}}";

    [Fact]
    public void A_user_file_adds_a_cause_and_a_rule_that_fires_with_evidence()
    {
        using var dir = new TempDirectory();
        string path = dir.File("mine.json", "{\"causes\":[" + Cause + "],\"rules\":[" + Rule + "]}");
        var resolver = StatusResolver.WithRuleFiles(new[] { path }, CultureInfo.GetCultureInfo("en"), null);

        var hit = resolver.Resolve(Nginx(599, null, address: null))!;
        Assert.Equal("599.UpstreamGone", hit.TopCause);
        Assert.Equal(70, hit.Causes[0].Score);
        Assert.Contains("Rule 'gone'", hit.Causes[0].Rationale);
        Assert.Contains(hit.Causes[0].Evidence, e => e.Field == "upstream_status" && e.Value == "-" && e.Threshold == "-");

        // Near miss: an upstream status is present, so the rule does not fire (catalog-only score).
        var miss = resolver.Resolve(Nginx(599, 599, header: null))!;
        Assert.Equal(StatusResolver.CatalogOnlyScore, miss.Causes.Single(c => c.CauseId == "599.UpstreamGone").Score);
    }

    [Fact]
    public void Numeric_and_probe_conditions_work_on_built_in_causes()
    {
        var file = RuleFile.Parse("{\"rules\":[{\"name\":\"slow-connect\",\"cause\":\"504.BackendConnectTimeout\",\"score\":99,\"when\":{\"status\":[504],\"fields\":[{\"field\":\"UpstreamResponseTime\",\"atLeast\":2.5}],\"probe\":{\"kind\":\"Tcp\",\"reason\":\"TimedOut\"}}}]}", "x.json");
        file.Validate(CauseCatalog.BuiltIn, "x.json");
        var resolver = new StatusResolver(CauseCatalog.BuiltIn, CultureInfo.GetCultureInfo("en"), null, file.Rules);
        var record = Nginx(504, 504, connect: null, header: null, response: 3.0);
        var withProbe = resolver.Resolve(record, new[] { Probe(ProbeKind.Tcp, ProbeFailureReason.TimedOut) })!;
        Assert.Equal(99, withProbe.Causes.Single(c => c.CauseId == "504.BackendConnectTimeout").Score);
        var withoutProbe = resolver.Resolve(record)!;
        Assert.NotEqual(99, withoutProbe.Causes.Single(c => c.CauseId == "504.BackendConnectTimeout").Score);
    }

    [Theory]
    [InlineData("{\"rules\":[{\"name\":\"r1\",\"cause\":\"502.FromBackend\",\"score\":500,\"when\":{\"status\":[502]}}]}", "'r1'", "'score'")]
    [InlineData("{\"rules\":[{\"name\":\"r2\",\"cause\":\"502.FromBackend\",\"score\":50,\"when\":{\"status\":[502],\"colour\":1}}]}", "'r2'", "unknown field 'colour'")]
    [InlineData("{\"rules\":[{\"name\":\"r3\",\"cause\":\"502.FromBackend\",\"score\":50,\"when\":{\"field\":\"status\"}}]}", "'r3'", "needs equals")]
    [InlineData("{\"rules\":[{\"name\":\"r4\",\"cause\":\"502.FromBackend\",\"score\":50,\"when\":{}}]}", "'r4'", "at least one condition")]
    [InlineData("{\"rules\":[{\"name\":\"r5\",\"cause\":\"502.FromBackend\",\"score\":50,\"when\":{\"provider\":[\"Haproxy\"]}}]}", "'r5'", "unknown provider")]
    [InlineData("{\"rules\":[{\"cause\":\"502.FromBackend\",\"score\":50,\"when\":{\"status\":[502],\"field\":\"x\",\"matches\":\"(\"}}]}", "'rule #1 (502.FromBackend)'", "regular expression")]
    [InlineData("{\"ruels\":[]}", "'(file)'", "unknown field 'ruels'")]
    [InlineData("{\"rules\":[", "'(file)'", "not valid JSON")]
    public void A_bad_rule_file_is_an_error_naming_the_file_and_the_entry(string json, string entry, string problem)
    {
        var ex = Assert.Throws<CatalogFormatException>(() => RuleFile.Parse(json, "bad.json"));
        Assert.StartsWith("bad.json: entry " + entry, ex.Message);
        Assert.Contains(problem, ex.Message);
    }

    [Fact]
    public void A_rule_naming_an_unknown_cause_is_an_error_naming_the_rule()
    {
        using var dir = new TempDirectory();
        string path = dir.File("r.json", "{\"rules\":[{\"name\":\"typo\",\"cause\":\"502.FromBakend\",\"score\":50,\"when\":{\"status\":[502]}}]}");
        var ex = Assert.Throws<CatalogFormatException>(() => StatusResolver.WithRuleFiles(new[] { path }, null, null));
        Assert.Equal(path, ex.Source);
        Assert.Equal("typo", ex.Entry);
        Assert.Contains("502.FromBakend", ex.Message);
    }

    [Fact]
    public void A_missing_rule_file_is_an_error_naming_it()
    {
        var ex = Assert.Throws<CatalogFormatException>(() => RuleFile.Load("/nonexistent/rules.json"));
        Assert.Contains("/nonexistent/rules.json", ex.Message);
    }
}
