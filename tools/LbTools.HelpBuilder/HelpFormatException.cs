namespace LbTools.HelpBuilder;

/// <summary>A help source file that does not follow the expected layout, with file and line.</summary>
public sealed class HelpFormatException(string file, int line, string message)
    : Exception($"{file}:{line}: {message}")
{
    public string File { get; } = file;

    public int Line { get; } = line;
}
