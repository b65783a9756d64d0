namespace LbTools.Core.Tests.Support;

/// <summary>
/// The (id, origin) pairs of the cause catalog the project was specified with, kept in the repository
/// as test data (Fixtures/reference-cause-ids.txt) so the check needs nothing outside it.
/// </summary>
internal static class ReferenceCauseIds
{
    public static string Path => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", "reference-cause-ids.txt");

    public static IReadOnlyList<(string Id, string Origin)> Load() =>
        File.ReadLines(Path)
            .Where(line => line.Length > 0 && line[0] != '#')
            .Select(line => line.Split(' '))
            .Select(parts => (parts[0], parts[1]))
            .ToList();
}
