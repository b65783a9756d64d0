using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using Microsoft.Extensions.Logging;

namespace LbTools.Core.Common
{
    /// <summary>
    /// An ILoggerProvider that queues log lines instead of writing them. Core may log from any
    /// thread (parallel probes); PowerShell streams may only be written from the pipeline
    /// thread, so the cmdlet drains this queue between results.
    /// </summary>
    public sealed class QueuedLoggerProvider : ILoggerProvider
    {
        private readonly ConcurrentQueue<LogEntry> _entries = new ConcurrentQueue<LogEntry>();

        public QueuedLoggerProvider(LogLevel minimumLevel)
        {
            MinimumLevel = minimumLevel;
        }

        public LogLevel MinimumLevel { get; }

        public ILogger CreateLogger(string categoryName) => new QueuedLogger(this, categoryName);

        /// <summary>Removes and returns every queued entry, oldest first.</summary>
        public IReadOnlyList<LogEntry> Drain()
        {
            var drained = new List<LogEntry>();
            while (_entries.TryDequeue(out var entry))
            {
                drained.Add(entry);
            }

            return drained;
        }

        public void Dispose()
        {
        }

        private void Enqueue(LogEntry entry) => _entries.Enqueue(entry);

        private sealed class QueuedLogger : ILogger
        {
            private readonly QueuedLoggerProvider _owner;
            private readonly string _category;

            public QueuedLogger(QueuedLoggerProvider owner, string category)
            {
                _owner = owner;
                _category = category;
            }

            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= _owner.MinimumLevel;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (!IsEnabled(logLevel))
                {
                    return;
                }

                var message = formatter(state, exception);
                if (exception != null)
                {
                    message = message + " (" + exception.GetType().Name + ": " + exception.Message + ")";
                }

                _owner.Enqueue(new LogEntry(logLevel, _category, message));
            }
        }
    }
}
