using System.Reflection;
using System.Runtime.Versioning;

namespace LbTools.PowerShell.Tests;

/// <summary>
/// Windows PowerShell 5.1 cannot run here, so the module stays loadable there by construction:
/// netstandard2.0 assemblies compiled against the PowerShell Standard 5.1 reference set
/// (PowerShellStandard.Library 5.1.1), whose System.Management.Automation is version 3.0.0.0 as in
/// Windows PowerShell 3 to 5.1. A cmdlet using an API only PowerShell 7 has would not compile.
/// </summary>
public class WindowsPowerShellReachTests
{
    private static readonly Assembly[] Shipped = { CmdletMetadata.ModuleAssembly, typeof(LbTools.Core.Logs.LbLogRecord).Assembly };

    [Fact]
    public void The_cmdlet_and_core_assemblies_target_netstandard_2_0()
    {
        Assert.All(Shipped, a => Assert.Equal(".NETStandard,Version=v2.0", a.GetCustomAttribute<TargetFrameworkAttribute>()?.FrameworkName));
    }

    [Fact]
    public void The_cmdlets_compile_against_System_Management_Automation_3_0_of_the_5_1_reference_set()
    {
        var reference = CmdletMetadata.ModuleAssembly.GetReferencedAssemblies().Single(r => r.Name == "System.Management.Automation");
        Assert.Equal(new Version(3, 0, 0, 0), reference.Version);
        Assert.DoesNotContain(typeof(LbTools.Core.Logs.LbLogRecord).Assembly.GetReferencedAssemblies(), r => r.Name == "System.Management.Automation");
    }
}
