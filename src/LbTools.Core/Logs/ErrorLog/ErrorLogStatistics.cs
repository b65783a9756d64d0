using System.Collections.Generic;
using System.Linq;

namespace LbTools.Core.Logs.ErrorLog
{
    /// <summary>
    /// What one error-log file held. Every line is accounted for:
    /// LinesRead = Events + ContinuationLines + Rejected + Skipped.
    /// </summary>
    public sealed class ErrorLogFileStatistics
    {
        public ErrorLogFileStatistics(string source)
        {
            Source = source;
        }

        public string Source { get; }

        public long LinesRead { get; internal set; }

        /// <summary>Entries read (the first line of each).</summary>
        public long Events { get; internal set; }

        /// <summary>Lines that continue the entry before them (multi-line messages).</summary>
        public long ContinuationLines { get; internal set; }

        /// <summary>Lines that start like an entry but break its shape, or continue nothing; each reported with file and line.</summary>
        public long Rejected { get; internal set; }

        /// <summary>Empty lines.</summary>
        public long Skipped { get; internal set; }

        /// <summary>Entries below the requested minimum level (read and counted in Events, not passed on).</summary>
        public long BelowLevel { get; internal set; }

        public long BytesRead { get; internal set; }
    }

    /// <summary>The statistics of every error-log file one reader read.</summary>
    public sealed class ErrorLogStatistics
    {
        private readonly List<ErrorLogFileStatistics> _files = new List<ErrorLogFileStatistics>();

        public IReadOnlyList<ErrorLogFileStatistics> Files => _files;

        public long LinesRead => _files.Sum(f => f.LinesRead);

        public long Events => _files.Sum(f => f.Events);

        public long ContinuationLines => _files.Sum(f => f.ContinuationLines);

        public long Rejected => _files.Sum(f => f.Rejected);

        public long Skipped => _files.Sum(f => f.Skipped);

        internal void Add(ErrorLogFileStatistics file) => _files.Add(file);
    }
}
