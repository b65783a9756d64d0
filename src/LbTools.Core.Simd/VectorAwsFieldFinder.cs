using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using LbTools.Core.Logs.Aws;

namespace LbTools.Core.Simd
{
    /// <summary>
    /// Finds the fields of an AWS ALB/ELB line 64 bytes at a time: vector compares give bit
    /// masks of spaces and quotes, a prefix XOR of the quote bits says which bytes are inside
    /// quotes, and every field ends at a space outside quotes. That replaces a byte search per
    /// field with a few instructions per field.
    /// The portable tokenizer (<see cref="AwsFieldSpans.TryFindNarrow"/>) stays the definition:
    /// this one only takes lines where the two cannot differ (no backslash, every quote opens
    /// right after a space or the line start and closes right before a space or the line end,
    /// and every quote is closed) and says no to the rest, which the caller then gives to the
    /// portable one.
    /// </summary>
    internal sealed class VectorAwsFieldFinder : IAwsVectorFieldFinder
    {
        private static readonly bool Wide = Vector256.IsHardwareAccelerated;

        private VectorAwsFieldFinder()
        {
        }

        public string Description => Wide ? "256-bit vectors" : "128-bit vectors";

        /// <summary>The finder, or null when this machine has no hardware vectors to run it on.</summary>
        public static IAwsVectorFieldFinder? CreateOrNull() =>
            Vector256.IsHardwareAccelerated || Vector128.IsHardwareAccelerated ? new VectorAwsFieldFinder() : null;

        public unsafe bool TryFindNarrow(ReadOnlySpan<byte> line, ref ushort[] spans, out int count)
        {
            count = 0;
            int n = line.Length;
            if (n > AwsFieldSpans.NarrowLimit)
            {
                return false;
            }

            // Sized like the portable tokenizer's array: the most fields the line can hold.
            int most = ((n + 1) / 2) + 1;
            if (spans.Length < most * 2)
            {
                spans = new ushort[most * 2];
            }

            byte* tail = stackalloc byte[64];
            fixed (byte* p = line)
            fixed (ushort* sp = spans)
            {
                ulong inQuotes = 0;         // all ones when the previous word ended inside quotes
                ulong spaceBefore = 1;      // the line start counts as a space before byte 0
                ulong closingAtTop = 0;     // a closing quote in bit 63 of the previous word
                ulong irregular = 0;
                ulong backslashes = 0;
                int fieldStart = 0;
                for (int at = 0; at < n; at += 64)
                {
                    int rest = n - at;
                    ulong spaces, quotes, slashes;
                    if (rest >= 64)
                    {
                        Masks(p + at, out spaces, out quotes, out slashes);
                    }
                    else if (n >= 64)
                    {
                        // The last partial word: the line's last 64 bytes, shifted so bit 0 is byte 'at'.
                        Masks(p + n - 64, out spaces, out quotes, out slashes);
                        spaces >>= 64 - rest;
                        quotes >>= 64 - rest;
                        slashes >>= 64 - rest;
                    }
                    else
                    {
                        // A line shorter than a word, zero-padded: zero is neither space, quote nor backslash.
                        Unsafe.InitBlockUnaligned(tail, 0, 64);
                        Buffer.MemoryCopy(p, tail, 64, n);
                        Masks(tail, out spaces, out quotes, out slashes);
                    }

                    backslashes |= slashes;

                    ulong inside = PrefixXor(quotes) ^ inQuotes;
                    inQuotes = (ulong)((long)inside >> 63);
                    ulong opening = quotes & inside;
                    ulong closing = quotes & ~inside;

                    // Past the line's end counts as a space, so a quote may close on the last byte.
                    ulong spaceOrEnd = rest < 64 ? spaces | (ulong.MaxValue << rest) : spaces;
                    irregular |= opening & ~((spaceOrEnd << 1) | spaceBefore);
                    irregular |= closing & ~(spaceOrEnd >> 1) & 0x7FFF_FFFF_FFFF_FFFFUL;
                    irregular |= closingAtTop & ~spaceOrEnd & 1;
                    spaceBefore = spaceOrEnd >> 63;
                    closingAtTop = closing >> 63;

                    ulong separators = spaces & ~inside;
                    while (separators != 0)
                    {
                        int end = at + BitOperations.TrailingZeroCount(separators);
                        separators &= separators - 1;
                        if (end > fieldStart)
                        {
                            Emit(p, sp, ref count, fieldStart, end);
                        }

                        fieldStart = end + 1;
                    }
                }

                if ((irregular | backslashes | inQuotes) != 0)
                {
                    count = 0;
                    return false;
                }

                if (n > fieldStart)
                {
                    Emit(p, sp, ref count, fieldStart, n);
                }
            }

            return true;
        }

        /// <summary>One field [start, end) in the portable tokenizer's layout: a quoted one without its quotes.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static unsafe void Emit(byte* p, ushort* spans, ref int count, int start, int end)
        {
            int quoted = p[start] == (byte)'"' ? 1 : 0;
            ushort* pair = spans + (count * 2);
            pair[0] = (ushort)(start + quoted);
            pair[1] = (ushort)(end - start - (quoted << 1));
            count++;
        }

        /// <summary>Bit i set where byte i of the 64 is a space, a double quote, a backslash.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static unsafe void Masks(byte* word, out ulong spaces, out ulong quotes, out ulong slashes) =>
            Masks(word, Wide, out spaces, out quotes, out slashes);

        /// <summary>The three masks of the first 64 bytes of <paramref name="word"/>, with 256-bit or 128-bit vectors (for tests).</summary>
        internal static unsafe (ulong Spaces, ulong Quotes, ulong Slashes) MasksOf(byte[] word, bool wide)
        {
            if (word.Length < 64)
            {
                throw new ArgumentException("A word is 64 bytes.", nameof(word));
            }

            fixed (byte* p = word)
            {
                Masks(p, wide, out ulong spaces, out ulong quotes, out ulong slashes);
                return (spaces, quotes, slashes);
            }
        }

        /// <summary><see cref="Masks(byte*, out ulong, out ulong, out ulong)"/> with 256-bit or 128-bit vectors.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static unsafe void Masks(byte* word, bool wide, out ulong spaces, out ulong quotes, out ulong slashes)
        {
            if (wide && Vector256.IsHardwareAccelerated)
            {
                var low = Vector256.Load(word);
                var high = Vector256.Load(word + 32);
                spaces = Bits(low, high, (byte)' ');
                quotes = Bits(low, high, (byte)'"');
                slashes = Bits(low, high, (byte)'\\');
            }
            else
            {
                var a = Vector128.Load(word);
                var b = Vector128.Load(word + 16);
                var c = Vector128.Load(word + 32);
                var d = Vector128.Load(word + 48);
                spaces = Bits(a, b, c, d, (byte)' ');
                quotes = Bits(a, b, c, d, (byte)'"');
                slashes = Bits(a, b, c, d, (byte)'\\');
            }
        }

        private static ulong Bits(Vector256<byte> low, Vector256<byte> high, byte value)
        {
            var match = Vector256.Create(value);
            return Vector256.Equals(low, match).ExtractMostSignificantBits()
                | ((ulong)Vector256.Equals(high, match).ExtractMostSignificantBits() << 32);
        }

        private static ulong Bits(Vector128<byte> a, Vector128<byte> b, Vector128<byte> c, Vector128<byte> d, byte value)
        {
            var match = Vector128.Create(value);
            return Vector128.Equals(a, match).ExtractMostSignificantBits()
                | ((ulong)Vector128.Equals(b, match).ExtractMostSignificantBits() << 16)
                | ((ulong)Vector128.Equals(c, match).ExtractMostSignificantBits() << 32)
                | ((ulong)Vector128.Equals(d, match).ExtractMostSignificantBits() << 48);
        }

        /// <summary>Bit i becomes the XOR of bits 0..i: over quote bits, set from an opening quote up to the byte before its closing one.</summary>
        internal static ulong PrefixXor(ulong x) =>
            Pclmulqdq.IsSupported
                ? Pclmulqdq.CarrylessMultiply(Vector128.CreateScalar(x), Vector128.Create(ulong.MaxValue), 0).ToScalar()
                : PrefixXorByShifts(x);

        /// <summary><see cref="PrefixXor"/> where there is no carry-less multiply (ARM, old x86).</summary>
        internal static ulong PrefixXorByShifts(ulong x)
        {
            x ^= x << 1;
            x ^= x << 2;
            x ^= x << 4;
            x ^= x << 8;
            x ^= x << 16;
            x ^= x << 32;
            return x;
        }
    }
}
