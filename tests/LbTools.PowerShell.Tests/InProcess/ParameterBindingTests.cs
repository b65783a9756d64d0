using System.Management.Automation;
using LbTools.Core.Diagnosis;
using LbTools.Core.Logs;
using LbTools.Core.Probes;

namespace LbTools.PowerShell.Tests.InProcess;

/// <summary>What PowerShell's parameter binder makes of the cmdlets: parameter sets and pipelines.</summary>
public class ParameterBindingTests
{
    private static string AlbFolder => Path.Combine(LbPowerShell.ExampleLogs, "aws-alb");

    [Fact]
    public void Get_LbAccessLog_takes_a_positional_path_as_Path_and_expands_its_wildcard()
    {
        var output = LbPowerShell.Run("Get-LbAccessLog (Join-Path $folder '*.log')", new Dictionary<string, object?> { ["folder"] = AlbFolder });
        Assert.Equal(15, output.Count);
        Assert.All(output, o => Assert.IsType<LbLogRecord>(o.BaseObject));
    }

    [Fact]
    public void Get_LbAccessLog_LiteralPath_does_not_expand_brackets_and_Path_does()
    {
        var bracketed = LbPowerShell.TempFile("a[1].log", LbPowerShell.AlbLine);
        var plain = Path.Combine(Path.GetDirectoryName(bracketed)!, "a1.log");
        File.WriteAllLines(plain, new[] { LbPowerShell.AlbLine, LbPowerShell.AlbLine });
        var variables = new Dictionary<string, object?> { ["file"] = bracketed };

        var literal = LbPowerShell.Run("Get-LbAccessLog -LiteralPath $file", variables);
        Assert.Equal(bracketed, Assert.Single(literal).Properties["SourceFile"].Value);

        // As -Path, [1] is a character class: the name matches a1.log.
        var wildcard = LbPowerShell.Run("Get-LbAccessLog -Path $file", variables);
        Assert.Equal(2, wildcard.Count);
        Assert.All(wildcard, r => Assert.Equal(plain, r.Properties["SourceFile"].Value));
    }

    [Fact]
    public void Get_LbAccessLog_takes_piped_strings_as_log_lines()
    {
        var output = LbPowerShell.Run("$line, $line | Get-LbAccessLog -Format AwsAlb", new Dictionary<string, object?> { ["line"] = LbPowerShell.AlbLine });
        Assert.Equal(2, output.Count);
        Assert.Equal(new long[] { 1, 2 }, output.Select(o => ((LbLogRecord)o.BaseObject).LineNumber));
    }

    [Theory]
    [InlineData("Get-LbAccessLog -Path a.log -LiteralPath b.log", "AmbiguousParameterSet")]
    [InlineData("Get-LbCause -Triage -Id 502.AppError", "AmbiguousParameterSet")]
    [InlineData("Resolve-LbStatus -StatusCode 502 -Summary", "AmbiguousParameterSet")]
    [InlineData("Get-LbAccessLog -Path a.log -NoSuchParameter 1", "NamedParameterNotFound")]
    public void Parameters_of_two_sets_together_are_refused_by_the_binder(string script, string errorId)
    {
        var error = LbPowerShell.FirstError(script);
        Assert.IsAssignableFrom<ParameterBindingException>(error.Exception);
        Assert.StartsWith(errorId, error.FullyQualifiedErrorId, StringComparison.Ordinal);
    }

    [Fact]
    public void Commands_run_without_a_mandatory_parameter_ask_for_it_and_fail_without_a_host()
    {
        // No host to prompt: PowerShell reports the missing mandatory parameter by name.
        var error = LbPowerShell.FirstError("Test-LbBackend");
        Assert.IsAssignableFrom<ParameterBindingException>(error.Exception);
        Assert.Contains("Target", error.Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Get_LbCause_needs_no_parameter_and_lists_the_catalog()
    {
        var output = LbPowerShell.Run("Get-LbCause");
        Assert.True(output.Count > 10, $"{output.Count} causes");
        Assert.All(output, o => Assert.IsType<CauseDescription>(o.BaseObject));
    }

    [Fact]
    public void Resolve_LbStatus_takes_a_positional_status_code_in_the_StatusCode_set()
    {
        var output = LbPowerShell.Run("Resolve-LbStatus 502 -Provider AwsAlb");
        var diagnosis = Assert.IsType<StatusDiagnosis>(Assert.Single(output).BaseObject);
        Assert.Equal(502, diagnosis.Status);
        Assert.NotEmpty(diagnosis.Causes);
    }

    [Fact]
    public void Records_pipe_into_Resolve_LbStatus_by_value_and_diagnoses_into_Get_LbCause_by_property_name()
    {
        var output = LbPowerShell.Run(
            "$d = @(Get-LbAccessLog -Path $folder -Recurse | Resolve-LbStatus | Where-Object TopCause | Select-Object -First 3); " +
            "$d; $d | Get-LbCause",
            new Dictionary<string, object?> { ["folder"] = LbPowerShell.ExampleLogs });
        var diagnoses = output.Select(o => o.BaseObject).OfType<StatusDiagnosis>().ToList();
        var causes = output.Select(o => o.BaseObject).OfType<CauseDescription>().ToList();
        Assert.Equal(3, diagnoses.Count);
        // TopCause binds -Id (alias) for each piped diagnosis.
        Assert.Equal(diagnoses.Select(d => d.TopCause), causes.Select(c => c.Id));
    }

    [Fact]
    public void Records_pipe_into_Test_LbBackend_by_Upstream_and_probe_results_into_Resolve_LbStatus()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
            var line = LbPowerShell.AlbLine.Replace("10.0.0.1:80", $"127.0.0.1:{port}", StringComparison.Ordinal);
            var output = LbPowerShell.Run(
                "$p = @($line | Get-LbAccessLog -Format AwsAlb | Test-LbBackend -Probe Tcp -TimeoutSec 2); $p; $p | Resolve-LbStatus",
                new Dictionary<string, object?> { ["line"] = line });
            var probe = Assert.IsType<ProbeResult>(output[0].BaseObject);
            Assert.Equal($"127.0.0.1:{port}", probe.Target);
            Assert.Equal("Pass", probe.Outcome.ToString());
            Assert.Contains(output.Skip(1), o => o.BaseObject is StatusDiagnosis);
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public void Files_from_Get_ChildItem_bind_LiteralPath_through_PSPath()
    {
        var file = LbPowerShell.TempFile("b[2].log", LbPowerShell.AlbLine, LbPowerShell.AlbLine);
        var output = LbPowerShell.Run("Get-Item -LiteralPath $file | Get-LbAccessLog", new Dictionary<string, object?> { ["file"] = file });
        Assert.Equal(2, output.Count);
        Assert.Equal(file, ((LbLogRecord)output[0].BaseObject).SourceFile);
    }

    [Theory]
    [InlineData("Get-LbAccessLog")]
    [InlineData("Get-LbCause")]
    [InlineData("Resolve-LbStatus")]
    [InlineData("Test-LbBackend")]
    public void No_cmdlet_claims_WhatIf_since_none_changes_anything(string cmdlet)
    {
        // Reading logs, the catalog and probing change nothing on the system; -WhatIf would be a
        // promise no cmdlet keeps, so the binder refuses it (the runbook example script has its own).
        var output = LbPowerShell.Run("(Get-Command $name).Parameters.ContainsKey('WhatIf')", new Dictionary<string, object?> { ["name"] = cmdlet });
        Assert.False((bool)output[0].BaseObject);
        var error = LbPowerShell.FirstError(cmdlet + " -WhatIf");
        Assert.StartsWith("NamedParameterNotFound", error.FullyQualifiedErrorId, StringComparison.Ordinal);
    }
}
