using System;
using System.IO;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace LbTools.Core.Logs.Sources
{
    /// <summary>
    /// A plain log file as read once from start to end. For a file that can seek it notices when
    /// the file shrinks under the reader (truncated, or copytruncate rotation during a read) and
    /// says so with an IOException instead of ending as if the file were complete. For a pipe or
    /// FIFO (<c>/dev/stdin</c>, <c>&lt;(zcat x.gz)</c>), which cannot seek, it gives back the
    /// bytes already read to sniff the format first and then reads on.
    /// </summary>
    internal sealed class SourceStream : ReadOnlyStream
    {
        private readonly Stream _inner;
        private readonly string _path;
        private readonly long _openedLength;
        private readonly byte[] _prefix;
        private int _prefixAt;
        private long _position;

        /// <param name="inner">The file, positioned where reading starts.</param>
        /// <param name="path">For messages.</param>
        /// <param name="prefix">Bytes already taken from a stream that cannot seek, returned first.</param>
        /// <param name="start">The position of the first byte returned (after a byte order mark that was skipped).</param>
        /// <param name="openedLength">The file's length when opened, or -1 when it cannot be known (a pipe).</param>
        /// <param name="cancellationToken">For a pipe: a read that waits for its writer ends when this is cancelled.</param>
        public SourceStream(Stream inner, string path, byte[] prefix, long start, long openedLength, CancellationToken cancellationToken = default)
        {
            _inner = inner;
            _path = path;
            _prefix = prefix;
            _position = start;
            _openedLength = openedLength;
            _cancellationToken = cancellationToken;
        }

        private readonly CancellationToken _cancellationToken;

        // A pipe is read on a pool thread into a buffer of its own, so a read that waits for its
        // writer can be given up on cancellation (Ctrl+C) without anyone's buffer being written later.
        private byte[]? _scratch;
        private int _scratchAt;
        private int _scratchEnd;
        private Task<int>? _pending;

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_prefixAt < _prefix.Length)
            {
                int n = Math.Min(count, _prefix.Length - _prefixAt);
                Buffer.BlockCopy(_prefix, _prefixAt, buffer, offset, n);
                _prefixAt += n;
                _position += n;
                return n;
            }

            int read = _openedLength < 0 && _cancellationToken.CanBeCanceled ? ReadPipe(buffer, offset, count) : _inner.Read(buffer, offset, count);
            _position += read;
            if (read == 0 && _openedLength >= 0 && _position < _openedLength)
            {
                long now = CurrentLength();
                throw new IOException($"'{_path}' was cut short while it was read: {_openedLength} bytes when opened, {now} bytes at the end; the lines after byte {_position} were not read.");
            }

            return read;
        }

        private int ReadPipe(byte[] buffer, int offset, int count)
        {
            if (_scratchAt == _scratchEnd)
            {
                _scratch ??= new byte[64 * 1024];
                var scratch = _scratch;
                var inner = _inner;
                var pending = _pending ??= Task.Run(() => inner.Read(scratch, 0, scratch.Length));
                try
                {
                    // On cancellation the read stays pending (kept for a later call) and this throws.
                    pending.Wait(_cancellationToken);
                }
                catch (AggregateException ex) when (ex.InnerException != null)
                {
                    _pending = null;
                    ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
                }

                _scratchAt = 0;
                _scratchEnd = pending.Result;
                _pending = null;
                if (_scratchEnd == 0)
                {
                    return 0;
                }
            }

            int n = Math.Min(count, _scratchEnd - _scratchAt);
            Buffer.BlockCopy(_scratch!, _scratchAt, buffer, offset, n);
            _scratchAt += n;
            return n;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private long CurrentLength()
        {
            try
            {
                return _inner.Length;
            }
            catch (Exception ex) when (ex is IOException || ex is NotSupportedException || ex is ObjectDisposedException)
            {
                return _position;
            }
        }
    }
}
