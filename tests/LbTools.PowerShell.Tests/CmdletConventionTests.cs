using System.Management.Automation;
using System.Text.RegularExpressions;
using LbTools.Core.Diagnosis;
using LbTools.Core.Logs;
using LbTools.Core.Probes;

namespace LbTools.PowerShell.Tests;

public class CmdletConventionTests
{
    private static string ModuleFile(string name) => Path.Combine(AppContext.BaseDirectory, "module", name);

    public static TheoryData<string> CmdletNames()
    {
        var data = new TheoryData<string>();
        foreach (var type in CmdletMetadata.CmdletTypes())
        {
            data.Add(type.Name);
        }

        return data;
    }

    private static Type Cmdlet(string className) => CmdletMetadata.CmdletTypes().Single(t => t.Name == className);

    [Fact]
    public void The_three_capabilities_have_cmdlets()
    {
        var names = CmdletMetadata.CmdletTypes().Select(CmdletMetadata.Name).ToList();
        Assert.Contains("Get-LbAccessLog", names);
        Assert.Contains("Resolve-LbStatus", names);
        Assert.Contains("Test-LbBackend", names);
    }

    [Fact]
    public void Get_LbAccessLog_reads_on_the_processor_count_of_threads_by_default_at_most_8()
    {
        // The cmdlet class holds only parameters, so it can be made outside a runspace.
        var command = new LbTools.PowerShell.Commands.GetLbAccessLogCommand();
        Assert.Equal(Math.Min(Environment.ProcessorCount, 8), command.ThrottleLimit);
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void Cmdlet_uses_an_approved_verb_a_singular_noun_and_the_class_naming(string className)
    {
        var type = Cmdlet(className);
        var (verb, noun) = CmdletMetadata.VerbNoun(type);
        Assert.Contains(verb, CmdletMetadata.ApprovedVerbs());
        Assert.StartsWith("Lb", noun, StringComparison.Ordinal);
        Assert.False(noun.EndsWith("s", StringComparison.Ordinal) && !noun.EndsWith("Status", StringComparison.Ordinal), $"noun {noun} looks plural");
        Assert.Equal(verb + noun + "Command", type.Name);
        Assert.True(type.IsSealed, $"{type.Name} must be sealed");
        Assert.Equal("LbTools.PowerShell.Commands", type.Namespace);
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void Cmdlet_declares_output_types_that_have_a_format_view(string className)
    {
        var outputs = CmdletMetadata.OutputTypes(Cmdlet(className));
        Assert.NotEmpty(outputs);
        var format = File.ReadAllText(ModuleFile("LbTools.format.ps1xml"));
        foreach (var type in outputs.Where(t => t.Namespace!.StartsWith("LbTools", StringComparison.Ordinal)))
        {
            Assert.Contains($"<TypeName>{type.FullName}</TypeName>", format);
        }
    }

    [Fact]
    public void Manifest_exports_exactly_the_cmdlet_classes()
    {
        var manifest = File.ReadAllText(ModuleFile("LbTools.psd1"));
        var block = Regex.Match(manifest, @"CmdletsToExport\s*=\s*@\((?<list>[^)]*)\)").Groups["list"].Value;
        var exported = Regex.Matches(block, @"'([^']+)'").Select(m => m.Groups[1].Value).OrderBy(n => n, StringComparer.Ordinal).ToList();
        var classes = CmdletMetadata.CmdletTypes().Select(CmdletMetadata.Name).OrderBy(n => n, StringComparer.Ordinal).ToList();
        Assert.Equal(classes, exported);
        Assert.DoesNotContain("*", block);
    }

    [Fact]
    public void Manifest_declares_both_editions_and_windows_powershell()
    {
        var manifest = File.ReadAllText(ModuleFile("LbTools.psd1"));
        Assert.Matches(@"CompatiblePSEditions\s*=\s*@\('Core',\s*'Desktop'\)", manifest);
        Assert.Matches(@"PowerShellVersion\s*=\s*'5\.1'", manifest);
        Assert.Matches(@"RootModule\s*=\s*'LbTools\.PowerShell\.dll'", manifest);
        Assert.Contains("LbTools.format.ps1xml", manifest);
    }

    [Fact]
    public void Get_LbAccessLog_binds_files_from_the_pipeline_and_lines_by_value()
    {
        var type = typeof(LbTools.PowerShell.Commands.GetLbAccessLogCommand);
        var literal = type.GetProperty("LiteralPath")!;
        Assert.Contains("PSPath", CmdletMetadata.Aliases(literal));
        Assert.Contains(CmdletMetadata.ParameterAttributes(literal), p => Equals(p["ValueFromPipelineByPropertyName"], true));
        var lines = type.GetProperty("InputObject")!;
        Assert.Equal(typeof(PSObject), lines.PropertyType);
        Assert.Contains(CmdletMetadata.ParameterAttributes(lines), p => Equals(p["ValueFromPipeline"], true));
        Assert.Contains(type.GetProperty("Path")!.GetCustomAttributesData(), a => a.AttributeType == typeof(SupportsWildcardsAttribute));
        Assert.Equal(typeof(LogFormat), type.GetProperty("Format")!.PropertyType);
    }

    [Fact]
    public void Resolve_LbStatus_takes_log_records_from_the_pipeline()
    {
        var input = typeof(LbTools.PowerShell.Commands.ResolveLbStatusCommand).GetProperty("InputObject")!;
        Assert.Equal(typeof(LbLogRecord[]), input.PropertyType);
        Assert.Contains(CmdletMetadata.ParameterAttributes(input), p => Equals(p["ValueFromPipeline"], true));
    }

    [Fact]
    public void Test_LbBackend_binds_upstream_addresses_by_property_name()
    {
        var target = typeof(LbTools.PowerShell.Commands.TestLbBackendCommand).GetProperty("Target")!;
        Assert.Contains("Upstream", CmdletMetadata.Aliases(target));
        Assert.Contains(CmdletMetadata.ParameterAttributes(target), p => Equals(p["ValueFromPipelineByPropertyName"], true) && Equals(p["ValueFromPipeline"], true));
        // The aliases must name real properties of what flows in, or binding silently finds nothing.
        Assert.NotNull(typeof(LbLogRecord).GetProperty("Upstream"));
        Assert.NotNull(typeof(StatusDiagnosis).GetProperty("Upstream"));
        Assert.Equal(typeof(ProbeKind[]), typeof(LbTools.PowerShell.Commands.TestLbBackendCommand).GetProperty("Probe")!.PropertyType);
    }
}
