using System.Text;

namespace LbTools.HelpBuilder;

/// <summary>
/// Turns about_*.md into the about_*.help.txt layout Get-Help shows: "TOPIC", "SHORT
/// DESCRIPTION", "LONG DESCRIPTION" headings at the margin, text indented by four spaces,
/// subsections ("###") as upper-case lines, code blocks kept verbatim.
/// </summary>
public static class AboutTopicWriter
{
    public static string Write(IReadOnlyList<string> lines, string file)
    {
        var title = lines.FirstOrDefault(l => l.StartsWith("# ", StringComparison.Ordinal))
            ?? throw new HelpFormatException(file, 1, "expected a '# about_Name' title");
        var text = new StringBuilder();
        text.AppendLine("TOPIC");
        text.AppendLine("    " + title[2..].Trim());
        bool inCode = false;
        bool seenShort = false;
        foreach (var line in lines.SkipWhile(l => l != title).Skip(1))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inCode = !inCode;
                continue;
            }

            if (inCode)
            {
                text.AppendLine("        " + line);
            }
            else if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                var heading = line[3..].Trim().ToUpperInvariant();
                seenShort |= heading == "SHORT DESCRIPTION";
                AppendBlank(text);
                text.AppendLine(heading);
            }
            else if (line.StartsWith("### ", StringComparison.Ordinal))
            {
                AppendBlank(text);
                text.AppendLine("  " + line[4..].Trim().ToUpperInvariant());
            }
            else if (line.Trim().Length == 0)
            {
                AppendBlank(text);
            }
            else
            {
                text.AppendLine("    " + line.Replace("`", string.Empty, StringComparison.Ordinal));
            }
        }

        if (!seenShort)
        {
            throw new HelpFormatException(file, 1, "an about topic needs a '## SHORT DESCRIPTION' section");
        }

        return text.ToString();
    }

    /// <summary>One blank line between blocks, never two.</summary>
    private static void AppendBlank(StringBuilder text)
    {
        var nl = Environment.NewLine;
        if (!text.ToString().EndsWith(nl + nl, StringComparison.Ordinal))
        {
            text.AppendLine();
        }
    }
}
