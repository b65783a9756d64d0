namespace LbTools.HelpBuilder;

/// <summary>
/// Reads a cmdlet help file in the platyPS markdown layout: "# Verb-Noun", then "## SYNOPSIS",
/// "## DESCRIPTION", "## EXAMPLES" ("### Example n: title", a fenced code block, remarks),
/// "## PARAMETERS" ("### -Name", text, a ```yaml block), "## INPUTS"/"## OUTPUTS" ("### Type"),
/// "## NOTES", "## RELATED LINKS" ([text](uri) lines). Unknown "##" sections are an error, so
/// a typo cannot drop a section silently.
/// </summary>
public static class MarkdownHelpReader
{
    private static readonly string[] KnownSections =
    {
        "SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS",
    };

    public static CommandHelp Read(string path) => Parse(File.ReadAllLines(path), Path.GetFileName(path));

    public static CommandHelp Parse(IReadOnlyList<string> lines, string file)
    {
        int start = SkipFrontMatter(lines);
        int titleLine = FindLine(lines, start, l => l.StartsWith("# ", StringComparison.Ordinal));
        if (titleLine < 0)
        {
            throw new HelpFormatException(file, start + 1, "expected a '# Verb-Noun' title");
        }

        var help = new CommandHelp { Name = lines[titleLine][2..].Trim(), SourceFile = file };
        foreach (var section in Split(lines, titleLine + 1, "## "))
        {
            var name = section.Heading.ToUpperInvariant();
            if (!KnownSections.Contains(name))
            {
                throw new HelpFormatException(file, section.Line, $"unknown section '## {section.Heading}' (known: {string.Join(", ", KnownSections)})");
            }

            switch (name)
            {
                case "SYNOPSIS":
                    help.Synopsis = string.Join(" ", Paragraphs(section.Body));
                    break;
                case "DESCRIPTION":
                    help.Description.AddRange(Paragraphs(section.Body));
                    break;
                case "EXAMPLES":
                    help.Examples.AddRange(ReadExamples(section, file));
                    break;
                case "PARAMETERS":
                    help.Parameters.AddRange(ReadParameters(section, file));
                    break;
                case "INPUTS":
                    help.Inputs.AddRange(ReadTypes(section));
                    break;
                case "OUTPUTS":
                    help.Outputs.AddRange(ReadTypes(section));
                    break;
                case "NOTES":
                    help.Notes.AddRange(Paragraphs(section.Body));
                    break;
                case "RELATED LINKS":
                    help.RelatedLinks.AddRange(ReadLinks(section, file));
                    break;
            }
        }

        return help;
    }

    /// <summary>Text paragraphs: blank lines separate them, list items stand alone, code fences stay verbatim.</summary>
    public static List<string> Paragraphs(IReadOnlyList<string> body)
    {
        var paragraphs = new List<string>();
        var current = new List<string>();
        bool inCode = false;

        void Flush()
        {
            if (current.Count > 0)
            {
                paragraphs.Add(inCode ? string.Join("\n", current) : string.Join(" ", current.Select(l => l.Trim())));
                current.Clear();
            }
        }

        foreach (var line in body)
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                Flush();
                inCode = !inCode;
                continue;
            }

            if (inCode)
            {
                current.Add("    " + line);
                continue;
            }

            if (line.Trim().Length == 0)
            {
                Flush();
            }
            else if (line.TrimStart().StartsWith("- ", StringComparison.Ordinal))
            {
                Flush();
                current.Add(line.Trim());
            }
            else
            {
                current.Add(line);
            }
        }

        Flush();
        return paragraphs;
    }

    private static IEnumerable<ExampleHelp> ReadExamples(Section section, string file)
    {
        foreach (var example in Split(section.Body, 0, "### ", section.Line))
        {
            var code = new List<string>();
            var remarks = new List<string>();
            int fence = example.Body.FindIndex(l => l.TrimStart().StartsWith("```", StringComparison.Ordinal));
            if (fence < 0)
            {
                throw new HelpFormatException(file, example.Line, $"example '{example.Heading}' has no fenced code block");
            }

            int end = example.Body.FindIndex(fence + 1, l => l.TrimStart().StartsWith("```", StringComparison.Ordinal));
            if (end < 0)
            {
                throw new HelpFormatException(file, example.Line + fence + 1, "code block is not closed");
            }

            code.AddRange(example.Body.Skip(fence + 1).Take(end - fence - 1));
            remarks.AddRange(Paragraphs(example.Body.Skip(end + 1).ToList()));
            yield return new ExampleHelp(example.Heading, string.Join("\n", code), remarks);
        }
    }

    private static IEnumerable<ParameterHelp> ReadParameters(Section section, string file)
    {
        foreach (var block in Split(section.Body, 0, "### ", section.Line))
        {
            if (block.Heading == "CommonParameters")
            {
                continue;
            }

            if (!block.Heading.StartsWith('-'))
            {
                throw new HelpFormatException(file, block.Line, $"a parameter heading must be '### -Name', not '### {block.Heading}'");
            }

            var parameter = new ParameterHelp { Name = block.Heading[1..].Trim() };
            int fence = block.Body.FindIndex(l => l.Trim() == "```yaml");
            var text = fence < 0 ? block.Body : block.Body.Take(fence).ToList();
            parameter.Description.AddRange(Paragraphs(text));
            if (fence < 0)
            {
                throw new HelpFormatException(file, block.Line, $"parameter -{parameter.Name} has no ```yaml block (Type, Parameter Sets, Required, Position…)");
            }

            for (int i = fence + 1; i < block.Body.Count && block.Body[i].Trim() != "```"; i++)
            {
                var line = block.Body[i];
                int colon = line.IndexOf(':');
                if (colon < 0)
                {
                    throw new HelpFormatException(file, block.Line + i + 1, $"expected 'Key: value' in the yaml block of -{parameter.Name}");
                }

                ApplyMetadata(parameter, line[..colon].Trim(), line[(colon + 1)..].Trim(), file, block.Line + i + 1);
            }

            yield return parameter;
        }
    }

    private static void ApplyMetadata(ParameterHelp parameter, string key, string value, string file, int line)
    {
        static IEnumerable<string> List(string v) => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        switch (key)
        {
            case "Type":
                parameter.Type = value;
                break;
            case "Parameter Sets":
                parameter.Sets.AddRange(List(value));
                break;
            case "Aliases":
                parameter.Aliases.AddRange(List(value));
                break;
            case "Required":
                parameter.Required = bool.Parse(value);
                break;
            case "Position":
                parameter.Position = value;
                break;
            case "Default value":
                parameter.DefaultValue = value;
                break;
            case "Accept pipeline input":
                parameter.PipelineInput = value;
                break;
            case "Accept wildcard characters":
                parameter.Globbing = bool.Parse(value);
                break;
            case "Accepted values":
                break;
            default:
                throw new HelpFormatException(file, line, $"unknown key '{key}' in the yaml block of -{parameter.Name}");
        }
    }

    private static IEnumerable<TypeHelp> ReadTypes(Section section) =>
        Split(section.Body, 0, "### ", section.Line).Select(t => new TypeHelp(t.Heading, Paragraphs(t.Body)));

    private static IEnumerable<LinkHelp> ReadLinks(Section section, string file)
    {
        for (int i = 0; i < section.Body.Count; i++)
        {
            var line = section.Body[i].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var match = System.Text.RegularExpressions.Regex.Match(line, @"^\[(?<text>[^\]]+)\]\((?<uri>[^)]*)\)$");
            if (!match.Success)
            {
                throw new HelpFormatException(file, section.Line + i + 1, $"a related link must be '[text](uri)', not '{line}'");
            }

            // Links to sibling help files become plain names: Get-Help resolves them as topics.
            var uri = match.Groups["uri"].Value;
            yield return new LinkHelp(match.Groups["text"].Value, uri.EndsWith(".md", StringComparison.OrdinalIgnoreCase) ? string.Empty : uri);
        }
    }

    private static int SkipFrontMatter(IReadOnlyList<string> lines)
    {
        if (lines.Count == 0 || lines[0].Trim() != "---")
        {
            return 0;
        }

        int end = FindLine(lines, 1, l => l.Trim() == "---");
        return end < 0 ? 0 : end + 1;
    }

    private static int FindLine(IReadOnlyList<string> lines, int from, Func<string, bool> predicate)
    {
        for (int i = from; i < lines.Count; i++)
        {
            if (predicate(lines[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Cuts lines into sections at headings with the given prefix (outside code fences).</summary>
    private static List<Section> Split(IReadOnlyList<string> lines, int from, string prefix, int lineOffset = 0)
    {
        var sections = new List<Section>();
        Section? current = null;
        bool inCode = false;
        for (int i = from; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inCode = !inCode;
            }

            if (!inCode && line.StartsWith(prefix, StringComparison.Ordinal))
            {
                current = new Section(line[prefix.Length..].Trim(), lineOffset + i + 1);
                sections.Add(current);
            }
            else
            {
                current?.Body.Add(line);
            }
        }

        return sections;
    }

    private sealed record Section(string Heading, int Line)
    {
        public List<string> Body { get; } = new();
    }
}
