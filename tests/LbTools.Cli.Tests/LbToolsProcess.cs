using System.Diagnostics;

namespace LbTools.Cli.Tests;

/// <summary>What one run of lbtools printed and returned.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error);

/// <summary>
/// Starts the real lbtools (the built lbtools.dll beside the tests) with the dotnet host that runs
/// the tests, waits at most a minute, and kills it if it has not ended by then.
/// </summary>
internal static class LbToolsProcess
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(1);

    public static string ExamplesFolder => Path.Combine(AppContext.BaseDirectory, "examples");

    public static CliRun Run(params string[] args)
    {
        string host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h && File.Exists(h) ? h : "dotnet";
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "lbtools.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("lbtools did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"lbtools {string.Join(' ', args)} did not end within {Limit.TotalSeconds} s");
        }

        process.WaitForExit();
        return new CliRun(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }
}
