using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading.Tasks;
using System.Threading;
using System;
using LbTools.Core.Logs.Parsing;

namespace LbTools.Core.Logs.Lines
{
    /// <summary>
    /// Parses the lines of one source on several threads and hands the outcomes back in line
    /// order. A reader thread cuts the source into chunks of whole lines (decompressing a .gz
    /// as it goes), worker threads parse the chunks, and the caller takes them in order.
    /// Memory is bounded by a fixed set of chunks that are reused once consumed, so a file of
    /// any size is read in the same space. Read errors (a corrupt .gz) surface from
    /// <see cref="Chunks"/> in order, after every line read before them.
    /// </summary>
    internal sealed class ParallelLineParsing : IDisposable
    {
        /// <summary>Bytes of lines a chunk holds before it is handed on (a longer line gets a chunk of its own size).</summary>
        internal const int ChunkBytes = 128 * 1024;

        // Chunks trade hand-overs against records in flight. Each hand-over can cost a thread switch
        // on a machine with few cores (so fewer, larger chunks); but every record still waiting in a
        // chunk when a gen0 collection runs is promoted (measured: 256 KiB chunks, two per worker, made
        // nearly every collection a gen1 one). 128 KiB or 256 lines, one chunk per worker, kept both low.
        private const int MaxLinesPerChunk = 256;

        private readonly LogLineReader _reader;
        private readonly LineParse _parse;
        private readonly CancellationTokenSource _stop;
        private readonly BlockingCollection<LineChunk> _free;
        private readonly BlockingCollection<LineChunk> _inOrder;
        private readonly BlockingCollection<LineChunk> _toParse;
        private readonly List<Task> _tasks = new List<Task>();
        private readonly List<LineChunk> _all = new List<LineChunk>();

        /// <param name="reader">The source's lines (lines already taken from it are not seen again).</param>
        /// <param name="workerParsers">One parser per worker thread.</param>
        /// <param name="parse">Parses one line with a worker's parser; runs on worker threads.</param>
        /// <param name="cancellationToken">Stops the reader and the workers.</param>
        public ParallelLineParsing(LogLineReader reader, IReadOnlyList<ILogLineParser> workerParsers, LineParse parse, CancellationToken cancellationToken)
        {
            _reader = reader;
            _parse = parse;
            _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

            // One chunk a worker, one being filled and one being consumed: more only keeps records alive longer.
            int chunks = workerParsers.Count + 2;
            _free = new BlockingCollection<LineChunk>(chunks);
            _inOrder = new BlockingCollection<LineChunk>(chunks);
            _toParse = new BlockingCollection<LineChunk>(chunks);
            for (int i = 0; i < chunks; i++)
            {
                var chunk = new LineChunk();
                _all.Add(chunk);
                _free.Add(chunk);
            }

            // Own threads, not pool threads: they block on the queues for the whole read.
            _tasks.Add(Task.Factory.StartNew(Produce, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default));
            foreach (var parser in workerParsers)
            {
                _tasks.Add(Task.Factory.StartNew(() => Work(parser), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default));
            }
        }

        /// <summary>Parses one line (<paramref name="utf8Parser"/>: the parser as a byte reader, or null); the line's bytes are valid only during the call.</summary>
        public delegate ParseOutcome LineParse(ILogLineParser parser, IUtf8LineParser? utf8Parser, in LogLine line);

        /// <summary>Bytes read from the source up to the end of the chunk last handed out.</summary>
        public long BytesRead { get; private set; }

        /// <summary>
        /// The parsed chunks in line order. Each chunk is valid until the next is asked for
        /// (it is then reused). Throws the source's read error after the lines before it.
        /// </summary>
        public IEnumerable<LineChunk> Chunks()
        {
            LineChunk? previous = null;
            foreach (var chunk in _inOrder.GetConsumingEnumerable(_stop.Token))
            {
                if (previous != null)
                {
                    _free.Add(previous, _stop.Token);
                }

                chunk.WaitParsed(_stop.Token);
                BytesRead = chunk.BytesReadAfter;
                if (chunk.WorkerError != null)
                {
                    ExceptionDispatchInfo.Capture(chunk.WorkerError).Throw();
                }

                yield return chunk;
                if (chunk.ReadError != null)
                {
                    ExceptionDispatchInfo.Capture(chunk.ReadError).Throw();
                }

                previous = chunk;
            }

            // A cancelled reader ends the queue early: say so rather than end as if the file had.
            _stop.Token.ThrowIfCancellationRequested();
        }

        public void Dispose()
        {
            _stop.Cancel();
            bool ended;
            try
            {
                ended = Task.WaitAll(_tasks.ToArray(), TimeSpan.FromSeconds(5));
            }
            catch (AggregateException)
            {
                // Cancellation ends the threads; their errors were handed over in the chunks.
                ended = true;
            }

            if (ended)
            {
                foreach (var chunk in _all)
                {
                    chunk.Release();
                }
            }
            else
            {
                // A thread that has not ended might still write into a chunk or the read buffer:
                // then the GC, not the pool, gets them.
                _reader.KeepBufferFromPool();
            }

            _stop.Dispose();
        }

        private void Produce()
        {
            var token = _stop.Token;
            try
            {
                var chunk = _free.Take(token);
                chunk.Reset();
                try
                {
                    while (_reader.TryReadLine(out var line, token))
                    {
                        if (!chunk.TryAdd(in line))
                        {
                            Publish(chunk);
                            chunk = _free.Take(token);
                            chunk.Reset();
                            chunk.TryAdd(in line);
                        }

                        if (chunk.Count == MaxLinesPerChunk)
                        {
                            Publish(chunk);
                            chunk = _free.Take(token);
                            chunk.Reset();
                        }
                    }
                }
                catch (Exception ex) when (!(ex is OperationCanceledException))
                {
                    // The lines before the failure stand; the failure follows them in order.
                    chunk.ReadError = ex;
                }

                Publish(chunk);
            }
            catch (OperationCanceledException)
            {
                // Disposed or cancelled: nobody reads the rest.
            }
            finally
            {
                _inOrder.CompleteAdding();
                _toParse.CompleteAdding();
            }
        }

        private void Publish(LineChunk chunk)
        {
            chunk.BytesReadAfter = _reader.BytesRead;
            _inOrder.Add(chunk, _stop.Token);
            _toParse.Add(chunk, _stop.Token);
        }

        private void Work(ILogLineParser parser)
        {
            var utf8Parser = parser as IUtf8LineParser;
            try
            {
                foreach (var chunk in _toParse.GetConsumingEnumerable(_stop.Token))
                {
                    try
                    {
                        for (int i = 0; i < chunk.Count; i++)
                        {
                            var line = chunk.Line(i);
                            chunk.Outcomes[i] = _parse(parser, utf8Parser, in line);
                        }
                    }
                    catch (Exception ex) when (!(ex is OperationCanceledException))
                    {
                        chunk.WorkerError = ex;
                    }

                    chunk.MarkParsed();
                }
            }
            catch (OperationCanceledException)
            {
                // Disposed or cancelled.
            }
        }
    }
}
