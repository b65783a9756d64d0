using System;
using LbTools.Core.Logs.Lines;
using LbTools.Core.Logs.Values;

namespace LbTools.Core.Logs.Aws
{
    /// <summary>
    /// Finds the fields of an AWS ELB/ALB line in its UTF-8 bytes without copying: separated by
    /// spaces; a field that starts with a double quote runs to the next unescaped quote (\" and
    /// \\ are escapes). Lines up to <see cref="NarrowLimit"/> bytes (all real ones) get two
    /// 16-bit values a field, start and length with <see cref="EscapedFlag"/> set when the field
    /// holds escapes, laid out as <see cref="KeptLine"/> keeps them; longer lines get three ints
    /// a field: start, length, and 1 when it holds escapes.
    /// </summary>
    internal static class AwsFieldSpans
    {
        public const int Stride = 3;

        /// <summary>The longest line whose offsets fit in 15 bits.</summary>
        public const int NarrowLimit = KeptLine.NarrowLimit;

        public const ushort EscapedFlag = 0x8000;

        /// <summary>
        /// <see cref="TryFind"/> for a line of at most <see cref="NarrowLimit"/> bytes, into
        /// 16-bit (start, length) pairs. No bounds checks inside the loop: the array is sized
        /// for the most fields the line can hold (one byte and a separator each) before it starts.
        /// </summary>
        public static unsafe bool TryFindNarrow(ReadOnlySpan<byte> line, ref ushort[] spans, out int count)
        {
            count = 0;
            int n = line.Length;
            if (n > NarrowLimit)
            {
                throw new ArgumentOutOfRangeException(nameof(line), "Use TryFind for lines over 32 KiB.");
            }

            int most = ((n + 1) / 2) + 1;
            if (spans.Length < most * 2)
            {
                spans = new ushort[most * 2];
            }

            fixed (byte* p = line)
            fixed (ushort* sp = spans)
            {
                int i = 0;
                while (i < n)
                {
                    byte b = p[i];
                    if (b == (byte)' ')
                    {
                        i++;
                        continue;
                    }

                    ushort* at = sp + (count * 2);
                    if (b == (byte)'"')
                    {
                        int start = i + 1;
                        int j = start;
                        int escaped = 0;
                        while (true)
                        {
                            int pos = IndexOfQuoteOrBackslash(line, p, j);
                            if (pos < 0)
                            {
                                return false;
                            }

                            if (p[pos] == (byte)'\\')
                            {
                                if (pos + 1 < n && (p[pos + 1] == (byte)'"' || p[pos + 1] == (byte)'\\'))
                                {
                                    escaped = EscapedFlag;
                                    j = pos + 2;
                                }
                                else
                                {
                                    j = pos + 1;
                                }

                                continue;
                            }

                            at[0] = (ushort)start;
                            at[1] = (ushort)((pos - start) | escaped);
                            count++;
                            i = pos + 1;
                            break;
                        }

                        continue;
                    }

                    int length = IndexOfSpace(line, p, i) - i;
                    at[0] = (ushort)i;
                    at[1] = (ushort)length;
                    count++;
                    i += length;
                }
            }

            return true;
        }

        private const ulong Ones = 0x0101010101010101UL;
        private const ulong Highs = 0x8080808080808080UL;

        /// <summary>
        /// Where the unquoted field starting at <paramref name="from"/> ends (the next space, or
        /// the line's end). Most ALB fields are short (timings, statuses, sizes, "-"): their end is
        /// found in one 8-byte word before any call; longer ones go on with the vectorised search.
        /// </summary>
        private static unsafe int IndexOfSpace(ReadOnlySpan<byte> line, byte* p, int from)
        {
            int n = line.Length;
            if (BitConverter.IsLittleEndian && from + 8 <= n)
            {
                int hit = FirstMatch(*(ulong*)(p + from) ^ 0x2020202020202020UL);
                if (hit >= 0)
                {
                    return from + hit;
                }

                from += 8;
            }

            int found = line.Slice(from).IndexOf((byte)' ');
            return found < 0 ? n : from + found;
        }

        /// <summary>The next '"' or '\\' at or after <paramref name="from"/>, or -1; the first word without a call, as for spaces.</summary>
        private static unsafe int IndexOfQuoteOrBackslash(ReadOnlySpan<byte> line, byte* p, int from)
        {
            int n = line.Length;
            if (BitConverter.IsLittleEndian && from + 8 <= n)
            {
                ulong word = *(ulong*)(p + from);
                int hit = FirstMatch(word ^ 0x2222222222222222UL, word ^ 0x5C5C5C5C5C5C5C5CUL);
                if (hit >= 0)
                {
                    return from + hit;
                }

                from += 8;
            }

            int found = from <= n ? line.Slice(from).IndexOfAny((byte)'"', (byte)'\\') : -1;
            return found < 0 ? -1 : from + found;
        }

        /// <summary>
        /// The index of the first zero byte of a little-endian word, or -1. The classic
        /// (x - 0x01..) &amp; ~x &amp; 0x80.. test is exact for the lowest zero byte (a borrow can
        /// only mark bytes above it), which is the one wanted.
        /// </summary>
        private static int FirstMatch(ulong x) => FirstMarked((x - Ones) & ~x & Highs);

        private static int FirstMatch(ulong x, ulong y) => FirstMarked(((x - Ones) & ~x & Highs) | ((y - Ones) & ~y & Highs));

        /// <summary>The byte index of the lowest 0x80 mark: bits below it, one per byte, counted by a multiply.</summary>
        private static int FirstMarked(ulong marks)
        {
            if (marks == 0)
            {
                return -1;
            }

            ulong below = (marks & (~marks + 1)) - 1;
            return (int)(((below & Ones) * Ones) >> 56) - 1;
        }

        /// <summary>Returns false when a quoted field never closes.</summary>
        public static bool TryFind(ReadOnlySpan<byte> line, ref int[] spans, out int count)
        {
            count = 0;
            int i = 0;
            int n = line.Length;
            while (i < n)
            {
                if (line[i] == (byte)' ')
                {
                    i++;
                    continue;
                }

                if ((count + 1) * Stride > spans.Length)
                {
                    Array.Resize(ref spans, spans.Length * 2);
                }

                int at = count * Stride;
                if (line[i] == (byte)'"')
                {
                    int start = i + 1;
                    int j = start;
                    int escaped = 0;
                    while (true)
                    {
                        int k = j < n ? line.Slice(j).IndexOfAny((byte)'"', (byte)'\\') : -1;
                        if (k < 0)
                        {
                            return false;
                        }

                        int pos = j + k;
                        if (line[pos] == (byte)'\\')
                        {
                            if (pos + 1 < n && (line[pos + 1] == (byte)'"' || line[pos + 1] == (byte)'\\'))
                            {
                                escaped = 1;
                                j = pos + 2;
                            }
                            else
                            {
                                j = pos + 1;
                            }

                            continue;
                        }

                        spans[at] = start;
                        spans[at + 1] = pos - start;
                        spans[at + 2] = escaped;
                        count++;
                        i = pos + 1;
                        break;
                    }

                    continue;
                }

                int end = line.Slice(i).IndexOf((byte)' ');
                int length = end < 0 ? n - i : end;
                spans[at] = i;
                spans[at + 1] = length;
                spans[at + 2] = 0;
                count++;
                i += length;
            }

            return true;
        }

        /// <summary>The field as text, with \" and \\ undone when the field holds escapes.</summary>
        public static string Text(ReadOnlySpan<byte> raw, bool escaped)
        {
            if (raw.Length == 1 && raw[0] == (byte)'-')
            {
                return "-";
            }

            var text = Utf8FieldValues.Decode(raw);
            if (!escaped)
            {
                return text;
            }

            var builder = new System.Text.StringBuilder(text.Length);
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] == '\\' && i + 1 < text.Length && (text[i + 1] == '"' || text[i + 1] == '\\'))
                {
                    i++;
                }

                builder.Append(text[i]);
            }

            return builder.ToString();
        }
    }
}
