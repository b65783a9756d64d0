namespace LbTools.HelpBuilder;

/// <summary>The help of one cmdlet as written in its markdown file.</summary>
public sealed class CommandHelp
{
    public required string Name { get; init; }

    public required string SourceFile { get; init; }

    public string Synopsis { get; set; } = string.Empty;

    public List<string> Description { get; } = new();

    public List<ExampleHelp> Examples { get; } = new();

    public List<ParameterHelp> Parameters { get; } = new();

    public List<TypeHelp> Inputs { get; } = new();

    public List<TypeHelp> Outputs { get; } = new();

    public List<string> Notes { get; } = new();

    public List<LinkHelp> RelatedLinks { get; } = new();

    public string Verb => Name.Split('-', 2)[0];

    public string Noun => Name.Split('-', 2).ElementAtOrDefault(1) ?? string.Empty;

    /// <summary>Parameter set names in first-mention order; "(All)" parameters belong to every set.</summary>
    public IReadOnlyList<string> ParameterSets()
    {
        var sets = Parameters.SelectMany(p => p.Sets).Where(s => s != ParameterHelp.AllSets).Distinct(StringComparer.Ordinal).ToList();
        return sets.Count == 0 ? new[] { ParameterHelp.AllSets } : sets;
    }
}

public sealed record ExampleHelp(string Title, string Code, IReadOnlyList<string> Remarks);

public sealed record TypeHelp(string TypeName, IReadOnlyList<string> Description);

public sealed record LinkHelp(string Text, string Uri);

/// <summary>One "### -Name" section: the text and its yaml metadata block.</summary>
public sealed class ParameterHelp
{
    public const string AllSets = "(All)";

    public required string Name { get; init; }

    public List<string> Description { get; } = new();

    public string Type { get; set; } = "Object";

    public List<string> Sets { get; } = new();

    public List<string> Aliases { get; } = new();

    public bool Required { get; set; }

    /// <summary>"Named" or a zero-based position.</summary>
    public string Position { get; set; } = "Named";

    public string DefaultValue { get; set; } = "None";

    public string PipelineInput { get; set; } = "False";

    public bool Globbing { get; set; }

    public bool IsSwitch => Type == "SwitchParameter";

    public bool InSet(string set) => Sets.Contains(AllSets) || Sets.Contains(set);
}
