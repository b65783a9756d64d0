using System;
using System.IO;
using System.Threading;

namespace LbTools.Core.Logs
{
    /// <summary>
    /// Reads a file that is still being written, like tail -f: at the end it waits for more
    /// bytes instead of ending, until the token is cancelled (then OperationCanceledException).
    /// A file that shrinks (truncated for rotation) is read again from the start.
    /// </summary>
    internal sealed class FollowingStream : ReadOnlyStream
    {
        private readonly FileStream _file;
        private readonly TimeSpan _poll;
        private readonly CancellationToken _token;

        public FollowingStream(FileStream file, TimeSpan poll, CancellationToken token)
        {
            _file = file;
            _poll = poll <= TimeSpan.Zero ? TimeSpan.FromMilliseconds(250) : poll;
            _token = token;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            while (true)
            {
                _token.ThrowIfCancellationRequested();
                int read = _file.Read(buffer, offset, count);
                if (read > 0)
                {
                    return read;
                }

                if (_file.Length < _file.Position)
                {
                    _file.Position = 0;
                    continue;
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
    }
}
