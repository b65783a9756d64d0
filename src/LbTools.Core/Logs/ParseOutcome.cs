namespace LbTools.Core.Logs
{
    /// <summary>The result of parsing one line: a record, or the reason it was rejected.</summary>
    public readonly struct ParseOutcome
    {
        private ParseOutcome(LbLogRecord? record, LineRejection reason, string? detail)
        {
            Record = record;
            Reason = reason;
            Detail = detail;
        }

        public LbLogRecord? Record { get; }

        public LineRejection Reason { get; }

        /// <summary>A short explanation of the rejection, naming the field where possible.</summary>
        public string? Detail { get; }

        public bool IsRecord => Record != null;

        public static ParseOutcome Success(LbLogRecord record) => new ParseOutcome(record, default, null);

        public static ParseOutcome Reject(LineRejection reason, string detail) => new ParseOutcome(null, reason, detail);
    }
}
