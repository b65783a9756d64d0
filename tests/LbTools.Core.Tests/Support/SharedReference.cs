namespace LbTools.Core.Tests.Support;

/// <summary>
/// Finds the shared reference documents: walks up from the test binaries to a folder holding
/// shared/reference/&lt;name&gt; (CI clones the repo with shared/ beside it, i.e. ../shared from the repo root).
/// </summary>
internal static class SharedReference
{
    public static string Find(string name) =>
        TryFind(name) ?? throw new FileNotFoundException($"shared/reference/{name} was not found in any folder above {AppContext.BaseDirectory}. Clone the repository with the shared/ folder beside it (../shared from the repository root).");

    public static string? TryFind(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "reference", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
