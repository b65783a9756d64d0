using System.Text.RegularExpressions;

namespace LbTools.Core.Tests.Support;

/// <summary>
/// The (id, origin) rows of shared/reference/cause-catalog.md. Read from the live file when
/// shared/ sits beside the repository (as in CI); otherwise from the committed snapshot, which a
/// test compares with the live file whenever both exist, so the snapshot cannot drift unnoticed.
/// </summary>
internal static class ReferenceCauseIds
{
    private static readonly Regex Row = new(@"^\|\s*(\d{3}\.[A-Za-z0-9]+)\s*\|\s*([A-Za-z]+)\s*\|", RegexOptions.CultureInvariant);

    public static string SnapshotPath => Path.Combine(AppContext.BaseDirectory, "Fixtures", "reference-cause-ids.txt");

    public static IReadOnlyList<(string Id, string Origin)> Load(out string source)
    {
        var live = SharedReference.TryFind("cause-catalog.md");
        if (live != null)
        {
            source = live;
            return FromMarkdown(live);
        }

        source = SnapshotPath;
        return FromSnapshot(SnapshotPath);
    }

    public static IReadOnlyList<(string Id, string Origin)> FromMarkdown(string path) =>
        File.ReadLines(path)
            .Select(line => Row.Match(line))
            .Where(m => m.Success)
            .Select(m => (m.Groups[1].Value, m.Groups[2].Value))
            .ToList();

    public static IReadOnlyList<(string Id, string Origin)> FromSnapshot(string path) =>
        File.ReadLines(path)
            .Where(line => line.Length > 0 && line[0] != '#')
            .Select(line => line.Split(' '))
            .Select(parts => (parts[0], parts[1]))
            .ToList();
}
