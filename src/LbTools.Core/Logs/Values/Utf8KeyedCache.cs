using System;

namespace LbTools.Core.Logs.Values
{
    /// <summary>
    /// A small direct-mapped cache of values made from UTF-8 bytes, for what repeats from line
    /// to line (target addresses, "scheme://host:port" prefixes): a hit costs a hash and a
    /// compare instead of a decode. Entries are immutable and replaced whole, so threads can share it.
    /// </summary>
    internal class Utf8KeyedCache<T>
        where T : class
    {
        /// <summary>Slots in a cache (a power of two); <see cref="SlotOf"/> returns 0 to SlotCount - 1.</summary>
        internal const int SlotCount = 1 << SlotBits;

        private const int SlotBits = 10;
        private const int MaxKeyBytes = 96;
        private const ulong Multiplier = 0x9E3779B97F4A7C15UL;
        private const ulong MixMultiplier = 0xBF58476D1CE4E5B9UL;

        // 1024 slots (8 KiB of references): room for a fleet's hosts or targets with few evictions.
        private readonly Entry?[] _entries = new Entry?[SlotCount];
        private readonly Factory _create;

        public Utf8KeyedCache(Factory create)
        {
            _create = create ?? throw new ArgumentNullException(nameof(create));
        }

        /// <summary>Makes the value for a key; <c>argument</c> is passed through from <see cref="Get"/>.</summary>
        public delegate T Factory(ReadOnlySpan<byte> key, int argument);

        /// <summary>
        /// The value for the key, made by the factory on a miss. Equal keys must give equal values
        /// whatever the argument (it only saves the factory work the caller has already done).
        /// </summary>
        public T Get(ReadOnlySpan<byte> bytes, int argument = 0)
        {
            if (bytes.Length > MaxKeyBytes)
            {
                return _create(bytes, argument);
            }

            int slot = SlotOf(bytes);

            // One read of the slot: another thread may replace the entry, never change it.
            var entry = _entries[slot];
            if (entry != null && bytes.SequenceEqual(entry.Key))
            {
                return entry.Value;
            }

            var value = _create(bytes, argument);
            _entries[slot] = new Entry(bytes.ToArray(), value);
            return value;
        }

        /// <summary>
        /// The slot for a key of at most <see cref="MaxKeyBytes"/> bytes: a multiply-mix of the length
        /// and every 8-byte word (the last one read overlapping), so it costs a few multiplies where
        /// a byte-wise hash costs one per byte. All words count, because keys such as
        /// "ip-10-0-1-23.ec2.internal" differ only in the middle.
        /// </summary>
        internal static unsafe int SlotOf(ReadOnlySpan<byte> bytes)
        {
            int n = bytes.Length;
            ulong hash = (ulong)n * Multiplier;
            fixed (byte* p = bytes)
            {
                if (n >= 8)
                {
                    int i = 0;
                    for (; i < n - 8; i += 8)
                    {
                        hash = Mix(hash, *(ulong*)(p + i));
                    }

                    hash = Mix(hash, *(ulong*)(p + n - 8));
                }
                else if (n >= 4)
                {
                    // Two overlapping 4-byte reads cover every byte of a 4-7 byte key.
                    hash = Mix(hash, *(uint*)p | ((ulong)*(uint*)(p + n - 4) << 32));
                }
                else if (n > 0)
                {
                    hash = Mix(hash, p[0] | ((ulong)p[n / 2] << 8) | ((ulong)p[n - 1] << 16));
                }
            }

            // Fibonacci hashing: the top bits of the product are the well-mixed ones.
            return (int)((hash * Multiplier) >> (64 - SlotBits));
        }

        /// <summary>FNV-1a on whole words: a multiply carries every bit upward, and the slot comes from the top bits.</summary>
        private static ulong Mix(ulong hash, ulong word) => (hash ^ word) * MixMultiplier;

        private sealed class Entry
        {
            public Entry(byte[] key, T value)
            {
                Key = key;
                Value = value;
            }

            public byte[] Key { get; }

            public T Value { get; }
        }
    }
}
