using System.Collections.Generic;

namespace LbTools.Core.Logs
{
    /// <summary>How every line of one source was accounted for: Read = Parsed + Rejected + Skipped.</summary>
    public sealed class LogFileStatistics
    {
        private readonly Dictionary<LineRejection, long> _rejectedByReason = new Dictionary<LineRejection, long>();

        public LogFileStatistics(string source)
        {
            Source = source;
        }

        public string Source { get; }

        public LogFormat Format { get; internal set; }

        public long LinesRead { get; internal set; }

        public long Parsed { get; internal set; }

        /// <summary>Lines that parsed but did not pass -Status/-Since/… filters.</summary>
        public long Filtered { get; internal set; }

        public long Rejected { get; internal set; }

        /// <summary>Comment and header lines (CloudFront '#', CSV header) that carry no request.</summary>
        public long Skipped { get; internal set; }

        public long BytesRead { get; internal set; }

        public IReadOnlyDictionary<LineRejection, long> RejectedByReason => _rejectedByReason;

        internal void CountRejection(LineRejection reason)
        {
            Rejected++;
            _rejectedByReason.TryGetValue(reason, out var n);
            _rejectedByReason[reason] = n + 1;
        }
    }
}
