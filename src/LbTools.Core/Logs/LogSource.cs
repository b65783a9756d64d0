using System;
using System.IO;
using System.Threading;

namespace LbTools.Core.Logs
{
    /// <summary>Opens log files, decompressing gzip by content (magic bytes), not by name, and reading UTF-16 text (by its byte order mark) as UTF-8.</summary>
    public static class LogSource
    {
        /// <summary>Compressed size from which a .gz is decompressed on a thread of its own (about 3 MB of ALB lines).</summary>
        internal const long ReadAheadFrom = 256 * 1024;

        public static Stream Open(string path) => Open(path, follow: null, CancellationToken.None);

        /// <summary>
        /// Opens a file; gzip (1F 8B) is decompressed and checked for truncation, UTF-16 (FF FE or
        /// FE FF) is read as UTF-8. With
        /// <paramref name="follow"/> a plain file is followed as it grows until the token is
        /// cancelled (gzip files are complete by nature and are read once).
        /// </summary>
        public static Stream Open(string path, AccessLogReadOptions? follow, CancellationToken cancellationToken) => Open(path, follow, parseThreads: 1, cancellationToken, out _);

        /// <param name="path">The file.</param>
        /// <param name="follow">Options to follow a growing plain file with, or null.</param>
        /// <param name="parseThreads">Threads the caller may spend on this file (ParseThreads).</param>
        /// <param name="cancellationToken">Ends a follow.</param>
        /// <param name="parseWorkers">
        /// How many of them should parse lines; 1 means parse on the caller's thread. A .gz is
        /// decompressed on a thread of its own, which counts as one of the threads: with two or
        /// fewer it is parsed on the caller's thread (decompressing ahead and parsing here is that
        /// split already, without chunk hand-overs; measured 10–15 % faster on 2 cores), with more,
        /// all but one parse.
        /// </param>
        internal static Stream Open(string path, AccessLogReadOptions? follow, int parseThreads, CancellationToken cancellationToken, out int parseWorkers)
        {
            parseWorkers = Math.Max(1, parseThreads);
            var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024, follow == null ? FileOptions.SequentialScan : FileOptions.None);
            try
            {
                int b1 = file.ReadByte();
                int b2 = file.ReadByte();
                file.Position = 0;
                if (b1 == 0x1F && b2 == 0x8B)
                {
                    // Decompressed ahead on a thread of its own (also when the lines then go to parse
                    // threads, and when the format turns out to need a single thread), unless the file
                    // is small: then starting that thread costs more than it saves.
                    var gzip = new GzipIntegrityStream(file, path);
                    if (file.Length < ReadAheadFrom)
                    {
                        parseWorkers = 1;
                        return gzip;
                    }

                    parseWorkers = parseThreads > 2 ? parseThreads - 1 : 1;
                    return new ReadAheadStream(gzip);
                }

                // UTF-16 with its byte order mark (Windows PowerShell 5.1's > and Out-File) is read as UTF-8.
                bool utf16 = (b1 == 0xFF && b2 == 0xFE) || (b1 == 0xFE && b2 == 0xFF);
                if (utf16)
                {
                    file.Position = 2;
                }

                Stream plain = follow == null ? (Stream)file : new FollowingStream(file, follow.FollowPollInterval, cancellationToken);
                return utf16 ? new Utf16TextStream(plain, bigEndian: b1 == 0xFE) : plain;
            }
            catch
            {
                file.Dispose();
                throw;
            }
        }
    }
}
