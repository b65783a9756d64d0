using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;

namespace LbTools.Core.Logs
{
    /// <summary>
    /// Reads a byte stream as UTF-8 lines ('\n' or "\r\n"). A line longer than the cap is
    /// reported as too long and skipped up to its end without being buffered, so a file
    /// without newlines cannot exhaust memory.
    /// </summary>
    public sealed class LogLineReader
    {
        /// <summary>Default cap: 1 MiB. AWS truncates user agents at 8 KB and URLs rarely pass 64 KB.</summary>
        public const int DefaultMaxLineBytes = 1024 * 1024;

        private readonly Stream _stream;
        private readonly int _maxLineBytes;
        private readonly byte[] _buffer;

        public LogLineReader(Stream stream, int maxLineBytes = DefaultMaxLineBytes)
        {
            _stream = stream ?? throw new ArgumentNullException(nameof(stream));
            if (maxLineBytes < 16)
            {
                throw new ArgumentOutOfRangeException(nameof(maxLineBytes), "The line cap must be at least 16 bytes.");
            }

            _maxLineBytes = maxLineBytes;
            _buffer = new byte[Math.Max(64 * 1024, Math.Min(maxLineBytes + 2, 4 * 1024 * 1024))];
        }

        /// <summary>Bytes consumed from the stream so far (decompressed bytes for .gz).</summary>
        public long BytesRead { get; private set; }

        public IEnumerable<LogLine> ReadLines(CancellationToken cancellationToken = default)
        {
            var encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);
            var pending = new MemoryStream();
            long lineNumber = 0;
            long lineStart = 0;
            bool skipping = false;
            bool firstLine = true;
            int read;
            while ((read = _stream.Read(_buffer, 0, _buffer.Length)) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int start = 0;
                while (start < read)
                {
                    int newline = Array.IndexOf(_buffer, (byte)'\n', start, read - start);
                    int end = newline < 0 ? read : newline;
                    int length = end - start;
                    if (!skipping)
                    {
                        if (pending.Length + length > _maxLineBytes + 1)
                        {
                            skipping = true;
                            pending.SetLength(0);
                        }
                        else
                        {
                            pending.Write(_buffer, start, length);
                        }
                    }

                    BytesRead += length;
                    if (newline < 0)
                    {
                        break;
                    }

                    BytesRead += 1;
                    lineNumber++;
                    yield return MakeLine(encoding, pending, lineNumber, lineStart, skipping, ref firstLine);
                    pending.SetLength(0);
                    skipping = false;
                    lineStart = BytesRead;
                    start = newline + 1;
                }
            }

            if (pending.Length > 0 || skipping)
            {
                lineNumber++;
                yield return MakeLine(encoding, pending, lineNumber, lineStart, skipping, ref firstLine);
            }
        }

        private LogLine MakeLine(Encoding encoding, MemoryStream pending, long number, long offset, bool skipping, ref bool firstLine)
        {
            if (skipping)
            {
                firstLine = false;
                return new LogLine(number, null, offset, tooLong: true);
            }

            var bytes = pending.GetBuffer();
            int length = (int)pending.Length;
            if (length > 0 && bytes[length - 1] == (byte)'\r')
            {
                length--;
            }

            if (length > _maxLineBytes)
            {
                firstLine = false;
                return new LogLine(number, null, offset, tooLong: true);
            }

            int skip = 0;
            if (firstLine && length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
            {
                skip = 3;
            }

            firstLine = false;
            return new LogLine(number, encoding.GetString(bytes, skip, length - skip), offset, tooLong: false);
        }
    }
}
