using System;

namespace LbTools.Core.Logs.Values
{
    /// <summary>
    /// <see cref="UpstreamValues"/> straight from UTF-8 bytes, with the same split (", " between
    /// attempts, " : " between groups, "-" for none). Printable ASCII values are split here,
    /// where trimming spaces is all string.Trim does; anything else takes the string route.
    /// </summary>
    internal static class Utf8UpstreamValues
    {
        private delegate bool PartParse<T>(ReadOnlySpan<byte> part, out T value);

        private delegate bool TextParse<T>(string? text, out T[] values);

        public static bool TrySeconds(ReadOnlySpan<byte> s, out double?[] values) =>
            TryAll<double?>(s, Seconds, UpstreamValues.TrySeconds, out values);

        public static bool TryStatuses(ReadOnlySpan<byte> s, out int?[] values) =>
            TryAll<int?>(s, Status, UpstreamValues.TryStatuses, out values);

        /// <summary>Checks every attempt like <see cref="TrySeconds"/> but keeps only the last (no array): the list is built when read.</summary>
        public static bool TryLastSeconds(ReadOnlySpan<byte> s, out double? last) =>
            TryLast<double>(s, Seconds, UpstreamValues.TrySeconds, out last);

        /// <summary>Checks every status like <see cref="TryStatuses"/> but keeps only the last.</summary>
        public static bool TryLastStatus(ReadOnlySpan<byte> s, out int? last) =>
            TryLast<int>(s, Status, UpstreamValues.TryStatuses, out last);

        /// <summary>One attempt's time, read as the string route reads it (nginx never writes a negative one).</summary>
        private static bool Seconds(ReadOnlySpan<byte> part, out double? value) =>
            Utf8FieldValues.TrySeconds(part, NegativeSeconds.BelowZeroIsAbsent, out value);

        /// <summary>One attempt's status, read as the string route reads it.</summary>
        private static bool Status(ReadOnlySpan<byte> part, out int? value) =>
            Utf8FieldValues.TryInt(part, IntegerSyntax.AsFieldValues, out value);

        /// <summary>Every attempt parsed; text that is not printable ASCII takes the string route.</summary>
        private static bool TryAll<T>(ReadOnlySpan<byte> s, PartParse<T> parse, TextParse<T> textRoute, out T[] values)
        {
            if (Utf8FieldValues.IsAbsent(s))
            {
                values = Array.Empty<T>();
                return true;
            }

            if (!IsPlain(s))
            {
                return textRoute(Utf8FieldValues.Decode(s), out values);
            }

            values = new T[CountParts(s)];
            int start = 0;
            for (int k = 0; NextPart(s, ref start, out var part); k++)
            {
                if (!parse(part, out values[k]))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary><see cref="TryAll{T}"/>, keeping only the last attempt (null when there is none).</summary>
        private static bool TryLast<T>(ReadOnlySpan<byte> s, PartParse<T?> parse, TextParse<T?> textRoute, out T? last)
            where T : struct
        {
            last = null;
            if (Utf8FieldValues.IsAbsent(s))
            {
                return true;
            }

            if (!IsPlain(s))
            {
                bool ok = textRoute(Utf8FieldValues.Decode(s), out var values);
                last = ok ? UpstreamValues.Last(values) : null;
                return ok;
            }

            int start = 0;
            while (NextPart(s, ref start, out var part))
            {
                if (!parse(part, out last))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary><see cref="UpstreamValues.Split"/>; addresses repeat, so they come from <paramref name="cache"/>.</summary>
        public static string?[] Split(ReadOnlySpan<byte> s, Utf8StringCache cache)
        {
            if (Utf8FieldValues.IsAbsent(s))
            {
                return Array.Empty<string?>();
            }

            if (!IsPlain(s))
            {
                return UpstreamValues.Split(Utf8FieldValues.Decode(s));
            }

            var parts = new string?[CountParts(s)];
            int start = 0;
            for (int k = 0; NextPart(s, ref start, out var part); k++)
            {
                parts[k] = Utf8FieldValues.IsAbsent(part) ? null : cache.Get(part);
            }

            return parts;
        }

        /// <summary>Printable ASCII only: then the only whitespace string.Trim can meet is ' '.</summary>
        private static bool IsPlain(ReadOnlySpan<byte> s)
        {
            foreach (byte b in s)
            {
                if (b < 0x20 || b > 0x7E)
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsSeparator(ReadOnlySpan<byte> s, int i) =>
            s[i] == (byte)',' || (s[i] == (byte)':' && i > 0 && s[i - 1] == (byte)' ' && i + 1 < s.Length && s[i + 1] == (byte)' ');

        private static int CountParts(ReadOnlySpan<byte> s)
        {
            int count = 1;
            for (int i = 0; i < s.Length; i++)
            {
                if (IsSeparator(s, i))
                {
                    count++;
                }
            }

            return count;
        }

        /// <summary>The part from <paramref name="start"/> to the next separator, spaces trimmed; false after the last.</summary>
        private static bool NextPart(ReadOnlySpan<byte> s, ref int start, out ReadOnlySpan<byte> part)
        {
            if (start > s.Length)
            {
                part = default;
                return false;
            }

            int i = start;
            while (i < s.Length && !IsSeparator(s, i))
            {
                i++;
            }

            part = s.Slice(start, i - start);
            start = i + 1;
            int a = 0;
            int b = part.Length;
            while (a < b && part[a] == (byte)' ')
            {
                a++;
            }

            while (b > a && part[b - 1] == (byte)' ')
            {
                b--;
            }

            part = part.Slice(a, b - a);
            return true;
        }
    }
}
