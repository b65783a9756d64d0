namespace LbTools.Core.Common
{
    /// <summary>A progress snapshot of long work; the cmdlet layer turns it into Write-Progress.</summary>
    public sealed class LbProgress
    {
        public LbProgress(string activity, string status, int percentComplete = -1, string? currentOperation = null, bool completed = false)
        {
            Activity = activity;
            Status = status;
            PercentComplete = percentComplete;
            CurrentOperation = currentOperation;
            Completed = completed;
        }

        public string Activity { get; }

        public string Status { get; }

        /// <summary>0..100, or -1 when unknown.</summary>
        public int PercentComplete { get; }

        public string? CurrentOperation { get; }

        /// <summary>True for the final snapshot that closes the progress bar.</summary>
        public bool Completed { get; }
    }
}
