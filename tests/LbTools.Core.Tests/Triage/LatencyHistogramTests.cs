using LbTools.Core.Triage;

namespace LbTools.Core.Tests.Triage;

public class LatencyHistogramTests
{
    /// <summary>Nearest rank: the smallest value with at least p % of the values at or below it.</summary>
    private static double Exact(double[] sorted, double p) => sorted[Math.Max(0, (int)Math.Ceiling(p / 100 * sorted.Length) - 1)];

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(1000)]
    [InlineData(100_000)]
    public void Percentiles_are_within_one_percent_of_the_exact_nearest_rank(int count)
    {
        var random = new Random(count);
        // Log-normal-ish latencies from 0.2 ms to minutes, the spread real request times have.
        var values = Enumerable.Range(0, count).Select(_ => Math.Exp((random.NextDouble() * 12) - 8.5)).ToArray();
        var histogram = new LatencyHistogram();
        foreach (var v in values)
        {
            Assert.True(histogram.Add(v));
        }

        var sorted = values.OrderBy(v => v).ToArray();
        foreach (var p in new[] { 50.0, 95, 99, 100 })
        {
            double exact = Exact(sorted, p);
            double got = histogram.Percentile(p)!.Value;
            Assert.True(Math.Abs(got - exact) <= 0.01 * exact, $"p{p} of {count}: {got} vs exact {exact}");
        }

        Assert.Equal(sorted[0], histogram.Min);
        Assert.Equal(sorted[^1], histogram.Max);
    }

    [Fact]
    public void Negative_and_missing_times_are_not_latencies()
    {
        var histogram = new LatencyHistogram();
        Assert.False(histogram.Add(-1));
        Assert.False(histogram.Add(double.NaN));
        Assert.Null(histogram.Percentile(50));
        Assert.True(histogram.Add(0));
        Assert.Equal(0, histogram.Percentile(99));
        Assert.Equal(1, histogram.Count);
    }

    [Fact]
    public void Merging_gives_the_same_percentiles_as_counting_everything_in_one()
    {
        var random = new Random(5);
        var values = Enumerable.Range(0, 5000).Select(_ => random.NextDouble() * 3).ToArray();
        var whole = new LatencyHistogram();
        var a = new LatencyHistogram();
        var b = new LatencyHistogram();
        for (int i = 0; i < values.Length; i++)
        {
            whole.Add(values[i]);
            (i % 3 == 0 ? a : b).Add(values[i]);
        }

        a.Merge(b);
        Assert.Equal(whole.Count, a.Count);
        foreach (var p in new[] { 50.0, 95, 99 })
        {
            Assert.Equal(whole.Percentile(p), a.Percentile(p));
        }
    }
}
