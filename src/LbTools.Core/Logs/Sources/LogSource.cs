using System;
using System.IO;
using System.Threading;
using LbTools.Core.Logs.Lines;

namespace LbTools.Core.Logs.Sources
{
    /// <summary>Opens log files, decompressing gzip by content (magic bytes), not by name, and reading UTF-16 text (by its byte order mark) as UTF-8.</summary>
    internal static class LogSource
    {
        public static Stream Open(string path) => Open(path, follow: null, CancellationToken.None);

        /// <summary>
        /// Opens a file; gzip (1F 8B) is decompressed and checked for truncation, UTF-16 (FF FE or
        /// FE FF) is read as UTF-8. With
        /// <paramref name="follow"/> a plain file is followed as it grows, across rotation, until
        /// the token is cancelled (gzip files are complete by nature and are read once).
        /// </summary>
        public static Stream Open(string path, AccessLogReadOptions? follow, CancellationToken cancellationToken) => Open(path, follow, cancellationToken, out _, out _);

        /// <param name="path">The file.</param>
        /// <param name="follow">Options to follow a growing plain file with, or null.</param>
        /// <param name="cancellationToken">Ends a follow.</param>
        /// <param name="gzip">Whether the file is gzip.</param>
        /// <param name="length">The file's size on disk (compressed for gzip), for <see cref="FileThreadPlan"/>.</param>
        /// <param name="readAhead">False when the file is one of several read side by side: then it is decompressed on the reading thread, as the other threads are busy.</param>
        internal static Stream Open(string path, AccessLogReadOptions? follow, CancellationToken cancellationToken, out bool gzip, out long length, bool readAhead = true)
        {
            var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024, follow == null ? FileOptions.SequentialScan : FileOptions.None);
            try
            {
                // A pipe or FIFO cannot seek: its first bytes are kept and handed back, it has no
                // length to plan threads by, and it cannot be followed (it ends when its writer does).
                bool seekable = file.CanSeek;
                length = seekable ? file.Length : 0;
                var head = new byte[2];
                int got = ReadUpTo(file, head);
                int b1 = got > 0 ? head[0] : -1;
                int b2 = got > 1 ? head[1] : -1;
                if (seekable)
                {
                    file.Position = 0;
                }

                Stream source = seekable ? file : new SourceStream(file, path, Take(head, got), 0, -1, cancellationToken);
                gzip = b1 == 0x1F && b2 == 0x8B;
                if (gzip)
                {
                    // Decompressed ahead on a thread of its own (also when the lines then go to parse
                    // threads, and when the format turns out to need a single thread), unless the file is small.
                    var decompressed = new GzipIntegrityStream(source, seekable ? file : null, path);
                    return readAhead && FileThreadPlan.ReadAhead(gzip, length) ? new ReadAheadStream(decompressed) : (Stream)decompressed;
                }

                // UTF-16 with its byte order mark (Windows PowerShell 5.1's > and Out-File) is read as UTF-8.
                bool utf16 = (b1 == 0xFF && b2 == 0xFE) || (b1 == 0xFE && b2 == 0xFF);
                if (utf16)
                {
                    if (seekable)
                    {
                        file.Position = 2;
                    }
                    else
                    {
                        source = new SourceStream(file, path, Array.Empty<byte>(), 2, -1, cancellationToken);
                    }
                }

                // A line break put in after rotation must be in the file's encoding.
                var lineBreak = !utf16 ? new[] { (byte)'\n' } : b1 == 0xFE ? new byte[] { 0, (byte)'\n' } : new byte[] { (byte)'\n', 0 };
                Stream plain = follow != null && seekable
                    ? new FollowingStream(file, path, utf16 ? 2 : 0, follow.FollowPollInterval, cancellationToken, lineBreak)
                    : seekable ? new SourceStream(file, path, Array.Empty<byte>(), utf16 ? 2 : 0, length) : source;
                return utf16 ? new Utf16TextStream(plain, bigEndian: b1 == 0xFE) : plain;
            }
            catch
            {
                file.Dispose();
                throw;
            }
        }

        private static int ReadUpTo(Stream stream, byte[] buffer)
        {
            int got = 0;
            while (got < buffer.Length)
            {
                int n = stream.Read(buffer, got, buffer.Length - got);
                if (n <= 0)
                {
                    break;
                }

                got += n;
            }

            return got;
        }

        private static byte[] Take(byte[] bytes, int count)
        {
            var taken = new byte[count];
            Array.Copy(bytes, taken, count);
            return taken;
        }
    }
}
