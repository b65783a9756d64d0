using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace LbTools.Core.Probes.Http
{
    /// <summary>
    /// Passes bytes through and keeps the first ones the server sent, so a failed TLS handshake
    /// can still tell whether the port answered in plain HTTP.
    /// </summary>
    internal sealed class RecordingStream : Stream
    {
        private const int Keep = 16;
        private readonly Stream _inner;
        private readonly byte[] _first = new byte[Keep];
        private int _firstCount;

        public RecordingStream(Stream inner)
        {
            _inner = inner;
        }

        public byte[] FirstBytesRead
        {
            get
            {
                var copy = new byte[_firstCount];
                Buffer.BlockCopy(_first, 0, copy, 0, _firstCount);
                return copy;
            }
        }

        public override bool CanRead => _inner.CanRead;

        public override bool CanSeek => false;

        public override bool CanWrite => _inner.CanWrite;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Record(buffer, offset, _inner.Read(buffer, offset, count));

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Record(buffer, offset, await _inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false));

        public override void Write(byte[] buffer, int offset, int count) => _inner.Write(buffer, offset, count);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            _inner.WriteAsync(buffer, offset, count, cancellationToken);

        public override void Flush() => _inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private int Record(byte[] buffer, int offset, int read)
        {
            int take = Math.Min(read, Keep - _firstCount);
            if (take > 0)
            {
                Buffer.BlockCopy(buffer, offset, _first, _firstCount, take);
                _firstCount += take;
            }

            return read;
        }
    }
}
