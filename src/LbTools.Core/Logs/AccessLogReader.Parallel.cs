using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LbTools.Core.Common;

namespace LbTools.Core.Logs
{
    public sealed partial class AccessLogReader
    {
        private const int BatchSize = 256;
        private const int BatchesAhead = 8;

        /// <summary>
        /// Parses up to MaxParallelFiles files at once on worker threads, and hands records and
        /// errors back file by file in the given order, on the calling thread (the sink, e.g. a
        /// cmdlet, is only ever called from here). Each worker runs at most BatchesAhead batches
        /// ahead of the reader, so memory stays bounded whatever the file sizes.
        /// </summary>
        private IEnumerable<LbLogRecord> ReadFilesInParallel(IEnumerable<string> files, CancellationToken cancellationToken)
        {
            var paths = files.ToList();
            var queues = new BlockingCollection<object>?[paths.Count];
            var stats = new LogFileStatistics[paths.Count];
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            int started = 0;
            try
            {
                for (int i = 0; i < paths.Count; i++)
                {
                    while (started < paths.Count && started < i + _options.MaxParallelFiles)
                    {
                        stats[started] = new LogFileStatistics(paths[started]);
                        Statistics.Add(stats[started]);
                        queues[started] = StartWorker(paths[started], stats[started], stop.Token);
                        started++;
                    }

                    foreach (var item in queues[i]!.GetConsumingEnumerable(cancellationToken))
                    {
                        if (item is LbError error)
                        {
                            _sink.ReportError(error);
                            continue;
                        }

                        foreach (var record in (List<LbLogRecord>)item)
                        {
                            yield return record;
                        }

                        MaybeReportProgress(paths[i], stats[i], 0);
                    }

                    queues[i]!.Dispose();
                    queues[i] = null;
                }
            }
            finally
            {
                stop.Cancel();
            }
        }

        private BlockingCollection<object> StartWorker(string path, LogFileStatistics stats, CancellationToken token)
        {
            var queue = new BlockingCollection<object>(BatchesAhead);
            var sink = new QueueSink(queue, token);
            Task.Run(
                () =>
                {
                    try
                    {
                        var batch = new List<LbLogRecord>(BatchSize);
                        foreach (var record in ReadFile(path, stats, sink, follow: false, token))
                        {
                            batch.Add(record);
                            if (batch.Count == BatchSize)
                            {
                                queue.Add(batch, token);
                                batch = new List<LbLogRecord>(BatchSize);
                            }
                        }

                        if (batch.Count > 0)
                        {
                            queue.Add(batch, token);
                        }
                    }
                    catch (OperationCanceledException)
                    {
                        // The reader stopped (-First, Ctrl+C): nobody waits for the rest.
                    }
                    catch (Exception ex)
                    {
                        sink.ReportError(new LbError("LogFileReadFailed", LbErrorCategory.ReadError, $"Reading '{path}' failed: {ex.Message}", path, ex));
                    }
                    finally
                    {
                        queue.CompleteAdding();
                    }
                },
                CancellationToken.None);
            return queue;
        }

        /// <summary>Carries a worker's errors to the reading thread in order with its records.</summary>
        private sealed class QueueSink : IOperationSink
        {
            private readonly BlockingCollection<object> _queue;
            private readonly CancellationToken _token;

            public QueueSink(BlockingCollection<object> queue, CancellationToken token)
            {
                _queue = queue;
                _token = token;
            }

            public void ReportError(LbError error)
            {
                try
                {
                    _queue.Add(error, _token);
                }
                catch (OperationCanceledException)
                {
                }
                catch (InvalidOperationException)
                {
                }
            }

            public void ReportProgress(LbProgress progress)
            {
            }
        }
    }
}
