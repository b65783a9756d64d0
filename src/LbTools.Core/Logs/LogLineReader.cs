using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;

namespace LbTools.Core.Logs
{
    /// <summary>
    /// Reads a byte stream as lines ('\n' or "\r\n") without decoding them: each line points
    /// into the read buffer. A line longer than the cap is reported as too long and skipped up
    /// to its end without being buffered, so a file without newlines cannot exhaust memory.
    /// </summary>
    public sealed class LogLineReader
    {
        /// <summary>Default cap: 1 MiB. AWS truncates user agents at 8 KB and URLs rarely pass 64 KB.</summary>
        public const int DefaultMaxLineBytes = 1024 * 1024;

        private const int InitialBuffer = 256 * 1024;

        private readonly Stream _stream;
        private readonly int _maxLineBytes;
        private byte[] _buffer;

        public LogLineReader(Stream stream, int maxLineBytes = DefaultMaxLineBytes)
        {
            _stream = stream ?? throw new ArgumentNullException(nameof(stream));
            if (maxLineBytes < 16)
            {
                throw new ArgumentOutOfRangeException(nameof(maxLineBytes), "The line cap must be at least 16 bytes.");
            }

            _maxLineBytes = maxLineBytes;
            _buffer = new byte[Math.Min(InitialBuffer, maxLineBytes + 2)];
        }

        /// <summary>Bytes consumed from the stream so far (decompressed bytes for .gz).</summary>
        public long BytesRead { get; private set; }

        public IEnumerable<LogLine> ReadLines(CancellationToken cancellationToken = default)
        {
            long lineNumber = 0;
            long consumed = 0;      // stream offset of _buffer[0]
            int start = 0;          // first byte of the current line in _buffer
            int end = 0;            // bytes of _buffer holding data
            int scanned = 0;        // where the search for '\n' resumes
            bool skipping = false;  // inside a line already reported too long
            bool first = true;
            bool eof = false;
            while (true)
            {
                int newline = scanned < end ? Array.IndexOf(_buffer, (byte)'\n', scanned, end - scanned) : -1;
                if (newline < 0 && !eof)
                {
                    if (skipping)
                    {
                        // Drop the overlong line's bytes as they come.
                        consumed += end;
                        start = end = scanned = 0;
                    }
                    else if (start > 0)
                    {
                        Buffer.BlockCopy(_buffer, start, _buffer, 0, end - start);
                        consumed += start;
                        end -= start;
                        scanned = end;
                        start = 0;
                    }

                    if (!skipping && end - start > _maxLineBytes + 1)
                    {
                        skipping = true;
                        lineNumber++;
                        yield return new LogLine(lineNumber, null, consumed + start, tooLong: true);
                        first = false;
                        consumed += end;
                        start = end = scanned = 0;
                    }

                    if (end == _buffer.Length)
                    {
                        Array.Resize(ref _buffer, (int)Math.Min((long)_buffer.Length * 2, (long)_maxLineBytes + 2));
                    }

                    cancellationToken.ThrowIfCancellationRequested();
                    int read = _stream.Read(_buffer, end, _buffer.Length - end);
                    if (read <= 0)
                    {
                        eof = true;
                    }
                    else
                    {
                        scanned = end;
                        end += read;
                        BytesRead += read;
                    }

                    continue;
                }

                int lineEnd = newline < 0 ? end : newline;
                if (skipping)
                {
                    skipping = false;
                }
                else if (newline >= 0 || lineEnd > start)
                {
                    lineNumber++;
                    int length = lineEnd - start;
                    if (length > 0 && _buffer[start + length - 1] == (byte)'\r')
                    {
                        length--;
                    }

                    int from = start;
                    if (first && length >= 3 && _buffer[from] == 0xEF && _buffer[from + 1] == 0xBB && _buffer[from + 2] == 0xBF)
                    {
                        from += 3;
                        length -= 3;
                    }

                    first = false;
                    yield return length > _maxLineBytes
                        ? new LogLine(lineNumber, null, consumed + start, tooLong: true)
                        : new LogLine(lineNumber, _buffer, from, length, consumed + start);
                }

                if (newline < 0)
                {
                    yield break;
                }

                start = scanned = newline + 1;
            }
        }
    }
}
