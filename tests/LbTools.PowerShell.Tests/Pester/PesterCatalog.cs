using System.Management.Automation.Language;
using Xunit.Abstractions;

namespace LbTools.PowerShell.Tests.Pester;

/// <summary>
/// Every Pester test of tests/pester/*.Tests.ps1, found by parsing the files (no Pester run): the
/// file name and the Describe/Context/It names as written. A data-driven It (-ForEach, -TestCases)
/// is one entry, as its name template is one; Pester reports each of its runs under that name.
/// </summary>
internal static class PesterCatalog
{
    private static readonly string[] Blocks = { "Describe", "Context" };
    private static readonly string[] Switches = { "Skip", "Focus" };

    public static IReadOnlyList<PesterTestId> Discover(string folder)
    {
        var found = new List<PesterTestId>();
        foreach (var file in Directory.GetFiles(folder, "*.Tests.ps1").OrderBy(f => f, StringComparer.Ordinal))
        {
            var ast = Parser.ParseFile(file, out _, out var errors);
            if (errors.Length > 0)
            {
                // Still one case for the file, so that its parse error fails the run by name.
                found.Add(new PesterTestId(Path.GetFileName(file), "(file does not parse: " + errors[0].Message + ")"));
                continue;
            }

            foreach (CommandAst it in ast.FindAll(a => a is CommandAst c && IsCommand(c, "It"), searchNestedScriptBlocks: true))
            {
                var names = new List<string> { NameOf(it) };
                for (var parent = it.Parent; parent is not null; parent = parent.Parent)
                {
                    if (parent is CommandAst block && Blocks.Any(b => IsCommand(block, b)))
                    {
                        names.Insert(0, NameOf(block));
                    }
                }

                found.Add(new PesterTestId(Path.GetFileName(file), string.Join(PesterTestId.Separator, names)));
            }
        }

        return found.Distinct().ToList();
    }

    private static bool IsCommand(CommandAst command, string name) =>
        string.Equals(command.GetCommandName(), name, StringComparison.OrdinalIgnoreCase);

    // The name is the first positional argument, or the value of -Name.
    private static string NameOf(CommandAst command)
    {
        var elements = command.CommandElements;
        for (var i = 1; i < elements.Count; i++)
        {
            if (elements[i] is CommandParameterAst parameter)
            {
                if (string.Equals(parameter.ParameterName, "Name", StringComparison.OrdinalIgnoreCase))
                {
                    return Text(parameter.Argument ?? (i + 1 < elements.Count ? elements[i + 1] : null));
                }

                if (parameter.Argument is null && !Switches.Contains(parameter.ParameterName, StringComparer.OrdinalIgnoreCase))
                {
                    i++; // -Tag, -ForEach, -TestCases, -Fixture take the next element as their value
                }

                continue;
            }

            return Text(elements[i]);
        }

        return string.Empty;
    }

    private static string Text(Ast? ast) => ast switch
    {
        StringConstantExpressionAst constant => constant.Value,
        ExpandableStringExpressionAst expandable => expandable.Value,
        null => string.Empty,
        _ => ast.Extent.Text,
    };
}

/// <summary>A Pester test: its file name and its block path with the It name, joined by " > ".</summary>
public sealed class PesterTestId : IXunitSerializable, IEquatable<PesterTestId>
{
    public const string Separator = " > ";

    public PesterTestId(string file, string test)
    {
        File = file;
        Test = test;
    }

    /// <summary>For xUnit's deserializer only.</summary>
    [Obsolete("For xUnit's deserializer only.")]
    public PesterTestId()
    {
        File = Test = string.Empty;
    }

    public string File { get; private set; }

    public string Test { get; private set; }

    public void Deserialize(IXunitSerializationInfo info)
    {
        File = info.GetValue<string>(nameof(File));
        Test = info.GetValue<string>(nameof(Test));
    }

    public void Serialize(IXunitSerializationInfo info)
    {
        info.AddValue(nameof(File), File);
        info.AddValue(nameof(Test), Test);
    }

    public bool Equals(PesterTestId? other) => other is not null && other.File == File && other.Test == Test;

    public override bool Equals(object? obj) => Equals(obj as PesterTestId);

    public override int GetHashCode() => HashCode.Combine(File, Test);

    // The xUnit display name of the case: the whole path, never cut.
    public override string ToString() => File + ": " + Test;
}
