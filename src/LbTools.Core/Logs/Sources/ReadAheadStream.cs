using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.IO;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace LbTools.Core.Logs.Sources
{
    /// <summary>
    /// Reads an inner stream on a background thread into a few fixed buffers, so decompressing
    /// a .gz overlaps with parsing on another core. Memory is bounded by the buffers; errors of
    /// the inner stream surface from Read in order, after the data before them. The buffers come
    /// from the shared array pool and go back on Dispose (each is a large object, and ALB logs
    /// arrive as thousands of small .gz files).
    /// </summary>
    internal sealed class ReadAheadStream : ReadOnlyStream
    {
        private const int ChunkSize = 128 * 1024;
        private const int Chunks = 4;

        private readonly Stream _inner;
        private readonly BlockingCollection<byte[]> _free = new BlockingCollection<byte[]>(Chunks);
        private readonly BlockingCollection<Chunk> _filled = new BlockingCollection<Chunk>(Chunks);
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly Task _producer;
        private readonly byte[][] _buffers = new byte[Chunks][];
        private Chunk _current;
        private int _offset;
        private bool _ended;
        private bool _disposed;

        public ReadAheadStream(Stream inner)
        {
            _inner = inner;
            for (int i = 0; i < Chunks; i++)
            {
                _buffers[i] = ArrayPool<byte>.Shared.Rent(ChunkSize);
                _free.Add(_buffers[i]);
            }

            _producer = Task.Run(Produce);
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            while (!_ended)
            {
                if (_current.Buffer != null && _offset < _current.Count)
                {
                    int n = Math.Min(count, _current.Count - _offset);
                    Buffer.BlockCopy(_current.Buffer, _offset, buffer, offset, n);
                    _offset += n;
                    return n;
                }

                if (_current.Buffer != null)
                {
                    _free.Add(_current.Buffer);
                    _current = default;
                }

                var next = _filled.Take();
                if (next.Error != null)
                {
                    _ended = true;
                    ExceptionDispatchInfo.Capture(next.Error).Throw();
                }

                if (next.Buffer == null)
                {
                    _ended = true;
                    break;
                }

                _current = next;
                _offset = 0;
            }

            return 0;
        }

        protected override void Dispose(bool disposing)
        {
            // Once only: a buffer given back twice would be handed to two renters.
            if (disposing && !_disposed)
            {
                _disposed = true;
                _ended = true;
                _stop.Cancel();
                bool ended;
                try
                {
                    ended = _producer.Wait(TimeSpan.FromSeconds(5));
                }
                catch (AggregateException)
                {
                    // The producer reports its errors through the queue; nothing is lost here.
                    ended = true;
                }

                _inner.Dispose();
                _stop.Dispose();
                _current = default;
                if (ended)
                {
                    // A producer still reading would write into a buffer handed out again: then the GC gets them.
                    foreach (var buffer in _buffers)
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                    }
                }
            }

            base.Dispose(disposing);
        }

        private void Produce()
        {
            try
            {
                while (true)
                {
                    var buffer = _free.Take(_stop.Token);
                    int filled = 0;
                    Exception? error = null;
                    try
                    {
                        int read;
                        while (filled < buffer.Length && (read = _inner.Read(buffer, filled, buffer.Length - filled)) > 0)
                        {
                            filled += read;
                        }
                    }
                    catch (Exception ex) when (!(ex is OperationCanceledException))
                    {
                        // Hand over what was read before the failure first, then the failure.
                        error = ex;
                    }

                    if (filled > 0)
                    {
                        _filled.Add(new Chunk(buffer, filled, null), _stop.Token);
                    }

                    if (error != null || filled < buffer.Length)
                    {
                        _filled.Add(new Chunk(null, 0, error), _stop.Token);
                        return;
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // Disposed before the end: nobody reads the rest.
            }
        }

        private readonly struct Chunk
        {
            public Chunk(byte[]? buffer, int count, Exception? error)
            {
                Buffer = buffer;
                Count = count;
                Error = error;
            }

            public byte[]? Buffer { get; }

            public int Count { get; }

            public Exception? Error { get; }
        }
    }
}
