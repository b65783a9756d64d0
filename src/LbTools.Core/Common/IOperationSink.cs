namespace LbTools.Core.Common
{
    /// <summary>
    /// Where Core reports errors and progress while it yields results. Core calls it on the
    /// thread that enumerates its results, so a cmdlet can write straight to its streams.
    /// </summary>
    public interface IOperationSink
    {
        void ReportError(LbError error);

        void ReportProgress(LbProgress progress);
    }
}
