using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System;
using LbTools.Core.Logs.Sources;

namespace LbTools.Core.Logs.Lines
{
    /// <summary>
    /// Reads a byte stream as lines ('\n' or "\r\n") without decoding them: each line points
    /// into the read buffer. A line longer than the cap is reported as too long and skipped up
    /// to its end without being buffered, so a file without newlines cannot exhaust memory.
    /// The read buffer comes from the shared array pool and goes back on Dispose: it is larger
    /// than the large-object threshold, and a read of thousands of small files (an ALB writes one
    /// per node every five minutes) would otherwise turn every collection into a gen2 one.
    /// </summary>
    public sealed class LogLineReader : IDisposable
    {
        /// <summary>Default cap: 1 MiB. AWS truncates user agents at 8 KB and URLs rarely pass 64 KB.</summary>
        public const int DefaultMaxLineBytes = 1024 * 1024;

        private const int InitialBuffer = 256 * 1024;

        /// <summary>The largest cap that still leaves room for "\r\n" in the largest byte array .NET allows.</summary>
        public const int MaxLineBytesLimit = 0x7FFFFFC7 - 2;

        private readonly Stream _stream;
        private readonly int _maxLineBytes;
        private byte[] _buffer;
        private byte[]? _rented;
        private readonly IRestartingStream? _restarting;
        private long _fileStartsAt;      // stream offset where the current file begins (rotation)
        private long _fileFirstPosition; // and the file position of that byte

        // The scan state lives in fields so TryReadLine can return after each line.
        private long _lineNumber;
        private long _consumed;     // stream offset of _buffer[0]
        private int _start;         // first byte of the current line in _buffer
        private int _end;           // bytes of _buffer holding data
        private int _scanned;       // where the search for '\n' resumes
        private bool _skipping;     // inside a line already reported too long
        private bool _first = true;
        private bool _eof;

        public LogLineReader(Stream stream, int maxLineBytes = DefaultMaxLineBytes)
        {
            _stream = stream ?? throw new ArgumentNullException(nameof(stream));
            if (maxLineBytes < 16)
            {
                throw new ArgumentOutOfRangeException(nameof(maxLineBytes), "The line cap must be at least 16 bytes.");
            }

            // Any int is a valid cap, but a line and its line break must fit in one array.
            _maxLineBytes = Math.Min(maxLineBytes, MaxLineBytesLimit);
            _restarting = stream as IRestartingStream;
            _buffer = _rented = ArrayPool<byte>.Shared.Rent(Math.Min(InitialBuffer, _maxLineBytes + 2));
        }

        /// <summary>Gives the read buffer back to the pool; lines read before are no longer valid.</summary>
        public void Dispose()
        {
            var rented = _rented;
            _rented = null;
            _buffer = Array.Empty<byte>();
            _start = _end = _scanned = 0;
            _eof = true;
            if (rented != null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }

        /// <summary>
        /// Numbers the line that starts at <paramref name="streamOffset"/> and returns its offset in
        /// its file: after a followed log was rotated, the new file's lines count from 1 again.
        /// </summary>
        private long NextLine(long streamOffset)
        {
            if (_restarting != null && _restarting.CurrentFileStartsAt > _fileStartsAt && streamOffset >= _restarting.CurrentFileStartsAt)
            {
                _fileStartsAt = _restarting.CurrentFileStartsAt;
                _fileFirstPosition = _restarting.CurrentFileFirstPosition;
                _lineNumber = 0;
                _first = true;
            }

            _lineNumber++;
            return streamOffset - _fileStartsAt + _fileFirstPosition;
        }

        /// <summary>Keeps the buffer out of the pool on Dispose: a thread that did not stop may still read into it.</summary>
        internal void KeepBufferFromPool() => _rented = null;

        /// <summary>Bytes consumed from the stream so far (decompressed bytes for .gz).</summary>
        public long BytesRead { get; private set; }

        /// <summary>The lines one by one; a thin wrapper over <see cref="TryReadLine"/>.</summary>
        public IEnumerable<LogLine> ReadLines(CancellationToken cancellationToken = default)
        {
            while (TryReadLine(out var line, cancellationToken))
            {
                yield return line;
            }
        }

        /// <summary>
        /// The next line, or false at the end of the stream (and on every call after). The line
        /// points into the read buffer and is valid until the next call. The token is checked
        /// before each read from the stream; stream errors propagate.
        /// </summary>
        public bool TryReadLine(out LogLine line, CancellationToken cancellationToken = default)
        {
            while (true)
            {
                int newline = _scanned < _end ? Array.IndexOf(_buffer, (byte)'\n', _scanned, _end - _scanned) : -1;
                if (newline < 0 && !_eof)
                {
                    if (_skipping)
                    {
                        // Drop the overlong line's bytes as they come.
                        _consumed += _end;
                        _start = _end = _scanned = 0;
                    }
                    else if (_start > 0)
                    {
                        Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                        _consumed += _start;
                        _end -= _start;
                        _scanned = _end;
                        _start = 0;
                    }

                    if (!_skipping && _end - _start > _maxLineBytes + 1)
                    {
                        _skipping = true;
                        long at = NextLine(_consumed + _start);
                        line = new LogLine(_lineNumber, null, at, tooLong: true);
                        _first = false;
                        _consumed += _end;
                        _start = _end = _scanned = 0;
                        return true;
                    }

                    if (_end == _buffer.Length)
                    {
                        // Reached only while the line is within the cap (checked above), so this grows.
                        var grown = new byte[(int)Math.Min((long)_buffer.Length * 2, (long)_maxLineBytes + 2)];
                        Buffer.BlockCopy(_buffer, 0, grown, 0, _end);
                        _buffer = grown;
                    }

                    cancellationToken.ThrowIfCancellationRequested();
                    int read = _stream.Read(_buffer, _end, _buffer.Length - _end);
                    if (read <= 0)
                    {
                        _eof = true;
                    }
                    else
                    {
                        _scanned = _end;
                        _end += read;
                        BytesRead += read;
                    }

                    continue;
                }

                int lineEnd = newline < 0 ? _end : newline;
                int start = _start;

                // Past this line: at the end of the data, this makes the next call return false.
                _start = _scanned = newline < 0 ? _end : newline + 1;
                if (_skipping)
                {
                    _skipping = false;
                }
                else if (newline >= 0 || lineEnd > start)
                {
                    long at = NextLine(_consumed + start);
                    int length = lineEnd - start;
                    if (length > 0 && _buffer[start + length - 1] == (byte)'\r')
                    {
                        length--;
                    }

                    int from = start;
                    if (_first && length >= 3 && _buffer[from] == 0xEF && _buffer[from + 1] == 0xBB && _buffer[from + 2] == 0xBF)
                    {
                        from += 3;
                        length -= 3;
                    }

                    _first = false;
                    line = length > _maxLineBytes
                        ? new LogLine(_lineNumber, null, at, tooLong: true)
                        : new LogLine(_lineNumber, _buffer, from, length, at);
                    return true;
                }

                if (newline < 0)
                {
                    line = default;
                    return false;
                }
            }
        }
    }
}
