using System.Text.RegularExpressions;
using LbTools.Core.Diagnosis;

namespace LbTools.Core.Tests.Diagnosis;

/// <summary>
/// Every cause id that Core's code or data can emit (rules, probes, tables) is in the built-in
/// catalog: the resolver treats an unknown id as a defect and fails, so this finds it first.
/// </summary>
public class CauseIdReferenceTests
{
    // "502.BackendConnectFailed", "009.Http09Response": three digits, a dot, a PascalCase name.
    private static readonly Regex CauseIdLiteral = new("\"(?<id>\\d{3}\\.[A-Z][A-Za-z0-9]+)\"", RegexOptions.CultureInvariant);

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

    public static TheoryData<string, string> EmittedIds()
    {
        var data = new TheoryData<string, string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(CoreSource(), "*.*", SearchOption.AllDirectories)
                     .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal))
                                 && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                                 && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                                 && !f.EndsWith("causes.json", StringComparison.Ordinal)))
        {
            foreach (Match m in CauseIdLiteral.Matches(File.ReadAllText(file)))
            {
                if (seen.Add(m.Groups["id"].Value))
                {
                    data.Add(m.Groups["id"].Value, Path.GetFileName(file));
                }
            }
        }

        return data;
    }

    [Fact]
    public void The_scan_finds_the_ids_rules_and_probes_emit()
    {
        // Guards the scan itself: ids known to be written in rules and probes must be found.
        var ids = EmittedIds().Select(row => (string)row[0]).ToList();
        Assert.Contains("502.BackendConnectFailed", ids);
        Assert.Contains("504.BackendResponseTimeout", ids);
        Assert.True(ids.Count >= 40, $"only {ids.Count} cause ids found in Core's source");
    }

    [Theory]
    [MemberData(nameof(EmittedIds))]
    public void Every_cause_id_in_Core_is_in_the_catalog(string id, string file)
    {
        Assert.True(CauseCatalog.BuiltIn.Find(id) != null, $"{file} names cause '{id}', which the catalog does not have");
    }
}
