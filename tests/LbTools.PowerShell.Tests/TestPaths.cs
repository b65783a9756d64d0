using System.Reflection;

namespace LbTools.PowerShell.Tests;

/// <summary>
/// Paths the build wrote into this assembly (see AddLbTestPaths in the project file): the laid-out
/// module, the console host, Pester's manifest from the NuGet cache and the repository root.
/// </summary>
internal static class TestPaths
{
    private static readonly IReadOnlyDictionary<string, string?> Metadata =
        typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .GroupBy(a => a.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);

    public static string ModuleDirectory => Path.GetFullPath(Get("LbToolsModuleDir"));

    public static string ModuleManifest => Path.Combine(ModuleDirectory, "LbTools.psd1");

    public static string PwshHost => Get("PwshHost");

    public static string PesterManifest => Get("PesterManifest");

    /// <summary>tests/tools/LbTools.DuckDbRun's assembly: the Pester round trip runs its SQL on embedded DuckDB.</summary>
    public static string DuckDbRun => Get("DuckDbRun");

    public static string RepositoryRoot => Get("RepositoryRoot");

    public static string PesterTests => Path.Combine(RepositoryRoot, "tests", "pester");

    public static string PesterRunner => Path.Combine(RepositoryRoot, "tests", "Invoke-PesterSuite.ps1");

    private static string Get(string key) =>
        Metadata.TryGetValue(key, out var value) && !string.IsNullOrEmpty(value)
            ? value!
            : throw new InvalidOperationException($"The test assembly carries no '{key}': build it with dotnet build so that AddLbTestPaths runs.");
}
