using System;

namespace LbTools.Core.Common
{
    /// <summary>
    /// A non-terminating failure Core reports while it keeps working (a rejected line, a
    /// target that could not be probed). The cmdlet layer turns it into an ErrorRecord.
    /// </summary>
    public sealed class LbError
    {
        public LbError(string errorId, LbErrorCategory category, string message, object? target, Exception? exception = null)
        {
            ErrorId = errorId;
            Category = category;
            Message = message;
            Target = target;
            Exception = exception;
        }

        /// <summary>Stable identifier, e.g. "LineRejected", usable in scripts.</summary>
        public string ErrorId { get; }

        public LbErrorCategory Category { get; }

        public string Message { get; }

        /// <summary>What failed: "file:line", a target such as "10.0.0.1:80", a rule file entry.</summary>
        public object? Target { get; }

        public Exception? Exception { get; }

        public override string ToString() => $"{ErrorId}: {Message}";
    }
}
