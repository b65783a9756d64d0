namespace LbTools.Core.Logs.Parsing
{
    /// <summary>The result of parsing one line: a record, a skipped header/comment, or the reason it was rejected.</summary>
    internal readonly struct ParseOutcome
    {
        private ParseOutcome(LbLogRecord? record, LineRejection reason, string? detail, bool skipped, bool filteredOut = false)
        {
            Record = record;
            Reason = reason;
            Detail = detail;
            IsSkipped = skipped;
            IsFilteredOut = filteredOut;
        }

        public LbLogRecord? Record { get; }

        public LineRejection Reason { get; }

        /// <summary>A short explanation of the rejection, naming the field where possible.</summary>
        public string? Detail { get; }

        public bool IsRecord => Record != null;

        /// <summary>A line that carries no request by design (CloudFront '#' lines, a CSV header row).</summary>
        public bool IsSkipped { get; }

        public static ParseOutcome Success(LbLogRecord record) => new ParseOutcome(record, default, null, false);

        public static ParseOutcome Reject(LineRejection reason, string detail) => new ParseOutcome(null, reason, detail, false);

        public static ParseOutcome Skip() => new ParseOutcome(null, default, null, true);

        /// <summary>A valid line that the status/time filters drop, found before a record was built.</summary>
        internal bool IsFilteredOut { get; }

        internal static ParseOutcome FilteredOut() => new ParseOutcome(null, default, null, false, filteredOut: true);
    }
}
