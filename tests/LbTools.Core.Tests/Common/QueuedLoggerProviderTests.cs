using LbTools.Core.Common;
using Microsoft.Extensions.Logging;

namespace LbTools.Core.Tests.Common;

public class QueuedLoggerProviderTests
{
    [Fact]
    public void Entries_are_queued_in_order_and_drained_once()
    {
        var provider = new QueuedLoggerProvider(LogLevel.Debug);
        var logger = new QueuedLoggerFactory(provider).CreateLogger("Test");
        logger.LogInformation("first {N}", 1);
        logger.LogWarning("second");
        logger.LogTrace("below the minimum");

        var drained = provider.Drain();
        Assert.Equal(new[] { "first 1", "second" }, drained.Select(e => e.Message));
        Assert.Equal(new[] { LogLevel.Information, LogLevel.Warning }, drained.Select(e => e.Level));
        Assert.Empty(provider.Drain());
    }

    [Fact]
    public void Logging_from_many_threads_loses_nothing()
    {
        var provider = new QueuedLoggerProvider(LogLevel.Information);
        var logger = provider.CreateLogger("Parallel");
        Parallel.For(0, 1000, i => logger.LogInformation("m{I}", i));
        Assert.Equal(1000, provider.Drain().Count);
    }
}
