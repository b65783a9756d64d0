using System.Buffers;
using System.Threading;
using System;
using LbTools.Core.Logs.Parsing;

namespace LbTools.Core.Logs.Lines
{
    /// <summary>
    /// Consecutive lines of one source copied into one buffer, and the outcome of parsing
    /// each, for <see cref="ParallelLineParsing"/>. Reused: <see cref="Reset"/> empties it and
    /// keeps its arrays. The line buffer is rented from the shared pool (it is larger than the
    /// large-object threshold, and a read of many small files would otherwise allocate a set per file).
    /// </summary>
    internal sealed class LineChunk
    {
        // Little spinning: with more threads than cores a spinning waiter only delays the worker it waits for.
        private readonly ManualResetEventSlim _parsed = new ManualResetEventSlim(false, spinCount: 1);
        private readonly byte[] _rented = ArrayPool<byte>.Shared.Rent(ParallelLineParsing.ChunkBytes);
        private byte[] _data;
        private bool _released;
        private int _used;
        private int[] _starts = new int[64];
        private int[] _lengths = new int[64];
        private long[] _offsets = new long[64];

        public LineChunk()
        {
            _data = _rented;
        }

        public int Count { get; private set; }

        /// <summary>Number of the first line (lines in a chunk are numbered one after the other).</summary>
        public long FirstNumber { get; private set; }

        public ParseOutcome[] Outcomes { get; private set; } = new ParseOutcome[64];

        /// <summary>The source failed after the lines of this chunk.</summary>
        public Exception? ReadError { get; set; }

        /// <summary>A worker failed on this chunk (a bug: parsers report bad lines as outcomes).</summary>
        public Exception? WorkerError { get; set; }

        public long BytesReadAfter { get; set; }

        public void Reset()
        {
            // Let go of the records of the last use, so they die young instead of living on here.
            Array.Clear(Outcomes, 0, Count);
            _used = 0;
            Count = 0;
            ReadError = null;
            WorkerError = null;
            _parsed.Reset();
        }

        /// <summary>Copies the line in; false when it does not fit beside the lines already in (an empty chunk takes any line).</summary>
        public bool TryAdd(in LogLine line)
        {
            int length = line.TooLong ? 0 : line.HasBytes ? line.Bytes.Length : -1;
            if (length < 0)
            {
                throw new ArgumentException("Chunks hold lines read from bytes.", nameof(line));
            }

            if (Count > 0 && _used + length > _data.Length)
            {
                return false;
            }

            if (Count == 0)
            {
                FirstNumber = line.Number;
                // A line longer than a chunk gets a buffer of its own, not from the pool (it may be
                // as long as the line cap); the next chunk starts on the pooled buffer again.
                _data = length > _rented.Length ? new byte[length] : _rented;
            }

            if (Count == _starts.Length)
            {
                Array.Resize(ref _starts, Count * 2);
                Array.Resize(ref _lengths, Count * 2);
                Array.Resize(ref _offsets, Count * 2);
                var outcomes = Outcomes;
                Array.Resize(ref outcomes, Count * 2);
                Outcomes = outcomes;
            }

            _starts[Count] = _used;
            _lengths[Count] = line.TooLong ? -1 : length;
            _offsets[Count] = line.ByteOffset;
            if (length > 0)
            {
                line.Bytes.CopyTo(new Span<byte>(_data, _used, length));
                _used += length;
            }

            Count++;
            return true;
        }

        /// <summary>Line <paramref name="index"/> as the reader gave it (pointing into this chunk).</summary>
        public LogLine Line(int index) =>
            _lengths[index] < 0
                ? new LogLine(FirstNumber + index, null, _offsets[index], tooLong: true)
                : new LogLine(FirstNumber + index, _data, _starts[index], _lengths[index], _offsets[index]);

        public void MarkParsed() => _parsed.Set();

        /// <summary>Gives the line buffer back to the pool; only once no thread can touch the chunk again.</summary>
        public void Release()
        {
            if (!_released)
            {
                _released = true;
                _data = Array.Empty<byte>();
                ArrayPool<byte>.Shared.Return(_rented);
                _parsed.Dispose();
            }
        }

        public void WaitParsed(CancellationToken cancellationToken) => _parsed.Wait(cancellationToken);
    }
}
