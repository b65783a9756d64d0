namespace LbTools.Core.Logs.Lines
{
    /// <summary>
    /// How many threads one file gets, from its kind and size. Threads are not free: a file parsed
    /// in chunks starts a reader thread and its parse threads, about 0.7 ms a file on the 2-core
    /// machine the benchmarks ran on (2,000 files of 100 ALB lines took 1.5–1.9 s with two
    /// threads against 0.26–0.39 s with one), and a .gz read-ahead thread costs more than it saves
    /// for a small file. So small files are read on the calling thread whatever ParseThreads says.
    /// </summary>
    internal static class FileThreadPlan
    {
        /// <summary>Compressed size from which a .gz is decompressed on a thread of its own (about 3 MB of ALB lines).</summary>
        public const long ReadAheadFrom = 256 * 1024;

        /// <summary>Default size from which a file is parsed in chunks on several threads (about 14,000 ALB lines).</summary>
        public const long DefaultParallelFrom = 8L * 1024 * 1024;

        /// <summary>
        /// Size (a .gz counted at <see cref="GzipRatio"/> times) below which a file of a read of
        /// several is read whole on one thread, beside others, rather than alone on several: about
        /// 100,000 ALB lines, a tenth of a second on one thread, so a thread busy with one does not
        /// hold the others up for long.
        /// </summary>
        public const long SideBySideBelow = 64L * 1024 * 1024;

        /// <summary>A .gz is counted at this many times its compressed size (ALB and nginx logs compress about 8:1).</summary>
        private const int GzipRatio = 8;

        public static bool ReadAhead(bool gzip, long length) => gzip && length >= ReadAheadFrom;

        /// <summary>
        /// Whether a file may be read beside others, one thread each: with threads to spare, and
        /// small enough (below <paramref name="sideBySideBelow"/>, by default <see cref="SideBySideBelow"/>). Files read side by side scale with the
        /// cores, where one .gz read alone is held to one decompressing thread.
        /// </summary>
        public static bool SideBySide(bool gzip, long length, int parseThreads, long sideBySideBelow) =>
            parseThreads > 1 && LinesSize(gzip, length) < sideBySideBelow;

        /// <summary>
        /// Threads that parse lines (1: the calling thread parses). A .gz read ahead spends one of
        /// <paramref name="parseThreads"/> decompressing: with two, decompressing on one thread and
        /// parsing on the calling one is that split already, without chunk hand-overs (10–15 %
        /// faster on 2 cores than chunking), and with more, all but one parse.
        /// </summary>
        public static int ParseWorkers(bool gzip, long length, int parseThreads, long parallelFrom)
        {
            if (parseThreads <= 1 || LinesSize(gzip, length) < parallelFrom)
            {
                return 1;
            }

            if (!gzip)
            {
                return parseThreads;
            }

            return ReadAhead(gzip, length) && parseThreads > 2 ? parseThreads - 1 : 1;
        }

        /// <summary>The size of a file's lines: a .gz counted at <see cref="GzipRatio"/> times its size on disk.</summary>
        private static long LinesSize(bool gzip, long length) => gzip ? length * GzipRatio : length;
    }
}
