namespace LbTools.Core.Triage
{
    /// <summary>Percentiles of one set of latencies, in seconds (null when nothing was counted).</summary>
    public sealed class LatencyPercentiles
    {
        public LatencyPercentiles(long count, double? p50, double? p95, double? p99, double? max)
        {
            Count = count;
            P50 = p50;
            P95 = p95;
            P99 = p99;
            Max = max;
        }

        /// <summary>How many values the percentiles are over.</summary>
        public long Count { get; }

        public double? P50 { get; }

        public double? P95 { get; }

        public double? P99 { get; }

        public double? Max { get; }

        public override string ToString() => Count == 0 ? "-" : $"p50 {P50:0.###} s, p95 {P95:0.###} s, p99 {P99:0.###} s";
    }
}
