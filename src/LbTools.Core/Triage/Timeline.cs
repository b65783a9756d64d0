using System;
using System.Collections.Generic;
using System.Linq;

namespace LbTools.Core.Triage
{
    /// <summary>
    /// Counts per interval in bounded memory. With a fixed interval the counters are keyed by
    /// interval number. With a chosen one it starts at one second and, whenever the records span
    /// more than the allowed number of intervals, moves up a ladder of widths that divide one
    /// another (1 s, 5 s, 10 s, 30 s, 1 min, 5 min, 10 min, 30 min, 1 h, 3 h, 6 h, 12 h, 1 d, 7 d, 28 d, 364 d),
    /// merging counters, so the result is the same as if the final width had been used from the start.
    /// </summary>
    internal sealed class Timeline
    {
        internal static readonly long[] LadderSeconds = { 1, 5, 10, 30, 60, 300, 600, 1800, 3600, 10800, 21600, 43200, 86400, 604800, 2419200, 31449600 };

        private readonly int _maxIntervals;
        private readonly bool _fixed;
        private int _rung;
        private long _minIndex = long.MaxValue;
        private long _maxIndex = long.MinValue;

        public Timeline(TimeSpan? interval, int maxIntervals, DateTimeOffset? since, DateTimeOffset? until)
        {
            _maxIntervals = maxIntervals;
            if (interval.HasValue)
            {
                _fixed = true;
                IntervalTicks = interval.Value.Ticks;
            }
            else
            {
                _rung = 0;
                if (since.HasValue && until.HasValue)
                {
                    // A known window picks its width up front.
                    double seconds = (until.Value - since.Value).TotalSeconds;
                    while (_rung < LadderSeconds.Length - 1 && seconds / LadderSeconds[_rung] > maxIntervals)
                    {
                        _rung++;
                    }
                }

                IntervalTicks = LadderSeconds[_rung] * TimeSpan.TicksPerSecond;
            }
        }

        public long IntervalTicks { get; private set; }

        public Dictionary<long, IntervalCounters> Intervals { get; private set; } = new Dictionary<long, IntervalCounters>();

        /// <summary>Raised with the factor by which interval numbers shrink when the width grows.</summary>
        public event Action<long>? Coarsened;

        public long MinIndex => _minIndex;

        public long MaxIndex => _maxIndex;

        /// <summary>The counters of the interval holding the instant (UTC ticks), and its number.</summary>
        public IntervalCounters At(long utcTicks, out long index)
        {
            index = FloorDiv(utcTicks, IntervalTicks);
            if (index < _minIndex || index > _maxIndex)
            {
                long min = Math.Min(_minIndex, index), max = Math.Max(_maxIndex, index);
                while (!_fixed && max - min + 1 > _maxIntervals && _rung < LadderSeconds.Length - 1)
                {
                    long factor = LadderSeconds[_rung + 1] / LadderSeconds[_rung];
                    Coarsen(factor);
                    index = FloorDiv(index, factor);
                    min = Math.Min(_minIndex, index);
                    max = Math.Max(_maxIndex, index);
                }

                _minIndex = min;
                _maxIndex = max;
            }

            if (!Intervals.TryGetValue(index, out var counters))
            {
                counters = new IntervalCounters();
                Intervals[index] = counters;
            }

            return counters;
        }

        /// <summary>Moves up the ladder until an interval is at least this wide (a fixed interval stays).</summary>
        public void CoarsenTo(long intervalTicks)
        {
            while (!_fixed && IntervalTicks < intervalTicks && _rung < LadderSeconds.Length - 1)
            {
                Coarsen(LadderSeconds[_rung + 1] / LadderSeconds[_rung]);
            }
        }

        internal static long FloorDiv(long a, long b) => a >= 0 ? a / b : -((-a + b - 1) / b);

        private void Coarsen(long factor)
        {
            _rung++;
            IntervalTicks *= factor;
            var merged = new Dictionary<long, IntervalCounters>();
            foreach (var pair in Intervals.OrderBy(p => p.Key))
            {
                long index = FloorDiv(pair.Key, factor);
                if (merged.TryGetValue(index, out var into))
                {
                    into.Merge(pair.Value);
                }
                else
                {
                    merged[index] = pair.Value;
                }
            }

            Intervals = merged;
            if (_minIndex != long.MaxValue)
            {
                _minIndex = FloorDiv(_minIndex, factor);
                _maxIndex = FloorDiv(_maxIndex, factor);
            }

            Coarsened?.Invoke(factor);
        }
    }

    /// <summary>Counters of one interval.</summary>
    internal sealed class IntervalCounters
    {
        /// <summary>Index 1-5: status classes; 0: 000 and codes outside 100-599.</summary>
        public readonly long[] Classes = new long[6];

        public readonly LatencyHistogram RequestTime = new LatencyHistogram();

        public readonly LatencyHistogram UpstreamTime = new LatencyHistogram();

        public void Merge(IntervalCounters other)
        {
            for (int i = 0; i < Classes.Length; i++)
            {
                Classes[i] += other.Classes[i];
            }

            RequestTime.Merge(other.RequestTime);
            UpstreamTime.Merge(other.UpstreamTime);
        }
    }
}
