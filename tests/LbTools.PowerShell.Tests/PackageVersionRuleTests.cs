using System.Xml.Linq;

namespace LbTools.PowerShell.Tests;

/// <summary>
/// The load rule in Directory.Packages.props: packages loaded into PowerShell that .NET also
/// carries stay on the 8.0 line, or the module fails to import in PowerShell 7.4 (.NET 8).
/// </summary>
public class PackageVersionRuleTests
{
    private static readonly string[] FrameworkFamilies = { "System.", "Microsoft.Extensions.", "Microsoft.Bcl." };

    [Fact]
    public void Packages_shipped_into_PowerShell_do_not_pass_the_dotnet_8_line()
    {
        var props = XDocument.Load(Path.Combine(AppContext.BaseDirectory, "Directory.Packages.props"));
        var shipped = props.Descendants("ItemGroup")
            .Where(g => ((string?)g.Attribute("Label") ?? string.Empty).StartsWith("Loaded into PowerShell", StringComparison.Ordinal))
            .SelectMany(g => g.Elements("PackageVersion"))
            .ToList();
        Assert.NotEmpty(shipped);
        foreach (var package in shipped)
        {
            var id = (string)package.Attribute("Include")!;
            var version = Version.Parse(((string)package.Attribute("Version")!).Split('-')[0]);
            if (FrameworkFamilies.Any(f => id.StartsWith(f, StringComparison.Ordinal)) && version.Major >= 8)
            {
                Assert.True(version.Major == 8, $"{id} {version} is past the .NET 8 line");
            }
        }
    }

    [Fact]
    public void The_module_assembly_does_not_reference_a_newer_framework_assembly_than_dotnet_8()
    {
        foreach (var assembly in new[] { CmdletMetadata.ModuleAssembly, typeof(LbTools.Core.Logs.LbLogRecord).Assembly })
        {
            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                if (reference.Name!.StartsWith("System.", StringComparison.Ordinal) || reference.Name.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal))
                {
                    Assert.True(reference.Version!.Major <= 8, $"{assembly.GetName().Name} references {reference.Name} {reference.Version}");
                }
            }
        }
    }
}
