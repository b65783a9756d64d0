namespace LbTools.PowerShell.Tests.InProcess;

public class ModuleImportTests
{
    [Fact]
    public void The_laid_out_module_imports_in_process_with_its_four_cmdlets()
    {
        var output = LbPowerShell.Run("(Get-Module LbTools).ModuleBase; (Get-Module LbTools).ExportedCmdlets.Keys | Sort-Object");
        Assert.Equal(TestPaths.ModuleDirectory.TrimEnd('/', '\\'), output[0].BaseObject.ToString()!.TrimEnd('/', '\\'));
        Assert.Equal(new[] { "Get-LbAccessLog", "Get-LbCause", "Resolve-LbStatus", "Test-LbBackend" }, output.Skip(1).Select(o => o.ToString()));
    }
}
