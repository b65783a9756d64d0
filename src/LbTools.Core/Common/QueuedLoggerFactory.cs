using Microsoft.Extensions.Logging;

namespace LbTools.Core.Common
{
    /// <summary>A minimal ILoggerFactory over one <see cref="QueuedLoggerProvider"/>.</summary>
    public sealed class QueuedLoggerFactory : ILoggerFactory
    {
        public QueuedLoggerFactory(QueuedLoggerProvider provider)
        {
            Provider = provider;
        }

        public QueuedLoggerProvider Provider { get; }

        public ILogger CreateLogger(string categoryName) => Provider.CreateLogger(categoryName);

        public void AddProvider(ILoggerProvider provider)
        {
            // One provider only: everything goes to the host's streams.
        }

        public void Dispose()
        {
        }
    }
}
