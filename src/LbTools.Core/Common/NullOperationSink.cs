namespace LbTools.Core.Common
{
    /// <summary>A sink that drops everything, for callers that only want the results.</summary>
    public sealed class NullOperationSink : IOperationSink
    {
        public static readonly NullOperationSink Instance = new NullOperationSink();

        private NullOperationSink()
        {
        }

        public void ReportError(LbError error)
        {
        }

        public void ReportProgress(LbProgress progress)
        {
        }
    }
}
