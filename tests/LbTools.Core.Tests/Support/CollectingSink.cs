using LbTools.Core.Common;

namespace LbTools.Core.Tests.Support;

/// <summary>Keeps what Core reports so tests can assert on errors and progress.</summary>
internal sealed class CollectingSink : IOperationSink
{
    public List<LbError> Errors { get; } = new();

    public List<LbProgress> Progress { get; } = new();

    public void ReportError(LbError error) => Errors.Add(error);

    public void ReportProgress(LbProgress progress) => Progress.Add(progress);
}
