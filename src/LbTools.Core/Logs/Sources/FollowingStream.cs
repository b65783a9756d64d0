using System;
using System.IO;
using System.Threading;

namespace LbTools.Core.Logs.Sources
{
    /// <summary>
    /// Reads a file that is still being written, like tail -F: at the end it waits for more bytes
    /// instead of ending, until the token is cancelled (then OperationCanceledException). Both
    /// kinds of rotation are followed. A file that shrinks (logrotate's copytruncate) is read again
    /// from the start. A file renamed away with a new one created at its path (logrotate's default,
    /// then nginx reopens its log on USR1) is noticed after a quiet spell, and the new file is read
    /// from its start. That check compares the first bytes read from the open file with the first
    /// bytes of the file now at the path, so a file that only paused is never read twice. When the
    /// old file ended inside a line, a line break is put in, so that line stays a line of its own
    /// (in the file's encoding: two bytes for UTF-16).
    /// </summary>
    internal sealed class FollowingStream : ReadOnlyStream, IRestartingStream
    {
        private const int HeadBytes = 4096;

        private readonly string _path;
        private readonly long _start;
        private readonly TimeSpan _poll;
        private readonly TimeSpan _quietBeforeCheck;
        private readonly CancellationToken _token;
        private readonly byte[] _head = new byte[HeadBytes];
        private readonly byte[] _lineBreak;
        private readonly byte[] _tail;
        private FileStream _file;
        private int _headLength;
        private DateTime _lastData = DateTime.UtcNow;
        private DateTime _lastCheck = DateTime.MinValue;
        private bool _endLine;
        private long _handedOut;

        /// <param name="file">The open file, positioned at <paramref name="start"/>.</param>
        /// <param name="path">Its path, to notice when another file takes its place.</param>
        /// <param name="start">Where the text starts (after a byte order mark); a new file is read from there too.</param>
        /// <param name="poll">How often to look for new bytes.</param>
        /// <param name="token">Ends the following.</param>
        /// <param name="lineBreak">A line break in the file's encoding ("\n", or its two UTF-16 bytes).</param>
        public FollowingStream(FileStream file, string path, long start, TimeSpan poll, CancellationToken token, byte[]? lineBreak = null)
        {
            _lineBreak = lineBreak ?? new[] { (byte)'\n' };

            // The last bytes handed out; a file that has not begun counts as ended with a line break.
            _tail = (byte[])_lineBreak.Clone();
            _file = file;
            _path = path;
            _start = start;
            _poll = poll <= TimeSpan.Zero ? TimeSpan.FromMilliseconds(250) : poll;

            // A renamed-away file is only looked for after some quiet polls: an active log never pays for it.
            _quietBeforeCheck = TimeSpan.FromTicks(Math.Max(_poll.Ticks * 8, TimeSpan.FromMilliseconds(200).Ticks));
            _token = token;
        }

        public long CurrentFileStartsAt { get; private set; }

        public long CurrentFileFirstPosition => _start;

        public override int Read(byte[] buffer, int offset, int count)
        {
            while (true)
            {
                _token.ThrowIfCancellationRequested();
                if (_endLine && count >= _lineBreak.Length)
                {
                    // The old file ended inside a line: end it, so it is not glued to the new file's first line.
                    _endLine = false;
                    Buffer.BlockCopy(_lineBreak, 0, buffer, offset, _lineBreak.Length);
                    KeepTail(buffer, offset, _lineBreak.Length);
                    _handedOut += _lineBreak.Length;
                    return _lineBreak.Length;
                }

                int read = _file.Read(buffer, offset, count);
                if (read > 0)
                {
                    KeepHead(buffer, offset, read);
                    KeepTail(buffer, offset, read);
                    _handedOut += read;
                    _lastData = DateTime.UtcNow;
                    return read;
                }

                if (_file.Length < _file.Position)
                {
                    // Truncated in place: the file starts over.
                    Restart();
                    continue;
                }

                var now = DateTime.UtcNow;
                if (now - _lastData >= _quietBeforeCheck && now - _lastCheck >= _quietBeforeCheck)
                {
                    _lastCheck = now;
                    if (TrySwitchToReplacement())
                    {
                        continue;
                    }
                }

                _token.WaitHandle.WaitOne(_poll);
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _file.Dispose();
            }

            base.Dispose(disposing);
        }

        private void KeepHead(byte[] buffer, int offset, int read)
        {
            int take = Math.Min(read, HeadBytes - _headLength);
            if (take > 0)
            {
                Buffer.BlockCopy(buffer, offset, _head, _headLength, take);
                _headLength += take;
            }
        }

        /// <summary>Keeps the last bytes handed out (as many as a line break has), across reads.</summary>
        private void KeepTail(byte[] buffer, int offset, int read)
        {
            int keep = Math.Min(read, _tail.Length);
            Buffer.BlockCopy(_tail, keep, _tail, 0, _tail.Length - keep);
            Buffer.BlockCopy(buffer, offset + read - keep, _tail, _tail.Length - keep, keep);
        }

        private void Restart()
        {
            _file.Position = _start;
            _headLength = 0;
            _endLine = !_tail.AsSpan().SequenceEqual(_lineBreak);
            CurrentFileStartsAt = _handedOut + (_endLine ? _lineBreak.Length : 0);
        }

        /// <summary>
        /// When the path now holds another file (its first bytes differ from the ones read here, or
        /// nothing was read here yet and it has bytes), reads that file from its start instead.
        /// </summary>
        private bool TrySwitchToReplacement()
        {
            FileStream? candidate = null;
            try
            {
                candidate = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                long available = candidate.Length - _start;
                if (available <= 0)
                {
                    // Renamed away and not yet recreated, or recreated and still empty: keep waiting.
                    return false;
                }

                int compare = (int)Math.Min(_headLength, available);
                if (compare > 0)
                {
                    var theirs = new byte[compare];
                    candidate.Position = _start;
                    int got = 0;
                    while (got < compare)
                    {
                        int n = candidate.Read(theirs, got, compare - got);
                        if (n <= 0)
                        {
                            return false;
                        }

                        got += n;
                    }

                    if (theirs.AsSpan().SequenceEqual(_head.AsSpan(0, compare)))
                    {
                        // The same file, only quiet.
                        return false;
                    }
                }

                _file.Dispose();
                _file = candidate;
                candidate = null;
                Restart();
                _lastData = DateTime.UtcNow;
                return true;
            }
            catch (IOException)
            {
                // Not there (between rename and create) or not readable now: keep reading what is open.
                return false;
            }
            catch (UnauthorizedAccessException)
            {
                return false;
            }
            finally
            {
                candidate?.Dispose();
            }
        }
    }
}
