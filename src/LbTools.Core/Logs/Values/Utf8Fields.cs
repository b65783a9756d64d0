using System;

namespace LbTools.Core.Logs.Values
{
    /// <summary>
    /// Number and time parsing straight from UTF-8 field bytes, for the fast parsers. Each
    /// returns false for text it does not understand; "-" is "no value" (null), and negative
    /// durations (AWS -1) are null too.
    /// </summary>
    internal static class Utf8Fields
    {
        private static readonly double[] PowersOfTen = { 1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17 };

        public static bool IsDash(ReadOnlySpan<byte> s) => s.Length == 0 || (s.Length == 1 && s[0] == (byte)'-');

        public static bool TryInt(ReadOnlySpan<byte> s, out int? value)
        {
            value = null;
            if (IsDash(s))
            {
                return true;
            }

            if (!TryLongCore(s, out long v) || v > int.MaxValue || v < int.MinValue)
            {
                return false;
            }

            value = (int)v;
            return true;
        }

        public static bool TryLong(ReadOnlySpan<byte> s, out long? value)
        {
            value = null;
            if (IsDash(s))
            {
                return true;
            }

            if (!TryLongCore(s, out long v))
            {
                return false;
            }

            value = v;
            return true;
        }

        /// <summary>"0.001" style decimals: all digits as one integer, divided once, so the result is the correctly rounded double.</summary>
        public static bool TrySeconds(ReadOnlySpan<byte> s, out double? value)
        {
            value = null;
            if (IsDash(s))
            {
                return true;
            }

            int i = 0;
            bool negative = s[0] == (byte)'-';
            if (negative || s[0] == (byte)'+')
            {
                i++;
            }

            long mantissa = 0;
            int digits = 0;
            int fraction = -1;
            for (; i < s.Length; i++)
            {
                byte c = s[i];
                if (c >= (byte)'0' && c <= (byte)'9')
                {
                    if (++digits > 17)
                    {
                        return TryGeneral(s, out value);
                    }

                    mantissa = (mantissa * 10) + (c - '0');
                    if (fraction >= 0)
                    {
                        fraction++;
                    }
                }
                else if (c == (byte)'.' && fraction < 0)
                {
                    fraction = 0;
                }
                else
                {
                    return TryGeneral(s, out value);
                }
            }

            if (digits == 0)
            {
                return false;
            }

            if (negative)
            {
                return true;
            }

            value = fraction > 0 ? mantissa / PowersOfTen[fraction] : mantissa;
            return true;
        }

        /// <summary>ISO 8601 UTC as AWS writes it ("2018-07-02T22:23:00.186641Z"); other forms go through the general parser.</summary>
        public static bool TryUtcTime(ReadOnlySpan<byte> s, out DateTimeOffset? value)
        {
            value = null;
            if (IsDash(s))
            {
                return true;
            }

            if (s.Length >= 20 && s[4] == '-' && s[7] == '-' && s[10] == 'T' && s[13] == ':' && s[16] == ':' && s[s.Length - 1] == 'Z'
                && Digits(s, 0, 4, out int year) && Digits(s, 5, 2, out int month) && Digits(s, 8, 2, out int day)
                && Digits(s, 11, 2, out int hour) && Digits(s, 14, 2, out int minute) && Digits(s, 17, 2, out int second)
                && year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) && hour < 24 && minute < 60 && second < 60)
            {
                if (!TryFractionTicks(s, out long ticks))
                {
                    return General(s, out value);
                }

                value = new DateTimeOffset(new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).Ticks + ticks, TimeSpan.Zero);
                return true;
            }

            return General(s, out value);
        }

        /// <summary>
        /// <see cref="TryUtcTime(ReadOnlySpan{byte}, out DateTimeOffset?)"/> for a stream of
        /// times that share their hour (consecutive log lines): when the "yyyy-MM-ddTHH" prefix
        /// equals the last one seen, only minutes, seconds and the fraction are read.
        /// </summary>
        public static bool TryUtcTime(ReadOnlySpan<byte> s, ref UtcHourCache cache, out DateTimeOffset? value)
        {
            bool isIso = s.Length >= 20 && s[4] == '-' && s[7] == '-' && s[10] == 'T' && s[13] == ':' && s[16] == ':' && s[s.Length - 1] == 'Z';
            if (isIso && cache.HourTicks != 0
                && System.Runtime.InteropServices.MemoryMarshal.Read<ulong>(s) == cache.Head
                && System.Runtime.InteropServices.MemoryMarshal.Read<ulong>(s.Slice(5)) == cache.Tail
                && Digits(s, 14, 2, out int minute) && Digits(s, 17, 2, out int second) && minute < 60 && second < 60)
            {
                if (TryFractionTicks(s, out long ticks))
                {
                    value = new DateTimeOffset(cache.HourTicks + (minute * TimeSpan.TicksPerMinute) + (second * TimeSpan.TicksPerSecond) + ticks, TimeSpan.Zero);
                    return true;
                }
            }

            if (!TryUtcTime(s, out value))
            {
                return false;
            }

            if (isIso && value != null)
            {
                // The prefix was validated by the full parse: remember its hour.
                cache.Head = System.Runtime.InteropServices.MemoryMarshal.Read<ulong>(s);
                cache.Tail = System.Runtime.InteropServices.MemoryMarshal.Read<ulong>(s.Slice(5));
                long utc = value.Value.UtcTicks;
                cache.HourTicks = utc - (utc % TimeSpan.TicksPerHour);
            }

            return true;
        }

        public static unsafe string Decode(ReadOnlySpan<byte> s)
        {
            if (s.Length == 0)
            {
                return string.Empty;
            }

            fixed (byte* p = s)
            {
                return System.Text.Encoding.UTF8.GetString(p, s.Length);
            }
        }

        /// <summary>The ".ffffff" between the seconds and the final 'Z' of an ISO time, in ticks (none is 0).</summary>
        private static bool TryFractionTicks(ReadOnlySpan<byte> s, out long ticks)
        {
            ticks = 0;
            int end = s.Length - 1;
            if (end == 19)
            {
                return true;
            }

            if (s[19] != '.' || end - 20 > 7 || !Digits(s, 20, end - 20, out int fraction))
            {
                return false;
            }

            ticks = fraction * (long)PowersOfTen[7 - (end - 20)];
            return true;
        }

        private static bool General(ReadOnlySpan<byte> s, out DateTimeOffset? value) => FieldValues.TryUtcTime(Decode(s), out value);

        private static bool TryGeneral(ReadOnlySpan<byte> s, out double? value) => FieldValues.TrySeconds(Decode(s), out value);

        private static bool TryLongCore(ReadOnlySpan<byte> s, out long value)
        {
            value = 0;
            int i = 0;
            bool negative = s[0] == (byte)'-';
            if (negative)
            {
                i++;
            }

            if (i == s.Length || s.Length - i > 18)
            {
                return false;
            }

            for (; i < s.Length; i++)
            {
                int d = s[i] - '0';
                if ((uint)d > 9)
                {
                    return false;
                }

                value = (value * 10) + d;
            }

            if (negative)
            {
                value = -value;
            }

            return true;
        }

        private static bool Digits(ReadOnlySpan<byte> s, int start, int count, out int value)
        {
            value = 0;
            if (count <= 0)
            {
                return false;
            }

            for (int i = start; i < start + count; i++)
            {
                int d = s[i] - '0';
                if ((uint)d > 9)
                {
                    return false;
                }

                value = (value * 10) + d;
            }

            return true;
        }
    }

    /// <summary>The last hour seen by <see cref="Utf8Fields.TryUtcTime(ReadOnlySpan{byte}, ref UtcHourCache, out DateTimeOffset?)"/>: its first 13 bytes (as two overlapping 8-byte reads) and its ticks.</summary>
    internal struct UtcHourCache
    {
        public ulong Head;
        public ulong Tail;
        public long HourTicks;
    }
}
