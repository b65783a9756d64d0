namespace LbTools.Core.Logs
{
    /// <summary>How Get-LbAccessLog reads its sources.</summary>
    public sealed class AccessLogReadOptions
    {
        public LogFormat Format { get; set; } = LogFormat.Auto;

        public int MaxLineBytes { get; set; } = LogLineReader.DefaultMaxLineBytes;

        /// <summary>Rejected lines reported one by one per file; the rest are counted and summarised.</summary>
        public int MaxErrorsPerFile { get; set; } = 20;

        /// <summary>How many lines auto-detection looks at before it gives up on a file.</summary>
        public int DetectionLines { get; set; } = 20;
    }
}
