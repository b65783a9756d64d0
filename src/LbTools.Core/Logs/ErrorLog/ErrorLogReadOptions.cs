using System;
using LbTools.Core.Diagnosis;
using LbTools.Core.Logs.Lines;

namespace LbTools.Core.Logs.ErrorLog
{
    /// <summary>How <see cref="ErrorLogReader"/> reads nginx error logs.</summary>
    public sealed class ErrorLogReadOptions
    {
        /// <summary>
        /// The UTC offset of the clock nginx wrote with (the error log has no zone). Null: events
        /// keep only LocalTime, and the join takes the offset of the access-log line.
        /// </summary>
        public TimeSpan? UtcOffset { get; set; }

        /// <summary>Entries below this level are read and counted but not passed on.</summary>
        public NginxErrorLevel MinimumLevel { get; set; } = NginxErrorLevel.Debug;

        /// <summary>The message table that names causes (the built-in one plus -RulePath files).</summary>
        public NginxMessageTable Messages { get; set; } = NginxMessageTable.BuiltIn;

        public int MaxLineBytes { get; set; } = LogLineReader.DefaultMaxLineBytes;

        /// <summary>Rejected lines reported one by one per file; the rest are counted in the statistics and summed up in one report.</summary>
        public int MaxErrorsPerFile { get; set; } = 10;

        /// <summary>Longest message kept: a continuation beyond it is counted but not appended.</summary>
        public int MaxMessageChars { get; set; } = 64 * 1024;
    }
}
