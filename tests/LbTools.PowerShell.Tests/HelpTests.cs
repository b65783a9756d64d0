using System.Reflection;
using System.Xml.Linq;
using LbTools.HelpBuilder;

namespace LbTools.PowerShell.Tests;

/// <summary>
/// Get-Help must work for every cmdlet: the help source (docs/help/*.md) covers every cmdlet and
/// every public parameter, agrees with the cmdlet's real parameter metadata, and builds into
/// well-formed MAML. Failure messages list exactly what is missing, by cmdlet and parameter.
/// </summary>
public class HelpTests
{
    private static readonly string HelpSource = Path.Combine(AppContext.BaseDirectory, "help");

    private static readonly Lazy<Dictionary<string, CommandHelp>> Pages = new(() =>
        HelpBuild.ReadCommands(HelpSource).ToDictionary(c => c.Name, StringComparer.Ordinal));

    /// <summary>Public properties with [Parameter], read from attribute data.</summary>
    private static IEnumerable<PropertyInfo> Parameters(Type cmdlet) =>
        cmdlet.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => CmdletMetadata.ParameterAttributes(p).Count > 0);

    [Fact]
    public void Every_cmdlet_has_a_page_with_synopsis_description_examples_and_links()
    {
        var missing = new List<string>();
        foreach (var name in CmdletMetadata.CmdletTypes().Select(CmdletMetadata.Name))
        {
            if (!Pages.Value.TryGetValue(name, out var page))
            {
                missing.Add($"{name}: no docs/help/{name}.md");
                continue;
            }

            if (string.IsNullOrWhiteSpace(page.Synopsis)) missing.Add($"{name}: SYNOPSIS is empty");
            if (page.Description.Count == 0) missing.Add($"{name}: DESCRIPTION is empty");
            if (page.Examples.Count < 2) missing.Add($"{name}: {page.Examples.Count} example(s), at least 2 needed");
            if (page.Examples.Any(e => string.IsNullOrWhiteSpace(e.Code) || e.Remarks.Count == 0)) missing.Add($"{name}: an example without code or explanation");
            if (page.RelatedLinks.Count == 0) missing.Add($"{name}: no RELATED LINKS");
            if (page.Outputs.Count == 0) missing.Add($"{name}: no OUTPUTS");
        }

        Assert.True(missing.Count == 0, "Help is missing:" + Environment.NewLine + string.Join(Environment.NewLine, missing));
    }

    [Fact]
    public void Every_public_parameter_has_a_help_section_with_text()
    {
        var missing = new List<string>();
        foreach (var cmdlet in CmdletMetadata.CmdletTypes())
        {
            var name = CmdletMetadata.Name(cmdlet);
            Pages.Value.TryGetValue(name, out var page);
            foreach (var property in Parameters(cmdlet))
            {
                var section = page?.Parameters.FirstOrDefault(p => p.Name == property.Name);
                if (section == null)
                {
                    missing.Add($"{name} -{property.Name}: no '### -{property.Name}' section");
                }
                else if (section.Description.Count == 0)
                {
                    missing.Add($"{name} -{property.Name}: the section has no text");
                }
            }
        }

        Assert.True(missing.Count == 0, "Parameter help is missing:" + Environment.NewLine + string.Join(Environment.NewLine, missing));
    }

    [Fact]
    public void Help_documents_no_parameter_or_cmdlet_that_does_not_exist()
    {
        var cmdlets = CmdletMetadata.CmdletTypes().ToDictionary(CmdletMetadata.Name, StringComparer.Ordinal);
        var stale = new List<string>();
        foreach (var page in Pages.Value.Values)
        {
            if (!cmdlets.TryGetValue(page.Name, out var cmdlet))
            {
                stale.Add($"{page.SourceFile}: no cmdlet {page.Name}");
                continue;
            }

            var real = Parameters(cmdlet).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            stale.AddRange(page.Parameters.Where(p => !real.Contains(p.Name)).Select(p => $"{page.SourceFile}: -{p.Name} is not a parameter of {page.Name}"));
        }

        Assert.True(stale.Count == 0, string.Join(Environment.NewLine, stale));
    }

    [Fact]
    public void Parameter_metadata_in_the_help_matches_the_cmdlet()
    {
        var wrong = new List<string>();
        foreach (var cmdlet in CmdletMetadata.CmdletTypes())
        {
            if (!Pages.Value.TryGetValue(CmdletMetadata.Name(cmdlet), out var page))
            {
                continue;
            }

            foreach (var property in Parameters(cmdlet))
            {
                var section = page.Parameters.FirstOrDefault(p => p.Name == property.Name);
                if (section == null)
                {
                    continue;
                }

                var attributes = CmdletMetadata.ParameterAttributes(property);
                string where = $"{page.Name} -{property.Name}";
                var sets = attributes.Select(a => a.TryGetValue("ParameterSetName", out var s) && s is string set ? set : ParameterHelp.AllSets).OrderBy(s => s, StringComparer.Ordinal);
                if (!sets.SequenceEqual(section.Sets.OrderBy(s => s, StringComparer.Ordinal)))
                {
                    wrong.Add($"{where}: Parameter Sets '{string.Join(", ", section.Sets)}' but the cmdlet says '{string.Join(", ", sets)}'");
                }

                bool mandatory = attributes.Any(a => a.TryGetValue("Mandatory", out var m) && Equals(m, true));
                if (mandatory != section.Required)
                {
                    wrong.Add($"{where}: Required {section.Required} but Mandatory is {mandatory}");
                }

                var position = attributes.Select(a => a.TryGetValue("Position", out var p) ? p?.ToString() : null).FirstOrDefault(p => p != null) ?? "Named";
                if (position != section.Position)
                {
                    wrong.Add($"{where}: Position {section.Position} but the cmdlet says {position}");
                }

                // Get-Help (like platyPS) names a nullable parameter by its underlying type: DateTime?, shown as DateTime.
                var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
                if (type.Name != section.Type)
                {
                    wrong.Add($"{where}: Type {section.Type} but the property is {type.Name}");
                }

                var aliases = CmdletMetadata.Aliases(property).OrderBy(a => a, StringComparer.Ordinal);
                if (!aliases.SequenceEqual(section.Aliases.OrderBy(a => a, StringComparer.Ordinal)))
                {
                    wrong.Add($"{where}: Aliases '{string.Join(", ", section.Aliases)}' but the cmdlet has '{string.Join(", ", aliases)}'");
                }

                bool byValue = attributes.Any(a => a.TryGetValue("ValueFromPipeline", out var v) && Equals(v, true));
                bool byName = attributes.Any(a => a.TryGetValue("ValueFromPipelineByPropertyName", out var v) && Equals(v, true));
                if (byValue != section.PipelineInput.Contains("ByValue", StringComparison.Ordinal) || byName != section.PipelineInput.Contains("ByPropertyName", StringComparison.Ordinal))
                {
                    wrong.Add($"{where}: Accept pipeline input '{section.PipelineInput}' but ByValue={byValue}, ByPropertyName={byName}");
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    [Fact]
    public void The_built_maml_is_well_formed_with_one_command_per_cmdlet()
    {
        using var output = new TempFolder();
        HelpBuild.Run(HelpSource, output.Path);
        var document = XDocument.Load(Path.Combine(output.Path, "LbTools.PowerShell.dll-Help.xml"));

        Assert.Equal(MamlWriter.Msh + "helpItems", document.Root!.Name);
        Assert.Equal("maml", (string?)document.Root.Attribute("schema"));
        var commands = document.Root.Elements(MamlWriter.Command + "command").ToList();
        var names = commands.Select(c => (string)c.Element(MamlWriter.Command + "details")!.Element(MamlWriter.Command + "name")!).ToList();
        Assert.Equal(CmdletMetadata.CmdletTypes().Select(CmdletMetadata.Name).OrderBy(n => n, StringComparer.Ordinal), names);

        foreach (var command in commands)
        {
            var details = command.Element(MamlWriter.Command + "details")!;
            Assert.False(string.IsNullOrWhiteSpace((string?)details.Element(MamlWriter.Maml + "description")), "synopsis");
            Assert.True(command.Element(MamlWriter.Command + "examples")!.Elements(MamlWriter.Command + "example").Count() >= 2);
            Assert.NotEmpty(command.Element(MamlWriter.Command + "syntax")!.Elements(MamlWriter.Command + "syntaxItem"));
            Assert.NotEmpty(command.Element(MamlWriter.Command + "relatedLinks")!.Elements(MamlWriter.Maml + "navigationLink"));
        }
    }

    [Fact]
    public void The_maml_syntax_has_one_item_per_parameter_set_with_that_sets_parameters()
    {
        // Get-LbAccessLog has the sets Path, LiteralPath and InputObject (see its [Parameter] attributes).
        var page = Pages.Value["Get-LbAccessLog"];
        var command = MamlWriter.Write(new[] { page }).Root!.Element(MamlWriter.Command + "command")!;
        var items = command.Element(MamlWriter.Command + "syntax")!.Elements(MamlWriter.Command + "syntaxItem").ToList();
        Assert.Equal(3, items.Count);
        var literal = items.Single(i => i.Elements(MamlWriter.Command + "parameter").Any(p => (string)p.Element(MamlWriter.Maml + "name")! == "LiteralPath"));
        var parameterNames = literal.Elements(MamlWriter.Command + "parameter").Select(p => (string)p.Element(MamlWriter.Maml + "name")!).ToList();
        Assert.DoesNotContain("Path", parameterNames);
        Assert.Contains("Recurse", parameterNames);
        var path = command.Element(MamlWriter.Command + "parameters")!.Elements(MamlWriter.Command + "parameter").Single(p => (string)p.Element(MamlWriter.Maml + "name")! == "Path");
        Assert.Equal("true", (string?)path.Attribute("globbing"));
        Assert.Equal("0", (string?)path.Attribute("position"));
        Assert.Equal("true", (string?)path.Attribute("required"));
    }

    [Fact]
    public void The_about_topic_is_built_with_the_layout_get_help_shows()
    {
        using var output = new TempFolder();
        HelpBuild.Run(HelpSource, output.Path);
        var text = File.ReadAllText(Path.Combine(output.Path, "about_LbTools.help.txt"));
        Assert.StartsWith("TOPIC" + Environment.NewLine + "    about_LbTools", text, StringComparison.Ordinal);
        Assert.Contains(Environment.NewLine + "SHORT DESCRIPTION" + Environment.NewLine, text, StringComparison.Ordinal);
        Assert.Contains(Environment.NewLine + "LONG DESCRIPTION" + Environment.NewLine, text, StringComparison.Ordinal);
        foreach (var topic in new[] { "THE PIPELINE", "THE RECORD SHAPE", "CAUSE IDS", "PROVIDER PROFILES" })
        {
            Assert.Contains(topic, text, StringComparison.Ordinal);
        }

        foreach (var name in CmdletMetadata.CmdletTypes().Select(CmdletMetadata.Name))
        {
            Assert.Contains(name, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_malformed_help_page_is_an_error_naming_file_and_line()
    {
        var lines = new[] { "# Get-Thing", "", "## SYNOPSIS", "Does a thing.", "", "## DESCRIPTON", "typo above" };
        var error = Assert.Throws<HelpFormatException>(() => MarkdownHelpReader.Parse(lines, "Get-Thing.md"));
        Assert.Equal(6, error.Line);
        Assert.StartsWith("Get-Thing.md:6:", error.Message, StringComparison.Ordinal);
        Assert.Contains("DESCRIPTON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_parameter_without_its_yaml_block_is_an_error()
    {
        var lines = new[] { "# Get-Thing", "## PARAMETERS", "### -Name", "The name." };
        var error = Assert.Throws<HelpFormatException>(() => MarkdownHelpReader.Parse(lines, "Get-Thing.md"));
        Assert.Equal(3, error.Line);
        Assert.Contains("-Name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_readme_links_the_help_and_the_about_topic()
    {
        var readme = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "README.md"));
        foreach (var page in Directory.GetFiles(HelpSource, "*.md").Select(Path.GetFileName))
        {
            Assert.Contains($"(docs/help/{page})", readme, StringComparison.Ordinal);
        }
    }

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "lbtools-help-" + Guid.NewGuid().ToString("N"));

        public void Dispose()
        {
            if (Directory.Exists(Path))
            {
                Directory.Delete(Path, recursive: true);
            }
        }
    }
}
