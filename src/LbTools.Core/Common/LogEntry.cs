using Microsoft.Extensions.Logging;

namespace LbTools.Core.Common
{
    /// <summary>One log line written by Core, waiting to be shown by the host.</summary>
    public sealed class LogEntry
    {
        public LogEntry(LogLevel level, string category, string message)
        {
            Level = level;
            Category = category;
            Message = message;
        }

        public LogLevel Level { get; }

        public string Category { get; }

        public string Message { get; }

        public override string ToString() => $"[{Level}] {Category}: {Message}";
    }
}
