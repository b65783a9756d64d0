using System.Text.RegularExpressions;

namespace LbTools.PowerShell.Tests.InProcess;

/// <summary>
/// Get-Help on PowerShell 7.6 reads the laid-out en-US help (MAML and about topic built from
/// docs/help): each cmdlet's synopsis, parameters and examples are the ones the markdown source has.
/// </summary>
public class GetHelpTests
{
    private static string HelpSource(string name) => Path.Combine(TestPaths.RepositoryRoot, "docs", "help", name + ".md");

    // Every cmdlet the manifest exports, new ones included.
    private static IReadOnlyList<string> CmdletNames => LbPowerShell.ManifestCmdlets();

    public static TheoryData<string> Cmdlets() => new(CmdletNames);

    private static string Section(string markdown, string heading)
    {
        var match = Regex.Match(markdown, "^## " + heading + @"\s*\n(?<body>.*?)(?=^## |\z)", RegexOptions.Multiline | RegexOptions.Singleline);
        Assert.True(match.Success, $"no '## {heading}' section");
        return match.Groups["body"].Value;
    }

    private static string OneLine(string text) => Regex.Replace(text, @"\s+", " ").Trim();

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Get_Help_gives_the_synopsis_parameters_and_examples_of_the_help_source(string cmdlet)
    {
        var markdown = File.ReadAllText(HelpSource(cmdlet)).Replace("\r\n", "\n", StringComparison.Ordinal);
        var output = LbPowerShell.Run(
            "$h = Get-Help $name -Full; $h.Synopsis; @($h.Examples.Example).Count; " +
            "@($h.Parameters.Parameter | ForEach-Object { '{0}={1}' -f $_.Name, (($_.Description | Out-String).Trim().Length -gt 0) })",
            new Dictionary<string, object?> { ["name"] = cmdlet });

        Assert.Equal(OneLine(Section(markdown, "SYNOPSIS")), OneLine(output[0].BaseObject.ToString()!));
        Assert.Equal(Regex.Matches(Section(markdown, "EXAMPLES"), "^### ", RegexOptions.Multiline).Count, (int)output[1].BaseObject);

        var documented = Regex.Matches(Section(markdown, "PARAMETERS"), @"^### -(\w+)", RegexOptions.Multiline).Select(m => m.Groups[1].Value).OrderBy(n => n, StringComparer.Ordinal);
        var shown = output.Skip(2).Select(o => o.BaseObject.ToString()!).ToList();
        Assert.Equal(documented, shown.Select(s => s.Split('=')[0]).OrderBy(n => n, StringComparer.Ordinal));
        Assert.All(shown, s => Assert.EndsWith("=True", s, StringComparison.Ordinal));
    }

    [Fact]
    public void Get_Help_about_LbTools_shows_the_about_topic()
    {
        var markdown = File.ReadAllText(HelpSource("about_LbTools")).Replace("\r\n", "\n", StringComparison.Ordinal);
        var text = OneLine(string.Concat(LbPowerShell.Run("Get-Help about_LbTools | Out-String -Width 200").Select(o => o.ToString())));
        Assert.Contains(OneLine(Section(markdown, "SHORT DESCRIPTION")), text, StringComparison.Ordinal);
        Assert.Contains("Get-LbAccessLog", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Get_Help_finds_the_about_topic_by_wildcard_next_to_the_cmdlets()
    {
        var names = LbPowerShell.Run("Get-Help *Lb* | ForEach-Object Name").Select(o => o.ToString()).ToList();
        Assert.Contains("about_LbTools", names);
        Assert.All(CmdletNames, cmdlet => Assert.Contains(cmdlet, names));
    }
}
