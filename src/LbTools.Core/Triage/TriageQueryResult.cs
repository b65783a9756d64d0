using System;
using System.Collections.Generic;

namespace LbTools.Core.Triage
{
    /// <summary>
    /// Where a report read from a query result (Athena, SLS, DuckDB) came from. The query engine
    /// read the log lines, so such a report has no per-file line accounting, no rejected-line
    /// reasons, no sample lines and no evidence lines; this says what it has instead.
    /// </summary>
    public sealed class TriageQueryResult
    {
        internal TriageQueryResult(IReadOnlyList<string> files, long rowsRead, long rowsUsed, long rowsRejected, long rowsSkipped, bool timelineHasAllRequests)
        {
            Files = files;
            RowsRead = rowsRead;
            RowsUsed = rowsUsed;
            RowsRejected = rowsRejected;
            RowsSkipped = rowsSkipped;
            TimelineHasAllRequests = timelineHasAllRequests;
        }

        /// <summary>The result files (or the source named for piped rows).</summary>
        public IReadOnlyList<string> Files { get; }

        /// <summary>Data rows read (header rows not counted): RowsUsed + RowsRejected + RowsSkipped.</summary>
        public long RowsRead { get; }

        public long RowsUsed { get; }

        /// <summary>Rows that were reported as errors and left out of the counts.</summary>
        public long RowsRejected { get; }

        /// <summary>Blank rows.</summary>
        public long RowsSkipped { get; }

        /// <summary>
        /// True when the interval rows add up to every request of the window, so the timeline shows
        /// all status classes and the 5xx jumps can be computed; false when they cover only the
        /// diagnosed errors (then the timeline shows errors only and no jump is computed).
        /// </summary>
        public bool TimelineHasAllRequests { get; }

        public override string ToString() => $"{RowsUsed} of {RowsRead} rows from {string.Join(", ", Files)}";
    }
}
