using System;
using System.Collections.Generic;
using System.Text;
using LbTools.Core.Logs.Named;

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
        // Per property position: the key (decoded) and its UTF-8 bytes, to recognise it in the next line.
        private readonly string[] _keys;
        private readonly byte[][] _keyBytes;

        // Per property position: the Fields entry it sets (positions of a repeated key share one).
        private readonly int[] _entryOf;
        private readonly bool _hasRepeats;

        private SlsJsonKeyLayout(string[] keys, int[] entryOf, string[] names, Dictionary<string, int> index)
        {
            _keys = keys;
            _entryOf = entryOf;
            _hasRepeats = names.Length != keys.Length;
            Names = names;
            Index = index;
            _keyBytes = new byte[keys.Length][];
            PlainKeyBytes = new byte[keys.Length][];
            for (int p = 0; p < keys.Length; p++)
            {
                // Keys are valid UTF-16 (valid UTF-8 or escapes that decoded), so this gives back the bytes as written.
                _keyBytes[p] = Encoding.UTF8.GetBytes(keys[p]);
                PlainKeyBytes[p] = IsPlain(_keyBytes[p]) ? _keyBytes[p] : null;
            }

            EntryOfField = new int[NamedFieldNames.Count];
            for (int f = 0; f < EntryOfField.Length; f++)
            {
                EntryOfField[f] = index.TryGetValue(NamedFieldNames.Of((NamedField)f), out int entry) ? entry : -1;
            }
        }

        /// <summary>
        /// The UTF-8 key at each position where a line without escapes can write it as is (no quote,
        /// backslash or control character in it), else null: what <see cref="FlatJsonObject"/> expects.
        /// </summary>
        public byte[]?[] PlainKeyBytes { get; }

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
            var names = new List<string>(count);
            var entryOf = new int[count];
            for (int p = 0; p < count; p++)
            {
                if (!index.TryGetValue(ownKeys[p], out int entry))
                {
                    entry = names.Count;
                    index.Add(ownKeys[p], entry);
                    names.Add(ownKeys[p]);
                }

                entryOf[p] = entry;
            }

            return new SlsJsonKeyLayout(ownKeys, entryOf, names.ToArray(), index);
        }

        /// <summary>True when the unescaped key bytes at a position are this layout's key there.</summary>
        public bool HasKey(int position, ReadOnlySpan<byte> key) =>
            position < _keyBytes.Length && key.SequenceEqual(_keyBytes[position]);

        /// <summary>True when the (decoded) key at a position is this layout's key there, spelled the same.</summary>
        public bool HasKey(int position, string key) =>
            position < _keys.Length && string.Equals(key, _keys[position], StringComparison.Ordinal);

        /// <summary>This layout's key at a position.</summary>
        public string KeyAt(int position) => _keys[position];

        private static bool IsPlain(byte[] key)
        {
            foreach (byte b in key)
            {
                if (b < 0x20 || b == (byte)'"' || b == (byte)'\\')
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The Fields values of a line from its values by position: a repeated key's last value wins.</summary>
        public string?[] EntryValues(string?[] propertyValues)
        {
            var values = new string?[Names.Length];
            if (!_hasRepeats)
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
    }
}
