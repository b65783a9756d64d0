using System.Collections;
using System.Collections.Generic;

namespace LbTools.Core.Logs.Alibaba
{
    /// <summary>
    /// The Fields of one JSON line: its values over the names and index of its key layout, which
    /// every line with the same keys shares, instead of a dictionary built per line. Reads as the
    /// case-insensitive Dictionary it replaces did: names as first spelled, in the order first seen.
    /// </summary>
    internal sealed class SlsJsonFieldMap : IReadOnlyDictionary<string, string?>
    {
        private readonly SlsJsonKeyLayout _layout;
        private readonly string?[] _values;

        public SlsJsonFieldMap(SlsJsonKeyLayout layout, string?[] values)
        {
            _layout = layout;
            _values = values;
        }

        public int Count => _values.Length;

        public IEnumerable<string> Keys
        {
            get
            {
                // Not the array itself: every line of the layout shares it.
                foreach (var name in _layout.Names)
                {
                    yield return name;
                }
            }
        }

        public IEnumerable<string?> Values
        {
            get
            {
                foreach (var value in _values)
                {
                    yield return value;
                }
            }
        }

        public string? this[string key] =>
            TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The given key '{key}' was not present in the dictionary.");

        public bool ContainsKey(string key) => _layout.Index.ContainsKey(key);

        public bool TryGetValue(string key, out string? value)
        {
            if (_layout.Index.TryGetValue(key, out int entry))
            {
                value = _values[entry];
                return true;
            }

            value = null;
            return false;
        }

        public IEnumerator<KeyValuePair<string, string?>> GetEnumerator()
        {
            var names = _layout.Names;
            for (int i = 0; i < names.Length; i++)
            {
                yield return new KeyValuePair<string, string?>(names[i], _values[i]);
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
