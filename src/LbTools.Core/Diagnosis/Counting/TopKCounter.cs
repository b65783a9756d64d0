using System;
using System.Collections.Generic;
using System.Linq;

namespace LbTools.Core.Diagnosis.Counting
{
    /// <summary>
    /// Heavy hitters in fixed memory (the Space-Saving algorithm): at most Capacity keys are held;
    /// a new key replaces the smallest and inherits its count as possible over-count (Error).
    /// Keys counted more than total/Capacity times are always present.
    /// </summary>
    internal sealed class TopKCounter
    {
        private readonly Dictionary<string, Entry> _entries;

        public TopKCounter(int capacity)
        {
            if (capacity < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(capacity));
            }

            Capacity = capacity;
            _entries = new Dictionary<string, Entry>(capacity, StringComparer.Ordinal);
        }

        public int Capacity { get; }

        public int Size => _entries.Count;

        public void Add(string key)
        {
            if (_entries.TryGetValue(key, out var entry))
            {
                entry.Count++;
                return;
            }

            if (_entries.Count < Capacity)
            {
                _entries[key] = new Entry { Count = 1 };
                return;
            }

            // Capacity is small (tens), so a linear search for the minimum is cheap enough.
            var smallest = _entries.Aggregate((a, b) => a.Value.Count <= b.Value.Count ? a : b);
            _entries.Remove(smallest.Key);
            _entries[key] = new Entry { Count = smallest.Value.Count + 1, Error = smallest.Value.Count };
        }

        public IReadOnlyList<PathCount> Top(int count) => _entries
            .OrderByDescending(e => e.Value.Count)
            .ThenBy(e => e.Key, StringComparer.Ordinal)
            .Take(count)
            .Select(e => new PathCount(e.Key, e.Value.Count, e.Value.Error))
            .ToArray();

        private sealed class Entry
        {
            public long Count;
            public long Error;
        }
    }
}
