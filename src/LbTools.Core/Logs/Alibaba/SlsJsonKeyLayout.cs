using System;
using System.Collections.Generic;
using System.Text;
using LbTools.Core.Logs.Named;
using LbTools.Core.Logs.Parsing;

namespace LbTools.Core.Logs.Alibaba
{
    /// <summary>
    /// The key list of a JSON line, worked out once and reused while the following lines write
    /// the same keys in the same order (an exporter always does): which Fields entry each property
    /// feeds and where each mapper field is. Names match as a Dictionary with
    /// <see cref="StringComparer.OrdinalIgnoreCase"/> matches them, because one is used: a repeated
    /// key (in any case) keeps its first spelling and its last value. Immutable.
    /// </summary>
    internal sealed class SlsJsonKeyLayout
    {
        // Per property position: the key, as decoded.
        private readonly string[] _keys;

        // Per position, the UTF-8 of a key that is not ASCII (an ASCII key is compared char to byte); null when all are ASCII.
        private readonly byte[]?[]? _nonAsciiKeys;

        // Per property position: the Fields entry it sets; null when no key repeats (entry = position).
        private readonly int[]? _entryOf;

        private SlsJsonKeyLayout(string[] keys, string[] names, int[]? entryOf, Dictionary<string, int> index)
        {
            _keys = keys;
            _entryOf = entryOf;
            Names = names;
            Index = index;
            for (int p = 0; p < keys.Length; p++)
            {
                if (!IsAscii(keys[p]))
                {
                    // Keys are valid UTF-16 (valid UTF-8 or escapes that decoded), so this gives back the bytes as written.
                    _nonAsciiKeys ??= new byte[keys.Length][];
                    _nonAsciiKeys[p] = Encoding.UTF8.GetBytes(keys[p]);
                }
            }

            EntryOfField = new int[NamedFieldNames.Count];
            for (int f = 0; f < EntryOfField.Length; f++)
            {
                EntryOfField[f] = index.TryGetValue(NamedFieldNames.Of((NamedField)f), out int entry) ? entry : -1;
            }
        }

        /// <summary>The keys by property position, as <see cref="FlatJsonObject"/> expects them (not to be changed).</summary>
        public string[] Keys => _keys;

        /// <summary>How many properties the line has (repeats included).</summary>
        public int PropertyCount => _keys.Length;

        /// <summary>The Fields names in the order first seen, each as first spelled.</summary>
        public string[] Names { get; }

        /// <summary>Name → Fields entry, case-insensitive.</summary>
        public Dictionary<string, int> Index { get; }

        /// <summary>The Fields entry of each <see cref="NamedField"/>, -1 when the line lacks it.</summary>
        public int[] EntryOfField { get; }

        /// <summary>The layout of the first <paramref name="count"/> keys.</summary>
        public static SlsJsonKeyLayout Of(string[] keys, int count)
        {
            var ownKeys = new string[count];
            Array.Copy(keys, ownKeys, count);
            var index = new Dictionary<string, int>(count, StringComparer.OrdinalIgnoreCase);
            List<string>? names = null;
            int[]? entryOf = null;
            for (int p = 0; p < count; p++)
            {
                if (index.TryGetValue(ownKeys[p], out int entry))
                {
                    // The first repeat: from here on entries and positions differ.
                    if (entryOf == null)
                    {
                        entryOf = new int[count];
                        names = new List<string>(count);
                        for (int q = 0; q < p; q++)
                        {
                            entryOf[q] = q;
                            names.Add(ownKeys[q]);
                        }
                    }

                    entryOf[p] = entry;
                    continue;
                }

                entry = names?.Count ?? p;
                index.Add(ownKeys[p], entry);
                names?.Add(ownKeys[p]);
                if (entryOf != null)
                {
                    entryOf[p] = entry;
                }
            }

            return new SlsJsonKeyLayout(ownKeys, names?.ToArray() ?? ownKeys, entryOf, index);
        }

        /// <summary>True when the unescaped key bytes at a position are this layout's key there.</summary>
        public bool HasKey(int position, ReadOnlySpan<byte> key)
        {
            if (position >= _keys.Length)
            {
                return false;
            }

            var utf8 = _nonAsciiKeys?[position];
            return utf8 != null ? key.SequenceEqual(utf8) : AsciiEquals(key, _keys[position]);
        }

        /// <summary>True when the (decoded) key at a position is this layout's key there, spelled the same.</summary>
        public bool HasKey(int position, string key) =>
            position < _keys.Length && string.Equals(key, _keys[position], StringComparison.Ordinal);

        /// <summary>
        /// True when these are this layout's keys, in this order. The key at <paramref name="firstCheck"/>
        /// is compared first: where a line differs from the last layout, it likely differs from others too.
        /// </summary>
        public bool HasKeys(string[] keys, int count, int firstCheck)
        {
            if (count != _keys.Length || (firstCheck < count && !string.Equals(keys[firstCheck], _keys[firstCheck], StringComparison.Ordinal)))
            {
                return false;
            }

            for (int p = 0; p < count; p++)
            {
                if (!string.Equals(keys[p], _keys[p], StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>This layout's key at a position.</summary>
        public string KeyAt(int position) => _keys[position];

        /// <summary>The Fields values of a line from its values by position: a repeated key's last value wins.</summary>
        public string?[] EntryValues(string?[] propertyValues)
        {
            var values = new string?[Names.Length];
            if (_entryOf == null)
            {
                Array.Copy(propertyValues, values, values.Length);
                return values;
            }

            for (int p = 0; p < _entryOf.Length; p++)
            {
                values[_entryOf[p]] = propertyValues[p];
            }

            return values;
        }

        private static bool IsAscii(string key)
        {
            foreach (char c in key)
            {
                if (c >= 0x80)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>UTF-8 bytes against an ASCII key: equal exactly when every byte is its char.</summary>
        private static bool AsciiEquals(ReadOnlySpan<byte> bytes, string key)
        {
            if (bytes.Length != key.Length)
            {
                return false;
            }

            for (int i = 0; i < key.Length; i++)
            {
                if (bytes[i] != key[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
