using System.Reflection;
using System.Text.RegularExpressions;
using LbTools.Core.Diagnosis;
using LbTools.Core.Probes;

namespace LbTools.Core.Tests.Diagnosis;

/// <summary>
/// One owner per fact: probes record what they observed, Diagnosis's table
/// (Data/probe-observations.json) says which causes that supports or rules out.
/// </summary>
public class ProbeObservationTableTests
{
    // A cause id inside a string: "502.MalformedResponse", $"...{x} 504.BackendResponseTimeout".
    private static readonly Regex CauseIdInString = new("\"[^\"\\r\\n]*\\d{3}\\.[A-Z][A-Za-z0-9]+[^\"\\r\\n]*\"", RegexOptions.CultureInvariant);

    private static string CoreSource()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "LbTools.sln")))
        {
            dir = dir.Parent;
        }

        Assert.NotNull(dir);
        return Path.Combine(dir!.FullName, "src", "LbTools.Core");
    }

    private static IEnumerable<string> ProbeSources() =>
        Directory.EnumerateFiles(Path.Combine(CoreSource(), "Probes"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    /// <summary>Every constant code of ProbeObservation: what the probes can emit besides BackendStatus:&lt;code&gt;.</summary>
    private static IReadOnlyList<string> ConstantCodes() =>
        typeof(ProbeObservation).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string) && f.Name != nameof(ProbeObservation.BackendStatusPrefix))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();

    [Fact]
    public void No_file_under_Probes_names_a_cause_id()
    {
        var files = ProbeSources().ToList();
        Assert.True(files.Count >= 20, $"only {files.Count} probe files found");
        var offenders = files
            .SelectMany(f => File.ReadAllLines(f).Select((line, i) => (f, i, line)))
            .Where(x => CauseIdInString.IsMatch(x.line))
            .Select(x => $"{Path.GetFileName(x.f)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();
        Assert.True(offenders.Count == 0, "cause ids belong to Diagnosis's probe-observations.json:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void The_scan_would_find_a_cause_id_literal()
    {
        Assert.Matches(CauseIdInString, "result.Supports.Add(\"502.MalformedResponse\");");
        Assert.Matches(CauseIdInString, "Fail(result, reason, $\"{endpoint} failed\", \"504.BackendResponseTimeout\");");
        Assert.DoesNotMatch(CauseIdInString, "result.Observe(ProbeObservation.MalformedResponse);");
    }

    [Fact]
    public void Every_observation_the_probes_can_emit_has_a_table_entry()
    {
        var codes = ConstantCodes();
        Assert.True(codes.Count >= 20, $"only {codes.Count} observation codes found");
        foreach (var code in codes)
        {
            Assert.True(ProbeObservationTable.BuiltIn.Knows(code), $"ProbeObservation.{code} has no entry in probe-observations.json");
            var meaning = ProbeObservationTable.BuiltIn.Observation(code);
            Assert.True(meaning.Supports.Count + meaning.RulesOut.Count > 0, $"{code} supports and rules out nothing");
        }

        // Every status with a pass-through cause in the catalog has its BackendStatus entry, and only those.
        var fromBackend = CauseCatalog.BuiltIn.Causes.Select(c => c.Id).Where(id => id.EndsWith(".FromBackend", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(fromBackend);
        foreach (var id in fromBackend)
        {
            string code = ProbeObservation.BackendStatus(int.Parse(id.Substring(0, 3), System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(new[] { id }, ProbeObservationTable.BuiltIn.Observation(code).Supports);
        }

        var tableCodes = ProbeObservationTable.BuiltIn.Codes.ToList();
        Assert.All(tableCodes.Where(c => !c.StartsWith(ProbeObservation.BackendStatusPrefix, StringComparison.Ordinal)), c => Assert.Contains(c, codes));
        Assert.Equal(fromBackend.Count, tableCodes.Count(c => c.StartsWith(ProbeObservation.BackendStatusPrefix, StringComparison.Ordinal)));
    }

    [Fact]
    public void Every_code_the_probe_sources_use_is_a_known_constant()
    {
        var codes = new HashSet<string>(typeof(ProbeObservation).GetMembers(BindingFlags.Public | BindingFlags.Static).Select(m => m.Name), StringComparer.Ordinal);
        var used = ProbeSources()
            .SelectMany(f => Regex.Matches(File.ReadAllText(f), @"ProbeObservation\.(?<name>[A-Za-z]+)").Select(m => m.Groups["name"].Value))
            .Distinct()
            .ToList();
        Assert.Contains("MalformedResponse", used);
        Assert.All(used, name => Assert.Contains(name, codes));
    }

    [Fact]
    public void Every_cause_the_table_names_is_in_the_catalog()
    {
        foreach (var id in ProbeObservationTable.BuiltIn.CauseIds)
        {
            Assert.NotNull(CauseCatalog.BuiltIn.Find(id));
        }
    }

    [Fact]
    public void A_table_naming_an_unknown_cause_fails_validation()
    {
        var table = ProbeObservationTable.Parse("{ \"observations\": [ { \"code\": \"X\", \"supports\": [\"502.NoSuchCause\"] } ] }", "test");
        var ex = Assert.Throws<CatalogFormatException>(() => table.Validate(CauseCatalog.BuiltIn, "test"));
        Assert.Contains("502.NoSuchCause", ex.Message);
        Assert.Throws<CatalogFormatException>(() => ProbeObservationTable.Parse("{ \"failures\": [ { \"reason\": \"NoSuchReason\" } ] }", "test"));
        Assert.Throws<CatalogFormatException>(() => ProbeObservationTable.Parse("{ \"observations\": [ { \"code\": \"X\", \"other\": 1 } ] }", "test"));
    }

    [Fact]
    public void Observing_fills_Supports_and_RulesOut_from_the_table()
    {
        var result = new ProbeResult("a:80", "a", 80, "127.0.0.1", ProbeKind.Http);
        result.Observe(ProbeObservation.IncompleteBody);
        result.Observe(ProbeObservation.Answered);
        result.Observe(ProbeObservation.BackendStatus(418));
        Assert.Equal(new[] { "502.MalformedResponse", "502.BackendClosedConnection" }, result.Supports);
        Assert.Equal(new[] { "502.BackendConnectFailed", "502.BackendClosedConnection" }, result.RulesOut);
        Assert.Equal(new[] { "IncompleteBody", "Answered", "BackendStatus:418" }, result.Observations);
    }
}
