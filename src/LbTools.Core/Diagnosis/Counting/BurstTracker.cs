using System.Collections.Generic;
using System.Linq;

namespace LbTools.Core.Diagnosis.Counting
{
    /// <summary>
    /// Counts errors per status and second over the last few seconds seen (bounded: older seconds
    /// are dropped), so rules can tell a burst (bandwidth throttling, a scaling balancer) from a
    /// lone error. Records count from the moment the burst threshold is reached.
    /// </summary>
    internal sealed class BurstTracker
    {
        private const int KeptSeconds = 3;

        /// <summary>A record this far behind the newest second starts the window over.</summary>
        private const int RestartBehindSeconds = 60;
        private readonly Dictionary<(int Status, long Second), int> _counts = new Dictionary<(int, long), int>();
        private long _latestSecond = long.MinValue;

        /// <summary>Counts the error and says whether its status has reached the threshold within its second.</summary>
        public bool Observe(int status, System.DateTimeOffset? time, int threshold)
        {
            if (time == null)
            {
                return false;
            }

            long second = time.Value.ToUnixTimeSeconds();

            // One resolver may be shared by several pipelines (ForEach-Object -Parallel).
            lock (_counts)
            {
                if (second > _latestSecond)
                {
                    _latestSecond = second;
                    foreach (var stale in _counts.Keys.Where(k => k.Second <= second - KeptSeconds).ToList())
                    {
                        _counts.Remove(stale);
                    }
                }
                else if (second <= _latestSecond - RestartBehindSeconds)
                {
                    // Far behind the newest second: one record from the future (a year-9999 time)
                    // set it, or the stream went back in time (the next of several files). Start
                    // over here, or no later record would ever count again.
                    _counts.Clear();
                    _latestSecond = second;
                }
                else if (second <= _latestSecond - KeptSeconds)
                {
                    // A little late: too old to count in the window, not old enough to restart it.
                    return false;
                }

                var key = (status, second);
                _counts.TryGetValue(key, out var count);
                _counts[key] = ++count;
                return count >= threshold;
            }
        }

        /// <summary>Entries held now; stays small whatever the number of records.</summary>
        public int Size
        {
            get
            {
                lock (_counts)
                {
                    return _counts.Count;
                }
            }
        }
    }
}
