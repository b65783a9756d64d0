using LbTools.Core.Diagnosis.Counting;
using LbTools.Core.Diagnosis;

namespace LbTools.Core.Tests.Hardening;

/// <summary>Issue 14 (same class, found elsewhere): one outlier time must not switch burst detection off for the rest of a stream.</summary>
public class StreamStateTests
{
    private static readonly DateTimeOffset T = new(2024, 6, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_time_from_the_far_future_does_not_end_burst_detection()
    {
        var tracker = new BurstTracker();
        Assert.False(tracker.Observe(502, T, 3));
        Assert.False(tracker.Observe(502, new DateTimeOffset(9999, 12, 31, 23, 59, 59, TimeSpan.Zero), 3));

        Assert.False(tracker.Observe(502, T.AddSeconds(1), 3));
        Assert.False(tracker.Observe(502, T.AddSeconds(1), 3));
        Assert.True(tracker.Observe(502, T.AddSeconds(1), 3));
    }

    [Fact]
    public void A_stream_that_goes_back_in_time_counts_again()
    {
        var tracker = new BurstTracker();
        tracker.Observe(502, T.AddHours(1), 2);

        Assert.False(tracker.Observe(502, T, 2));
        Assert.True(tracker.Observe(502, T, 2));
    }

    [Fact]
    public void A_slightly_late_record_still_does_not_count_in_the_window()
    {
        var tracker = new BurstTracker();
        tracker.Observe(502, T.AddSeconds(10), 2);

        Assert.False(tracker.Observe(502, T, 2));
        Assert.False(tracker.Observe(502, T, 2));
    }

    [Fact]
    public void Observing_from_several_threads_keeps_every_count()
    {
        var tracker = new BurstTracker();
        int bursts = 0;
        Parallel.For(0, 8, _ =>
        {
            for (int i = 0; i < 1000; i++)
            {
                if (tracker.Observe(502, T, 8000))
                {
                    Interlocked.Increment(ref bursts);
                }
            }
        });

        // Exactly the 8000th observation reaches the threshold: none lost, none counted twice.
        Assert.Equal(1, bursts);
    }
}
