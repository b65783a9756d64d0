using System.Globalization;
using LbTools.Core.Diagnosis;
using static LbTools.Core.Tests.Support.DiagnosisFixtures;

namespace LbTools.Core.Tests.Hardening;

/// <summary>
/// Issue 14, item 6: a rule or cause file with a value of the wrong kind is an error naming the
/// file and the entry; enum names are names, never numbers; a pattern that backtracks on a
/// client's value costs that value, never the run.
/// </summary>
public class RuleFileHardeningTests
{
    private const string Texts = "\"text\":{\"en\":{\"title\":\"t\",\"explanation\":\"e\",\"checks\":[\"c\"],\"remedy\":\"r\"},\"ja\":{\"title\":\"t\",\"explanation\":\"e\",\"checks\":[\"c\"],\"remedy\":\"r\"}}";

    private static string Rule(string score = "50", string when = "{\"status\":[502]}", string name = "\"r\"") =>
        "{\"rules\":[{\"name\":" + name + ",\"cause\":\"502.FromBackend\",\"score\":" + score + ",\"when\":" + when + "}]}";

    [Theory]
    [InlineData("score-as-string", "\"50\"", "{\"status\":[502]}", "'score'")]
    [InlineData("score-as-object", "{}", "{\"status\":[502]}", "'score'")]
    [InlineData("status-as-string", "50", "{\"status\":[\"502\"]}", "'status'")]
    [InlineData("status-as-object", "50", "{\"status\":[{}]}", "'status'")]
    [InlineData("provider-as-number", "50", "{\"status\":[502],\"provider\":[3]}", "'provider' must be a name")]
    [InlineData("provider-as-object", "50", "{\"status\":[502],\"provider\":[{}]}", "'provider' must be a name")]
    [InlineData("provider-as-numeric-string", "50", "{\"status\":[502],\"provider\":[\"999\"]}", "unknown provider '999'")]
    [InlineData("provider-as-numeric-member", "50", "{\"status\":[502],\"provider\":[\"2\"]}", "unknown provider '2'")]
    [InlineData("method-as-number", "50", "{\"status\":[502],\"method\":[7]}", "'method' must be a string")]
    [InlineData("probe-as-string", "50", "{\"probe\":\"Tcp\"}", "'probe' must be an object")]
    [InlineData("probe-kind-number", "50", "{\"probe\":{\"kind\":1}}", "'probe kind' must be a name")]
    [InlineData("probe-reason-numeric", "50", "{\"probe\":{\"reason\":\"5\"}}", "unknown probe reason '5'")]
    [InlineData("lone-surrogate-method", "50", "{\"status\":[502],\"method\":[\"G\\ud800\"]}", "lone surrogate")]
    [InlineData("lone-surrogate-field", "50", "{\"field\":\"a\\udc00\",\"equals\":\"x\"}", "lone surrogate")]
    [InlineData("lone-surrogate-equals", "50", "{\"field\":\"a\",\"equals\":\"\\ud800\"}", "lone surrogate")]
    [InlineData("atleast-as-string", "50", "{\"field\":\"a\",\"atLeast\":\"5\"}", "'atLeast' must be a number")]
    public void A_value_of_the_wrong_kind_names_the_file_and_the_rule(string name, string score, string when, string problem)
    {
        var ex = Assert.Throws<CatalogFormatException>(() => RuleFile.Parse(Rule(score, when), name + ".json"));

        Assert.StartsWith($"{name}.json: entry 'r'", ex.Message);
        Assert.Contains(problem, ex.Message);
    }

    [Fact]
    public void A_lone_surrogate_in_a_rule_name_names_the_rule_by_position()
    {
        var ex = Assert.Throws<CatalogFormatException>(() => RuleFile.Parse(Rule(name: "\"r\\ud800\""), "x.json"));

        Assert.StartsWith("x.json: entry 'rule #1'", ex.Message);
        Assert.Contains("lone surrogate", ex.Message);
    }

    [Theory]
    [InlineData("\"providers\":[\"999\"],\"origin\":\"Backend\"", "unknown provider '999'")]
    [InlineData("\"providers\":[5],\"origin\":\"Backend\"", "'provider' must be a name")]
    [InlineData("\"providers\":[\"Nginx\"],\"origin\":\"3\"", "unknown origin '3'")]
    [InlineData("\"providers\":[\"Nginx\"],\"origin\":\"Backend\",\"source\":\"s\\ud800\"", "lone surrogate")]
    public void A_cause_with_a_value_of_the_wrong_kind_names_the_file_and_the_cause(string fields, string problem)
    {
        string source = fields.Contains("\"source\"", StringComparison.Ordinal) ? string.Empty : ",\"source\":\"wiki\"";
        string json = "{\"causes\":[{\"id\":\"599.Gone\",\"status\":[599]," + fields + source + "," + Texts + "}]}";

        var ex = Assert.Throws<CatalogFormatException>(() => RuleFile.Parse(json, "c.json"));

        Assert.StartsWith("c.json: entry '599.Gone'", ex.Message);
        Assert.Contains(problem, ex.Message);
    }

    [Fact]
    public void A_backtracking_pattern_on_a_client_value_is_no_match_and_is_counted()
    {
        var file = RuleFile.Parse(Rule(when: "{\"status\":[502],\"field\":\"UserAgent\",\"matches\":\"^(a+)+$\"}"), "evil.json");
        var resolver = new StatusResolver(CauseCatalog.BuiltIn, CultureInfo.GetCultureInfo("en"), null, file.Rules);
        var record = Nginx(502, 502);
        record.UserAgent = new string('a', 40) + "!";

        var diagnosis = resolver.Resolve(record);

        Assert.NotNull(diagnosis);
        Assert.NotEqual(50, diagnosis!.Causes.Single(c => c.CauseId == "502.FromBackend").Score);
        var warning = Assert.Single(resolver.RegexTimeouts());
        Assert.Contains("Rule 'r'", warning);
        Assert.Contains("UserAgent", warning);
        Assert.Contains("1 value(s)", warning);
    }
}
