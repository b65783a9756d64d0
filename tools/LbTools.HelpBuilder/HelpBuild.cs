using System.Text;

namespace LbTools.HelpBuilder;

/// <summary>Builds everything in a help source folder into an en-US output folder.</summary>
public static class HelpBuild
{
    public const string MamlFileName = "LbTools.PowerShell.dll-Help.xml";

    /// <summary>Reads every cmdlet page (Verb-Noun.md) of the folder.</summary>
    public static List<CommandHelp> ReadCommands(string sourceFolder) =>
        Directory.GetFiles(sourceFolder, "*-*.md")
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(MarkdownHelpReader.Read)
            .ToList();

    /// <summary>Writes the MAML file and one about_*.help.txt per about_*.md; returns the files written.</summary>
    public static IReadOnlyList<string> Run(string sourceFolder, string outputFolder)
    {
        Directory.CreateDirectory(outputFolder);
        var written = new List<string>();
        var commands = ReadCommands(sourceFolder);
        var maml = Path.Combine(outputFolder, MamlFileName);
        using (var stream = File.Create(maml))
        {
            MamlWriter.Write(commands).Save(stream);
        }

        written.Add(maml);
        foreach (var about in Directory.GetFiles(sourceFolder, "about_*.md").OrderBy(f => f, StringComparer.Ordinal))
        {
            var target = Path.Combine(outputFolder, Path.GetFileNameWithoutExtension(about) + ".help.txt");
            File.WriteAllText(target, AboutTopicWriter.Write(File.ReadAllLines(about), Path.GetFileName(about)), new UTF8Encoding(false));
            written.Add(target);
        }

        return written;
    }
}
