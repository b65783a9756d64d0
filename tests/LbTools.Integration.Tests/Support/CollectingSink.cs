using LbTools.Core.Common;

namespace LbTools.Integration.Tests.Support;

/// <summary>Keeps the errors a reader or prober reports, so a test can say what went wrong.</summary>
internal sealed class CollectingSink : IOperationSink
{
    public List<LbError> Errors { get; } = new();

    public void ReportError(LbError error) => Errors.Add(error);

    public void ReportProgress(LbProgress progress)
    {
    }
}
