using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace LbTools.PowerShell.Tests.InProcess;

/// <summary>
/// PowerShell 7.6 (Microsoft.PowerShell.SDK) inside the test process, with the laid-out module
/// (out/LbTools, as users get it) imported by its manifest. Each test takes its own runspace.
/// </summary>
internal static class LbPowerShell
{
    public static string ExampleLogs => Path.Combine(TestPaths.RepositoryRoot, "examples", "logs");

    // The ALB line of AWS's documentation example (also in tests/pester/TestHelpers.ps1).
    public const string AlbLine = "http 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 10.0.0.1:80 0.000 0.001 0.000 200 200 34 366 \"GET http://www.example.com:80/ HTTP/1.1\" \"curl/7.46.0\" - - arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 \"Root=1-58337262-36d228ad5d99923122bbe354\" \"-\" \"-\" 0 2018-07-02T22:22:48.364000Z \"forward\" \"-\" \"-\" \"10.0.0.1:80\" \"200\" \"-\" \"-\"";

    /// <summary>CmdletsToExport of the laid-out manifest, as PowerShell reads the data file.</summary>
    public static IReadOnlyList<string> ManifestCmdlets() =>
        Run("(Import-PowerShellDataFile -LiteralPath $manifest).CmdletsToExport", new Dictionary<string, object?> { ["manifest"] = TestPaths.ModuleManifest })
            .Select(o => o.ToString())
            .ToList();

    /// <summary>A PowerShell with its own runspace and LbTools imported; dispose it.</summary>
    public static System.Management.Automation.PowerShell Create()
    {
        var state = InitialSessionState.CreateDefault2();
        state.ImportPSModule(TestPaths.ModuleManifest);
        state.ThreadOptions = PSThreadOptions.UseNewThread;
        var runspace = RunspaceFactory.CreateRunspace(state);
        runspace.Open();
        var shell = System.Management.Automation.PowerShell.Create();
        shell.Runspace = runspace;
        return shell;
    }

    /// <summary>Runs a script in a fresh runspace; terminating errors throw.</summary>
    public static Collection<PSObject> Run(string script, out StreamsCopy streams, IDictionary<string, object?>? variables = null)
    {
        using var shell = Create();
        foreach (var (name, value) in variables ?? new Dictionary<string, object?>())
        {
            shell.Runspace.SessionStateProxy.SetVariable(name, value);
        }

        shell.AddScript(script);
        try
        {
            return shell.Invoke();
        }
        finally
        {
            streams = new StreamsCopy(shell.Streams);
        }
    }

    public static Collection<PSObject> Run(string script, IDictionary<string, object?>? variables = null) => Run(script, out _, variables);

    /// <summary>
    /// The first error a script meets: thrown (terminating) or written (a statement-terminating
    /// error such as a binding failure is written and the script goes on).
    /// </summary>
    public static ErrorRecord FirstError(string script, IDictionary<string, object?>? variables = null)
    {
        try
        {
            Run(script, out var streams, variables);
            Assert.True(streams.Error.Count > 0, $"'{script}' gave no error");
            return streams.Error[0];
        }
        catch (RuntimeException ex)
        {
            return ex.ErrorRecord;
        }
    }

    public static string TempFile(string name, params string[] lines)
    {
        var folder = Path.Combine(Path.GetTempPath(), "lbtools-inproc-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, name);
        File.WriteAllLines(file, lines);
        return file;
    }
}

/// <summary>The streams of a finished command, copied before its PowerShell is disposed.</summary>
internal sealed class StreamsCopy
{
    public StreamsCopy(PSDataStreams streams)
    {
        Error = streams.Error.ToList();
        Warning = streams.Warning.ToList();
        Verbose = streams.Verbose.ToList();
        Debug = streams.Debug.ToList();
        Progress = streams.Progress.ToList();
    }

    public IReadOnlyList<ErrorRecord> Error { get; }

    public IReadOnlyList<WarningRecord> Warning { get; }

    public IReadOnlyList<VerboseRecord> Verbose { get; }

    public IReadOnlyList<DebugRecord> Debug { get; }

    public IReadOnlyList<ProgressRecord> Progress { get; }
}
