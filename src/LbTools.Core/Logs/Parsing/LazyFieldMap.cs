using System;
using System.Collections;
using System.Collections.Generic;

namespace LbTools.Core.Logs.Parsing
{
    /// <summary>
    /// The vendor fields of one record as a read-only dictionary whose values are decoded from
    /// the line bytes only when looked up (then cached). Names are matched case-insensitively.
    /// </summary>
    internal sealed class LazyFieldMap : IReadOnlyDictionary<string, string?>
    {
        private readonly IReadOnlyList<string> _names;
        private readonly Dictionary<string, int> _index;
        private readonly Func<int, string> _decode;
        private readonly string?[] _values;

        public LazyFieldMap(IReadOnlyList<string> names, Dictionary<string, int> index, int count, Func<int, string> decode)
        {
            _names = names;
            _index = index;
            Count = count;
            _decode = decode;
            _values = new string?[count];
        }

        public int Count { get; }

        public IEnumerable<string> Keys
        {
            get
            {
                for (int i = 0; i < Count; i++)
                {
                    yield return _names[i];
                }
            }
        }

        public IEnumerable<string?> Values
        {
            get
            {
                for (int i = 0; i < Count; i++)
                {
                    yield return Value(i);
                }
            }
        }

        public string? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"No field '{key}'.");

        /// <summary>A name → position map for a fixed field list, shared by every record of that format.</summary>
        public static Dictionary<string, int> IndexOf(IReadOnlyList<string> names)
        {
            var index = new Dictionary<string, int>(names.Count, StringComparer.OrdinalIgnoreCase);
            for (int i = 0; i < names.Count; i++)
            {
                index[names[i]] = i;
            }

            return index;
        }

        public bool ContainsKey(string key) => _index.TryGetValue(key, out int i) && i < Count;

        public bool TryGetValue(string key, out string? value)
        {
            if (_index.TryGetValue(key, out int i) && i < Count)
            {
                value = Value(i);
                return true;
            }

            value = null;
            return false;
        }

        public IEnumerator<KeyValuePair<string, string?>> GetEnumerator()
        {
            for (int i = 0; i < Count; i++)
            {
                yield return new KeyValuePair<string, string?>(_names[i], Value(i));
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        /// <summary>The value at a field position (no name lookup); null past the fields the line has.</summary>
        public string? ValueAt(int i) => i < Count ? Value(i) : null;

        private string Value(int i) => _values[i] ??= _decode(i);
    }
}
