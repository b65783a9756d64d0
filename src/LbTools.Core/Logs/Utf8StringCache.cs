using System;

namespace LbTools.Core.Logs
{
    /// <summary>
    /// A small direct-mapped cache of decoded strings keyed by their UTF-8 bytes, for values
    /// that repeat from line to line (hosts, target addresses): a hit costs a hash and a compare
    /// instead of a new string. Entries are immutable and replaced whole, so threads can share it.
    /// </summary>
    internal sealed class Utf8StringCache
    {
        private const int Slots = 256;
        private const int MaxKeyBytes = 96;

        private readonly Entry?[] _entries = new Entry?[Slots];

        public string Get(ReadOnlySpan<byte> bytes)
        {
            if (bytes.Length > MaxKeyBytes)
            {
                return Utf8Fields.Decode(bytes);
            }

            uint hash = 2166136261;
            foreach (byte b in bytes)
            {
                hash = (hash ^ b) * 16777619;
            }

            int slot = (int)(hash % Slots);
            var entry = _entries[slot];
            if (entry != null && bytes.SequenceEqual(entry.Key))
            {
                return entry.Value;
            }

            var value = Utf8Fields.Decode(bytes);
            _entries[slot] = new Entry(bytes.ToArray(), value);
            return value;
        }

        private sealed class Entry
        {
            public Entry(byte[] key, string value)
            {
                Key = key;
                Value = value;
            }

            public byte[] Key { get; }

            public string Value { get; }
        }
    }
}
