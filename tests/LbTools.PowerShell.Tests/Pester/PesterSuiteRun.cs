using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace LbTools.PowerShell.Tests.Pester;

/// <summary>
/// One run of the whole Pester suite, out of process, in the console host src/LbTools.Pwsh
/// (PowerShell 7.6 from Microsoft.PowerShell.SDK) against the laid-out module, through
/// tests/Invoke-PesterSuite.ps1, the runner build.ps1 also uses. Started once for all cases.
/// </summary>
internal sealed class PesterSuiteRun
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);
    private static readonly Lazy<PesterSuiteRun> Shared = new(Execute, LazyThreadSafetyMode.ExecutionAndPublication);

    private PesterSuiteRun(string output, int exitCode, PesterReport? report)
    {
        Output = output;
        ExitCode = exitCode;
        Report = report;
    }

    public static PesterSuiteRun Instance => Shared.Value;

    /// <summary>What the host wrote (Pester's Detailed output), for messages.</summary>
    public string Output { get; }

    public int ExitCode { get; }

    /// <summary>Null when the runner wrote no result file (the host or Pester failed to start).</summary>
    public PesterReport? Report { get; }

    public IReadOnlyList<PesterTestResult> ResultsFor(PesterTestId id) =>
        Report?.Tests.Where(t => Path.GetFileName(t.File) == id.File && string.Join(PesterTestId.Separator, t.Path) == id.Test).ToList()
        ?? new List<PesterTestResult>();

    public string Tail(int lines = 60)
    {
        var all = Output.Split('\n');
        return string.Join("\n", all.Skip(Math.Max(0, all.Length - lines)));
    }

    private static PesterSuiteRun Execute()
    {
        var resultPath = Path.Combine(Path.GetTempPath(), $"lbtools-pester-{Guid.NewGuid():N}.json");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } dotnet && File.Exists(dotnet) ? dotnet : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = TestPaths.RepositoryRoot,
        };
        foreach (var argument in new[]
                 {
                     TestPaths.PwshHost, "-NoProfile", "-NonInteractive", "-File", TestPaths.PesterRunner,
                     "-PesterManifest", TestPaths.PesterManifest, "-ModuleManifest", TestPaths.ModuleManifest,
                     "-TestPath", TestPaths.PesterTests, "-ResultPath", resultPath,
                 })
        {
            start.ArgumentList.Add(argument);
        }

        // Plain text in the captured output: no ANSI colour sequences.
        start.Environment["NO_COLOR"] = "1";
        start.Environment["LBTOOLS_MODULE"] = TestPaths.ModuleManifest;
        start.Environment["LBTOOLS_DUCKDBRUN"] = TestPaths.DuckDbRun;

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            lock (output)
            {
                output.AppendLine($"(the Pester run was stopped after {Limit.TotalMinutes} minutes)");
            }
        }

        process.WaitForExit();
        PesterReport? report = null;
        if (File.Exists(resultPath))
        {
            report = JsonSerializer.Deserialize<PesterReport>(File.ReadAllText(resultPath), new JsonSerializerOptions { PropertyNameCaseInsensitive = true });
            File.Delete(resultPath);
        }

        string text;
        lock (output)
        {
            text = output.ToString();
        }

        return new PesterSuiteRun(text, process.ExitCode, report);
    }
}

internal sealed class PesterReport
{
    public string PowerShell { get; set; } = string.Empty;

    public string Pester { get; set; } = string.Empty;

    public List<PesterContainerResult> Containers { get; set; } = new();

    public List<PesterTestResult> Tests { get; set; } = new();
}

internal sealed class PesterContainerResult
{
    public string File { get; set; } = string.Empty;

    public string Result { get; set; } = string.Empty;

    public string Error { get; set; } = string.Empty;
}

internal sealed class PesterTestResult
{
    public string File { get; set; } = string.Empty;

    public List<string> Path { get; set; } = new();

    public string ExpandedPath { get; set; } = string.Empty;

    public string Result { get; set; } = string.Empty;

    public string Error { get; set; } = string.Empty;
}
