using System.Management.Automation;
using LbTools.Core.Logs;

namespace LbTools.PowerShell.Tests.InProcess;

/// <summary>Errors, $?, -ErrorVariable, progress, Verbose and Debug as PowerShell delivers them.</summary>
public class ErrorAndStreamTests
{
    private static Dictionary<string, object?> Vars(string file) => new() { ["file"] = file };

    private static string MixedFile() => LbPowerShell.TempFile("mixed.log", LbPowerShell.AlbLine, "not a log line at all", LbPowerShell.AlbLine);

    [Fact]
    public void A_rejected_line_is_a_non_terminating_error_naming_file_and_line()
    {
        var file = MixedFile();
        var output = LbPowerShell.Run("Get-LbAccessLog -LiteralPath $file", out var streams, Vars(file));
        Assert.Equal(2, output.Count);
        var error = Assert.Single(streams.Error);
        Assert.StartsWith("LineRejected,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.Equal(file + ":2", error.TargetObject);
    }

    [Fact]
    public void ErrorAction_Stop_turns_the_rejected_line_into_a_terminating_error_after_the_records_before_it()
    {
        var file = MixedFile();
        using var shell = LbPowerShell.Create();
        shell.AddCommand("Get-LbAccessLog").AddParameter("LiteralPath", file).AddParameter("ErrorAction", ActionPreference.Stop);
        var output = new PSDataCollection<PSObject>();
        var ex = Assert.ThrowsAny<RuntimeException>(() => shell.Invoke(null, output));
        Assert.StartsWith("LineRejected,", ex.ErrorRecord.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(file + ":2", ex.ErrorRecord.TargetObject);
        // The first line's record came out; nothing after the stop did.
        var record = Assert.IsType<LbLogRecord>(Assert.Single(output).BaseObject);
        Assert.Equal(1, record.LineNumber);
    }

    [Fact]
    public void Dollar_question_is_false_after_a_rejected_line_and_true_after_a_clean_read()
    {
        var mixed = MixedFile();
        var clean = LbPowerShell.TempFile("clean.log", LbPowerShell.AlbLine);
        var output = LbPowerShell.Run(
            "$null = Get-LbAccessLog -LiteralPath $mixed -ErrorAction SilentlyContinue; $?; $null = Get-LbAccessLog -LiteralPath $clean; $?",
            new Dictionary<string, object?> { ["mixed"] = mixed, ["clean"] = clean });
        Assert.Equal(new object[] { false, true }, output.Select(o => o.BaseObject));
    }

    [Fact]
    public void ErrorVariable_collects_each_rejected_line_and_plus_appends()
    {
        var file = LbPowerShell.TempFile("two-bad.log", "junk one", LbPowerShell.AlbLine, "junk two");
        var output = LbPowerShell.Run(
            "$null = Get-LbAccessLog -LiteralPath $file -Format AwsAlb -ErrorVariable ev -ErrorAction SilentlyContinue; " +
            "$null = Get-LbAccessLog -LiteralPath $file -Format AwsAlb -ErrorVariable +ev -ErrorAction SilentlyContinue; " +
            "$ev | ForEach-Object { $_.TargetObject }",
            Vars(file));
        Assert.Equal(new[] { file + ":1", file + ":3", file + ":1", file + ":3" }, output.Select(o => o.BaseObject.ToString()));
    }

    [Fact]
    public void A_missing_file_is_ObjectNotFound_with_the_path_as_target()
    {
        var missing = Path.Combine(Path.GetTempPath(), "lbtools-" + Guid.NewGuid().ToString("N") + ".log");
        var error = LbPowerShell.FirstError("Get-LbAccessLog -LiteralPath $file", Vars(missing));
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Contains(missing, error.TargetObject?.ToString() ?? error.Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reading_files_writes_progress_records_that_end_completed()
    {
        LbPowerShell.Run("$null = Get-LbAccessLog -Path $file -Recurse", out var streams, Vars(LbPowerShell.ExampleLogs));
        Assert.NotEmpty(streams.Progress);
        Assert.All(streams.Progress, p => Assert.False(string.IsNullOrWhiteSpace(p.Activity)));
        Assert.Single(streams.Progress.Select(p => p.ActivityId).Distinct());
        Assert.Equal(ProgressRecordType.Completed, streams.Progress[^1].RecordType);
    }

    [Fact]
    public void Core_log_lines_reach_Debug_only_with_Debug_and_Verbose_only_with_Verbose()
    {
        var alb = Path.Combine(LbPowerShell.ExampleLogs, "aws-alb", "prod-web_node-a.log");
        LbPowerShell.Run("$null = Get-LbAccessLog -LiteralPath $file", out var quiet, Vars(alb));
        Assert.Empty(quiet.Debug);
        Assert.Empty(quiet.Verbose);

        LbPowerShell.Run("$null = Get-LbAccessLog -LiteralPath $file -Debug", out var debug, Vars(alb));
        // Core (Microsoft.Extensions.Logging) says which tokenizer cuts AWS lines: on .NET 8+ the vector
        // one, LbTools.Core.Simd.dll next to the laid-out LbTools.Core.dll.
        Assert.Contains(debug.Debug, d => d.Message.Contains("vector tokenizer", StringComparison.Ordinal));

        var line = LbPowerShell.Run("[pscustomobject]@{ Upstream = $null } | Test-LbBackend -Verbose", out var verbose);
        Assert.Empty(line);
        Assert.Contains(verbose.Verbose, v => v.Message.Contains("no target address", StringComparison.Ordinal));
    }
}
