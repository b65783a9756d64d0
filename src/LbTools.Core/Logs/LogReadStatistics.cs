using System.Collections.Generic;
using System.Linq;

namespace LbTools.Core.Logs
{
    /// <summary>Totals over every source of one Get-LbAccessLog call, with the per-file detail.</summary>
    public sealed class LogReadStatistics
    {
        private readonly List<LogFileStatistics> _files = new List<LogFileStatistics>();

        public IReadOnlyList<LogFileStatistics> Files => _files;

        public long LinesRead => _files.Sum(f => f.LinesRead);

        public long Parsed => _files.Sum(f => f.Parsed);

        public long Rejected => _files.Sum(f => f.Rejected);

        public long Skipped => _files.Sum(f => f.Skipped);

        public long Filtered => _files.Sum(f => f.Filtered);

        public long BytesRead => _files.Sum(f => f.BytesRead);

        public IReadOnlyDictionary<LineRejection, long> RejectedByReason =>
            _files.SelectMany(f => f.RejectedByReason)
                  .GroupBy(kv => kv.Key)
                  .ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value));

        internal void Add(LogFileStatistics file) => _files.Add(file);
    }
}
