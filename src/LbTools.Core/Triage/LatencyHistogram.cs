using System;

namespace LbTools.Core.Triage
{
    /// <summary>
    /// Latencies in seconds counted into fixed log-spaced bins (each bin 2 % wider than the one
    /// before, from 100 µs to about 28 hours): any percentile comes back within 1 % of the exact
    /// value, and the memory is the same (about 8 KiB) for ten lines or ten billion. Chosen over
    /// HdrHistogram so Core gains no dependency PowerShell must load; the precision is that of
    /// HdrHistogram with two significant digits. Negative values (the -1 logs write for "no
    /// answer") are not latencies and are not counted. Not thread-safe.
    /// </summary>
    internal sealed class LatencyHistogram
    {
        /// <summary>Lowest value with a bin of its own; smaller values share bin 0.</summary>
        public const double MinimumSeconds = 0.0001;

        private const double Growth = 1.02;
        private const int BinCount = 1000;
        private static readonly double LogGrowth = Math.Log(Growth);
        private long[]? _bins;
        private double _min = double.MaxValue;
        private double _max;

        public long Count { get; private set; }

        /// <summary>The exact smallest value counted (0 when empty).</summary>
        public double Min => Count == 0 ? 0 : _min;

        /// <summary>The exact largest value counted (0 when empty).</summary>
        public double Max => Count == 0 ? 0 : _max;

        /// <summary>Counts one value; NaN, infinity and negatives are ignored (false).</summary>
        public bool Add(double seconds)
        {
            if (!(seconds >= 0) || double.IsInfinity(seconds))
            {
                return false;
            }

            var bins = _bins ??= new long[BinCount];
            bins[BinOf(seconds)]++;
            Count++;
            if (seconds < _min)
            {
                _min = seconds;
            }

            if (seconds > _max)
            {
                _max = seconds;
            }

            return true;
        }

        /// <summary>As <see cref="Add"/>, returning the value's bin (-1 when not counted) so another histogram can take it without computing it again.</summary>
        internal int AddGetBin(double seconds)
        {
            if (!(seconds >= 0) || double.IsInfinity(seconds))
            {
                return -1;
            }

            int bin = BinOf(seconds);
            AddToBin(bin, seconds);
            return bin;
        }

        /// <summary>Counts a value whose bin is known (-1: nothing to count).</summary>
        internal void AddToBin(int bin, double seconds)
        {
            if (bin < 0)
            {
                return;
            }

            var bins = _bins ??= new long[BinCount];
            bins[bin]++;
            Count++;
            if (seconds < _min)
            {
                _min = seconds;
            }

            if (seconds > _max)
            {
                _max = seconds;
            }
        }

        /// <summary>Adds every count of the other histogram.</summary>
        public void Merge(LatencyHistogram other)
        {
            if (other == null || other.Count == 0)
            {
                return;
            }

            var bins = _bins ??= new long[BinCount];
            for (int i = 0; i < BinCount; i++)
            {
                bins[i] += other._bins![i];
            }

            Count += other.Count;
            _min = Math.Min(_min, other._min);
            _max = Math.Max(_max, other._max);
        }

        /// <summary>
        /// The nearest-rank percentile (0 &lt; p &lt;= 100): the smallest value at or below which p %
        /// of the values lie, within 1 % and never outside [Min, Max]; null when empty.
        /// </summary>
        public double? Percentile(double p)
        {
            if (p <= 0 || p > 100)
            {
                throw new ArgumentOutOfRangeException(nameof(p), p, "A percentile is above 0 and at most 100.");
            }

            if (Count == 0)
            {
                return null;
            }

            long rank = (long)Math.Ceiling(p / 100.0 * Count);
            rank = Math.Max(1, Math.Min(rank, Count));
            long seen = 0;
            for (int i = 0; i < BinCount; i++)
            {
                seen += _bins![i];
                if (seen >= rank)
                {
                    return Math.Min(_max, Math.Max(_min, Middle(i)));
                }
            }

            return _max;
        }

        /// <summary>p50, p95 and p99 (null values when empty).</summary>
        public LatencyPercentiles Summary() => new LatencyPercentiles(Count, Percentile(50), Percentile(95), Percentile(99), Count == 0 ? (double?)null : Max);

        private static int BinOf(double seconds)
        {
            if (seconds < MinimumSeconds)
            {
                return 0;
            }

            int bin = 1 + (int)(Math.Log(seconds / MinimumSeconds) / LogGrowth);
            return Math.Min(bin, BinCount - 1);
        }

        // Bin i (i >= 1) holds [min * g^(i-1), min * g^i); its geometric middle is within 1 % of any value in it.
        private static double Middle(int bin) => bin == 0 ? 0 : MinimumSeconds * Math.Pow(Growth, bin - 0.5);
    }
}
