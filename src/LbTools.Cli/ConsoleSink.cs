using LbTools.Core.Common;

namespace LbTools.Cli;

/// <summary>Writes Core's errors to stderr; progress is not shown in the console front end.</summary>
internal sealed class ConsoleSink : IOperationSink
{
    public int Errors { get; private set; }

    public void ReportError(LbError error)
    {
        Errors++;
        Console.Error.WriteLine($"error {error.ErrorId}: {error.Message}");
    }

    public void ReportProgress(LbProgress progress)
    {
    }
}
