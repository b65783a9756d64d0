using System;
using LbTools.Core.Logs.Lines;
using LbTools.Core.Logs.Parsing;

namespace LbTools.Core.Logs
{
    /// <summary>How Get-LbAccessLog reads its sources.</summary>
    public sealed class AccessLogReadOptions
    {
        public LogFormat Format { get; set; } = LogFormat.Auto;

        /// <summary>
        /// For <see cref="LogFormat.Nginx"/>: an nginx log_format string, or a preset name
        /// (<c>combined</c>, <c>upstream</c>; see <see cref="Nginx.NginxLogFormats"/>). Null means combined.
        /// </summary>
        public string? NginxLogFormat { get; set; }

        public int MaxLineBytes { get; set; } = LogLineReader.DefaultMaxLineBytes;

        /// <summary>The default of <see cref="MaxErrorsPerFile"/> for every front end.</summary>
        public const int DefaultMaxErrorsPerFile = 20;

        /// <summary>Rejected lines reported one by one per file; the rest are counted and summarised.</summary>
        public int MaxErrorsPerFile { get; set; } = DefaultMaxErrorsPerFile;

        /// <summary>How many lines auto-detection looks at before it gives up on a file.</summary>
        public int DetectionLines { get; set; } = 20;

        /// <summary>Records that do not pass are counted as Filtered and never leave Core.</summary>
        public AccessLogFilter Filter { get; set; } = new AccessLogFilter();

        /// <summary>
        /// How many threads parse the lines of one file (formats whose lines stand alone: AWS
        /// ALB and Classic ELB, SLS JSON, nginx). A reader thread cuts the file into chunks of
        /// lines, the threads parse them, and records, errors and statistics come out in line
        /// order as with 1. Memory stays bounded (a fixed set of 128 KiB chunks, one per thread and two more).
        /// A .gz from 256 KiB is decompressed on a thread of its own that counts as one of these.
        /// When several files are read with a filter (-Status, -Since, -Until, -Host, -Upstream),
        /// files under 64 MB (a .gz under 8 MB) are instead read side by side, one thread each,
        /// still coming out in file and line order.
        /// </summary>
        public int ParseThreads { get; set; } = DefaultParseThreads;

        /// <summary>
        /// The default of <see cref="ParseThreads"/> for every front end: the processor count, at most 8,
        /// so that one read does not take every core of a large shared host.
        /// </summary>
        public static int DefaultParseThreads => Math.Min(Environment.ProcessorCount, 8);

        /// <summary>
        /// Size from which a file is parsed on several threads (a .gz counted at 8 times its size);
        /// smaller files are read on one thread, because starting the threads costs more than they
        /// save (see <see cref="FileThreadPlan"/>). Tests lower it to run small files in chunks.
        /// </summary>
        internal long ParallelFrom { get; set; } = FileThreadPlan.DefaultParallelFrom;

        /// <summary>
        /// Size below which the files of a read of several are read side by side, one thread each
        /// (see <see cref="FileThreadPlan.SideBySide"/>). Tests set 0 to read every file alone, in chunks.
        /// </summary>
        internal long SideBySideBelow { get; set; } = FileThreadPlan.SideBySideBelow;

        /// <summary>Least time between two progress reports (tests set zero to see every one).</summary>
        internal TimeSpan ProgressInterval { get; set; } = TimeSpan.FromMilliseconds(250);

        /// <summary>
        /// Lines a counter takes whole (see <see cref="ILineCounter"/>) leave the parser as filtered
        /// out, counted and never built into records. Set by the triage; null for Get-LbAccessLog.
        /// </summary>
        internal ILineCounter? LineCounter { get; set; }

        /// <summary>Keep reading a file as it grows (tail -f) until the token is cancelled.</summary>
        public bool Follow { get; set; }

        /// <summary>How often a followed file is checked for new bytes.</summary>
        public TimeSpan FollowPollInterval { get; set; } = TimeSpan.FromMilliseconds(250);
    }
}
