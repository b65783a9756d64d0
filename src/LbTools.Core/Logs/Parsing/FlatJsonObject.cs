using System;
using System.Numerics;

namespace LbTools.Core.Logs.Parsing
{
    /// <summary>
    /// Finds the properties of the simplest JSON lines (one object, keys and string values
    /// without escapes, numbers, true/false/null, nothing nested, no control characters) in one
    /// tight pass, where <see cref="System.Text.Json.Utf8JsonReader"/> costs several calls per
    /// token. It accepts only what that reader accepts and reads it the same way; anything else
    /// (escapes, nesting, comments, tabs, malformed text) is "not flat", and the caller reads the
    /// line with the reader, which then gives the exact error. The line must be valid UTF-8.
    /// </summary>
    internal static class FlatJsonObject
    {
        /// <summary>What Scan returns for a line it leaves to the JSON reader.</summary>
        public const int NotFlat = -1;

        /// <summary>Ints per property in the spans: key start, key length, value start, value length.</summary>
        public const int SpanInts = 4;

        /// <summary>
        /// The number of properties, their spans in <paramref name="spans"/> (grown when short): the
        /// key without its quotes, the value as its token (a string's with its quotes); or NotFlat.
        /// </summary>
        public static int Scan(ReadOnlySpan<byte> line, ref int[] spans) => Scan(line, ref spans, null, out _);

        /// <summary>
        /// <see cref="Scan(ReadOnlySpan{byte}, ref int[])"/> for a line that likely repeats known keys:
        /// while the key at each position is <paramref name="expectedKeys"/>' one there, it is
        /// compared, not searched. <paramref name="expectedFound"/> is how many leading keys were.
        /// Only ASCII keys without a quote are compared (others are searched as usual).
        /// </summary>
        public static unsafe int Scan(ReadOnlySpan<byte> line, ref int[] spans, string[]? expectedKeys, out int expectedFound)
        {
            expectedFound = 0;
            bool expecting = expectedKeys != null;
            // No escapes anywhere, so no string needs decoding rules; no control characters, so
            // none can hide in a string, and the only whitespace left is the space.
            if (line.Length == 0 || !IsPlain(line))
            {
                return NotFlat;
            }

            fixed (byte* start = line)
            {
                byte* end = start + line.Length;
                byte* p = SkipSpaces(start, end);
                if (p == end || *p != (byte)'{')
                {
                    return NotFlat;
                }

                p = SkipSpaces(p + 1, end);
                if (p < end && *p == (byte)'}')
                {
                    return SkipSpaces(p + 1, end) == end ? 0 : NotFlat;
                }

                int count = 0;
                while (true)
                {
                    if (p == end || *p != (byte)'"')
                    {
                        return NotFlat;
                    }

                    byte* key = p + 1;
                    byte* keyEnd = null;
                    if (expecting)
                    {
                        // The expected key then its closing quote: no search, and the caller need not compare it.
                        if (count < expectedKeys!.Length && IsKeyAt(key, end, expectedKeys[count]))
                        {
                            keyEnd = key + expectedKeys[count].Length;
                            expectedFound++;
                        }
                        else
                        {
                            expecting = false;
                        }
                    }

                    keyEnd = keyEnd != null ? keyEnd : StringEnd(key, end);
                    if (keyEnd == null)
                    {
                        return NotFlat;
                    }

                    p = SkipSpaces(keyEnd + 1, end);
                    if (p == end || *p != (byte)':')
                    {
                        return NotFlat;
                    }

                    byte* value = SkipSpaces(p + 1, end);
                    byte* valueEnd = ValueEnd(value, end);
                    if (valueEnd == null)
                    {
                        return NotFlat;
                    }

                    if ((count + 1) * SpanInts > spans.Length)
                    {
                        Array.Resize(ref spans, spans.Length * 2);
                    }

                    int s = count * SpanInts;
                    spans[s] = (int)(key - start);
                    spans[s + 1] = (int)(keyEnd - key);
                    spans[s + 2] = (int)(value - start);
                    spans[s + 3] = (int)(valueEnd - value);
                    count++;

                    // After a value only a comma or the end of the object; "1x", "truex" and "01" stop here.
                    p = SkipSpaces(valueEnd, end);
                    if (p == end)
                    {
                        return NotFlat;
                    }

                    if (*p == (byte)',')
                    {
                        p = SkipSpaces(p + 1, end);
                        continue;
                    }

                    return *p == (byte)'}' && SkipSpaces(p + 1, end) == end ? count : NotFlat;
                }
            }
        }

        /// <summary>
        /// True when the string at key is the expected key: its chars as bytes, then the closing
        /// quote. A quote or non-ASCII char in the expected key never matches (the line's string
        /// would end there, or its UTF-8 differs from the char), so such a key is searched instead.
        /// </summary>
        private static unsafe bool IsKeyAt(byte* key, byte* end, string expected)
        {
            if (end - key <= expected.Length || key[expected.Length] != (byte)'"')
            {
                return false;
            }

            for (int i = 0; i < expected.Length; i++)
            {
                char c = expected[i];
                if (c >= 0x80 || c == '"' || key[i] != c)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>No byte below 0x20 and no backslash, a vector at a time.</summary>
        private static unsafe bool IsPlain(ReadOnlySpan<byte> line)
        {
            int i = 0;
            if (Vector.IsHardwareAccelerated && line.Length >= Vector<byte>.Count)
            {
                var space = new Vector<byte>(0x20);
                var backslash = new Vector<byte>((byte)'\\');
                var found = Vector<byte>.Zero;
                fixed (byte* p = line)
                {
                    for (; i <= line.Length - Vector<byte>.Count; i += Vector<byte>.Count)
                    {
                        var v = System.Runtime.CompilerServices.Unsafe.ReadUnaligned<Vector<byte>>(p + i);
                        found |= Vector.LessThan(v, space) | Vector.Equals(v, backslash);
                    }
                }

                if (!Vector.EqualsAll(found, Vector<byte>.Zero))
                {
                    return false;
                }
            }

            for (; i < line.Length; i++)
            {
                if (line[i] < 0x20 || line[i] == (byte)'\\')
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Past spaces: with control characters ruled out, tab, line feed and carriage return cannot occur.</summary>
        private static unsafe byte* SkipSpaces(byte* p, byte* end)
        {
            while (p < end && *p == (byte)' ')
            {
                p++;
            }

            return p;
        }

        /// <summary>
        /// The closing quote of a string whose text starts at p; null when the line ends first.
        /// Eight bytes per step (x ^ 0x22… has a zero byte where x has a quote) while eight remain.
        /// </summary>
        private static unsafe byte* StringEnd(byte* p, byte* end)
        {
            const ulong Ones = 0x0101010101010101UL;
            const ulong Quotes = 0x22 * Ones;
            if (BitConverter.IsLittleEndian)
            {
                while (end - p >= 8)
                {
                    ulong y = *(ulong*)p ^ Quotes;
                    ulong zeros = (y - Ones) & ~y & (0x80 * Ones);
                    if (zeros != 0)
                    {
                        // The lowest flagged byte is the first quote (a borrow only flags bytes above it);
                        // summing one bit per byte below the flag counts the bytes before it, plus one.
                        ulong below = ((zeros & (0 - zeros)) - 1) & Ones;
                        return p + (int)((below * Ones) >> 56) - 1;
                    }

                    p += 8;
                }
            }

            while (p < end)
            {
                if (*p == (byte)'"')
                {
                    return p;
                }

                p++;
            }

            return null;
        }

        /// <summary>Just past a string, number or literal starting at p; null for anything else.</summary>
        private static unsafe byte* ValueEnd(byte* p, byte* end)
        {
            if (p == end)
            {
                return null;
            }

            switch (*p)
            {
                case (byte)'"':
                    byte* close = StringEnd(p + 1, end);
                    return close == null ? null : close + 1;
                case (byte)'t':
                    return end - p >= 4 && p[1] == (byte)'r' && p[2] == (byte)'u' && p[3] == (byte)'e' ? p + 4 : null;
                case (byte)'f':
                    return end - p >= 5 && p[1] == (byte)'a' && p[2] == (byte)'l' && p[3] == (byte)'s' && p[4] == (byte)'e' ? p + 5 : null;
                case (byte)'n':
                    return end - p >= 4 && p[1] == (byte)'u' && p[2] == (byte)'l' && p[3] == (byte)'l' ? p + 4 : null;
                default:
                    return NumberEnd(p, end);
            }
        }

        /// <summary>RFC 8259 number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?</summary>
        private static unsafe byte* NumberEnd(byte* p, byte* end)
        {
            if (p < end && *p == (byte)'-')
            {
                p++;
            }

            if (p == end || !IsDigit(*p))
            {
                return null;
            }

            p = *p == (byte)'0' ? p + 1 : SkipDigits(p, end);
            if (p < end && *p == (byte)'.')
            {
                if (p + 1 == end || !IsDigit(p[1]))
                {
                    return null;
                }

                p = SkipDigits(p + 1, end);
            }

            if (p < end && (*p == (byte)'e' || *p == (byte)'E'))
            {
                p++;
                if (p < end && (*p == (byte)'+' || *p == (byte)'-'))
                {
                    p++;
                }

                if (p == end || !IsDigit(*p))
                {
                    return null;
                }

                p = SkipDigits(p, end);
            }

            return p;
        }

        private static unsafe byte* SkipDigits(byte* p, byte* end)
        {
            while (p < end && IsDigit(*p))
            {
                p++;
            }

            return p;
        }

        private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;
    }
}
