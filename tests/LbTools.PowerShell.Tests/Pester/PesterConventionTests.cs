using System.Management.Automation.Language;

namespace LbTools.PowerShell.Tests.Pester;

/// <summary>
/// What every Pester file must do without, so the suite runs on any PowerShell 7 (the SDK host
/// included): jobs need a pwsh executable in $PSHOME or the ThreadJob module, and 'pwsh' need
/// not be on PATH. Background work goes to [powershell]::Create(); a child process to
/// Get-LbChildPowerShell (tests/pester/TestHelpers.ps1).
/// </summary>
public class PesterConventionTests
{
    private static readonly string[] Refused = { "Start-Job", "Start-ThreadJob", "Receive-Job", "Wait-Job", "pwsh", "pwsh.exe", "powershell", "powershell.exe" };

    public static TheoryData<string> Files() => new(Directory.GetFiles(TestPaths.PesterTests, "*.ps1").Select(Path.GetFileName).OrderBy(f => f, StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Files))]
    public void A_Pester_file_uses_no_job_and_no_pwsh_from_PATH(string file)
    {
        var ast = Parser.ParseFile(Path.Combine(TestPaths.PesterTests, file), out _, out var errors);
        Assert.Empty(errors);
        var uses = ast.FindAll(a => a is CommandAst c && Refused.Contains(c.GetCommandName(), StringComparer.OrdinalIgnoreCase), searchNestedScriptBlocks: true)
            .Select(a => $"line {a.Extent.StartLineNumber}: {((CommandAst)a).GetCommandName()}")
            .ToList();
        Assert.True(uses.Count == 0, $"{file}: " + string.Join("; ", uses));
    }
}
