using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using LbTools.Core.Common;

namespace LbTools.Core.Logs.Lines
{
    /// <summary>
    /// Reads several files side by side, each whole on one thread, and hands back what each
    /// produced (its records and the errors reported while reading it, interleaved as they
    /// came) in file order, exactly as reading them in turn would. A thread takes the next file
    /// when it has finished one. Memory stays bounded: a thread may start a file only while
    /// fewer than <see cref="FilesAheadPerThread"/> files per thread wait for the caller, and a
    /// file's output waits in a queue of at most <see cref="BatchesQueued"/> batches, so a thread
    /// that gets ahead simply waits.
    /// </summary>
    internal sealed class ParallelFileReading : IDisposable
    {
        /// <summary>Items (records and errors) handed over at once: one queue operation per batch, not per record.</summary>
        internal const int BatchSize = 256;

        // Few batches and few files ahead: every record still waiting when a gen0 collection runs
        // is promoted, which costs more than the waiting saves (see ParallelLineParsing).
        private const int BatchesQueued = 2;
        private const int FilesAheadPerThread = 2;

        private readonly ReadOne _read;
        private readonly int _fileCount;
        private readonly FileOutput?[] _outputs;
        private readonly CancellationTokenSource _stop;
        private readonly SemaphoreSlim _window;
        private readonly Task[] _threads;
        private int _next = -1;

        /// <param name="fileCount">Files, numbered 0 to fileCount - 1.</param>
        /// <param name="threads">Threads reading files.</param>
        /// <param name="read">Reads file <c>index</c>, reporting its errors to the sink it is given; runs on the reading threads.</param>
        /// <param name="cancellationToken">Stops every thread.</param>
        public ParallelFileReading(int fileCount, int threads, ReadOne read, CancellationToken cancellationToken)
        {
            _read = read;
            _fileCount = fileCount;
            _outputs = new FileOutput?[fileCount];
            _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            _window = new SemaphoreSlim(threads * FilesAheadPerThread);
            _threads = new Task[threads];
            for (int i = 0; i < threads; i++)
            {
                // Own threads, not pool threads: they block on the queues for the whole read.
                _threads[i] = Task.Factory.StartNew(Work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            }
        }

        /// <summary>Reads one file; the records it yields and the errors it reports go to the caller in order.</summary>
        public delegate IEnumerable<LbLogRecord> ReadOne(int index, IOperationSink sink, CancellationToken cancellationToken);

        /// <summary>
        /// What file <paramref name="index"/> produced, in order; files must be asked for in
        /// turn, 0 first. Rethrows what reading the file threw, after the items before it.
        /// </summary>
        public IEnumerable<FileItem> Items(int index)
        {
            var output = Output(index);
            foreach (var batch in output.Queue.GetConsumingEnumerable(_stop.Token))
            {
                for (int i = 0; i < batch.Count; i++)
                {
                    yield return batch.Items[i];
                }
            }

            // A cancelled read ends the queue early: say so rather than end as if the file had.
            _stop.Token.ThrowIfCancellationRequested();
            _outputs[index] = null;
            _window.Release();
            if (output.Error != null)
            {
                ExceptionDispatchInfo.Capture(output.Error).Throw();
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            try
            {
                // Each thread stops at its next line check (at most 1,024 lines) or queue wait.
                Task.WaitAll(_threads, TimeSpan.FromSeconds(5));
            }
            catch (AggregateException)
            {
                // Cancellation ends the threads; their errors were handed over in the outputs.
            }

            _stop.Dispose();
        }

        /// <summary>The output of a file, made by whichever of its reader and the caller comes first.</summary>
        private FileOutput Output(int index)
        {
            var output = Volatile.Read(ref _outputs[index]);
            if (output != null)
            {
                return output;
            }

            var made = new FileOutput(_stop.Token);
            return Interlocked.CompareExchange(ref _outputs[index], made, null) ?? made;
        }

        private void Work()
        {
            var token = _stop.Token;
            try
            {
                while (true)
                {
                    _window.Wait(token);
                    int index = Interlocked.Increment(ref _next);
                    if (index >= _fileCount)
                    {
                        return;
                    }

                    var output = Output(index);
                    try
                    {
                        foreach (var record in _read(index, output, token))
                        {
                            output.Add(new FileItem(record, null));
                        }

                        output.Flush();
                    }
                    catch (Exception ex) when (!(ex is OperationCanceledException && token.IsCancellationRequested))
                    {
                        // Handed over in order: the caller rethrows it after this file's items.
                        output.Error = ex;
                        output.Flush();
                    }
                    finally
                    {
                        output.Queue.CompleteAdding();
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // Disposed or cancelled: nobody reads the rest.
            }
        }

        /// <summary>A record or an error, as one file produced them.</summary>
        internal readonly struct FileItem
        {
            public FileItem(LbLogRecord? record, LbError? error)
            {
                Record = record;
                Error = error;
            }

            public LbLogRecord? Record { get; }

            public LbError? Error { get; }
        }

        private sealed class Batch
        {
            public readonly FileItem[] Items = new FileItem[BatchSize];
            public int Count;
        }

        /// <summary>
        /// One file's items on their way to the caller; also the sink its reader reports to, so
        /// errors keep their place among the records. Progress is the caller's to report.
        /// </summary>
        private sealed class FileOutput : IOperationSink
        {
            private readonly CancellationToken _token;
            private Batch _filling = new Batch();

            public FileOutput(CancellationToken token)
            {
                _token = token;
            }

            public BlockingCollection<Batch> Queue { get; } = new BlockingCollection<Batch>(BatchesQueued);

            public Exception? Error { get; set; }

            public void Add(FileItem item)
            {
                _filling.Items[_filling.Count++] = item;
                if (_filling.Count == BatchSize)
                {
                    Flush();
                }
            }

            public void Flush()
            {
                if (_filling.Count > 0)
                {
                    Queue.Add(_filling, _token);
                    _filling = new Batch();
                }
            }

            public void ReportError(LbError error) => Add(new FileItem(null, error));

            public void ReportProgress(LbProgress progress)
            {
            }
        }
    }
}
