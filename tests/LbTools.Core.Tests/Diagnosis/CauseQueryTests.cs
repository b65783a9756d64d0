using System.Globalization;
using LbTools.Core.Diagnosis;
using LbTools.Core.Logs;

namespace LbTools.Core.Tests.Diagnosis;

public class CauseQueryTests
{
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en");
    private static readonly CultureInfo Ja = CultureInfo.GetCultureInfo("ja-JP");

    [Fact]
    public void Filters_by_code_provider_wildcard_id_and_keyword()
    {
        var byCode = new CauseQuery { StatusCodes = new[] { 463 }, Provider = LbProvider.AwsAlb }.Run(CauseCatalog.BuiltIn, En).Select(c => c.Id);
        Assert.Equal(new[] { "463.TooManyForwardedFor" }, byCode);
        var wildcard = new CauseQuery { Ids = new[] { "499.*" } }.Run(CauseCatalog.BuiltIn, En).Select(c => c.Id).ToList();
        Assert.Equal(5, wildcard.Count);
        var keyword = new CauseQuery { Keyword = "netstat" }.Run(CauseCatalog.BuiltIn, En).Select(c => c.Id);
        Assert.Contains("502.BacklogFull", keyword);
        var japaneseKeyword = new CauseQuery { Keyword = "ループ" }.Run(CauseCatalog.BuiltIn, En).Select(c => c.Id);
        Assert.Contains("463.ForwardingLoop", japaneseKeyword);
        Assert.Empty(new CauseQuery { Ids = new[] { "502.NoSuchCause" } }.Run(CauseCatalog.BuiltIn, En));
    }

    [Fact]
    public void Descriptions_follow_the_culture()
    {
        var ja = new CauseQuery { Ids = new[] { "503.QpsThrottled" } }.Run(CauseCatalog.BuiltIn, Ja).Single();
        Assert.Equal("ja", ja.Language);
        Assert.Contains("QPS", ja.Title);
        Assert.Contains("上限", ja.Title);
        var en = new CauseQuery { Ids = new[] { "503.QpsThrottled" } }.Run(CauseCatalog.BuiltIn, En).Single();
        Assert.Equal("en", en.Language);
    }

    [Fact]
    public void The_triage_checklist_covers_every_phase_in_both_languages()
    {
        // Seed 002 (AWS 502 article): scope, checks, curl -v / tail -f / packet capture, emergency moves, prevention.
        var en = TriageChecklist.BuiltIn.Steps(En);
        var ja = TriageChecklist.BuiltIn.Steps(Ja);
        Assert.Equal(Enum.GetValues<TriagePhase>().OrderBy(p => p), en.Select(s => s.Phase).Distinct().OrderBy(p => p));
        Assert.Equal(en.Count, ja.Count);
        Assert.Contains(en, s => s.Command != null && s.Command.StartsWith("curl -v", StringComparison.Ordinal));
        Assert.Contains(en, s => s.Command != null && s.Command.StartsWith("tail -f", StringComparison.Ordinal));
        Assert.Contains(en, s => s.Text.Contains("/health"));
        Assert.All(ja, s => Assert.Matches(@"[\u3040-\u30ff\u4e00-\u9fff]", s.Text));
        var clientSteps = TriageChecklist.BuiltIn.ForOrigin(CauseOrigin.Client, En);
        Assert.DoesNotContain(clientSteps, s => s.Id == "check-resources");
        Assert.DoesNotContain(clientSteps, s => s.Phase == TriagePhase.Prevent);
        var forBackend = TriageChecklist.BuiltIn.Steps(En, CauseOrigin.Backend);
        Assert.Contains(forBackend, s => s.Id == "check-resources");
        Assert.Contains(forBackend, s => s.Phase == TriagePhase.Prevent);
        Assert.DoesNotContain(forBackend, s => s.Id == "check-client");
    }
}
