namespace LbTools.PowerShell.Tests.InProcess;

public class ModuleImportTests
{
    [Fact]
    public void The_laid_out_module_imports_in_process_with_the_cmdlets_of_its_manifest()
    {
        var output = LbPowerShell.Run("(Get-Module LbTools).ModuleBase; (Get-Module LbTools).ExportedCmdlets.Keys | Sort-Object");
        Assert.Equal(TestPaths.ModuleDirectory.TrimEnd('/', '\\'), output[0].BaseObject.ToString()!.TrimEnd('/', '\\'));
        var exported = output.Skip(1).Select(o => o.ToString()).ToList();
        Assert.Equal(LbPowerShell.ManifestCmdlets().OrderBy(n => n, StringComparer.OrdinalIgnoreCase), exported);
        Assert.Superset(new HashSet<string> { "Get-LbAccessLog", "Get-LbCause", "Resolve-LbStatus", "Test-LbBackend" }, exported.ToHashSet());
    }

    [Fact]
    public void The_tests_and_the_runspace_run_the_laid_out_assemblies()
    {
        var folder = TestPaths.ModuleDirectory.TrimEnd('/', '\\');
        Assert.Equal(folder, Path.GetDirectoryName(typeof(LbTools.Core.Logs.LbLogRecord).Assembly.Location));
        Assert.Equal(folder, Path.GetDirectoryName(CmdletMetadata.ModuleAssembly.Location));
        var output = LbPowerShell.Run("(Get-Command Get-LbAccessLog).ImplementingType.Assembly.Location");
        Assert.Equal(CmdletMetadata.ModuleAssembly.Location, output[0].BaseObject);
    }
}
