using System;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LbTools.Core.Logs.Values
{
    /// <summary>
    /// The UTF-8 twin of <see cref="FieldValues"/>: typed values straight from a field's bytes,
    /// for the parsers that read lines as bytes (AWS ALB, nginx, Alibaba SLS). The common shapes
    /// (plain digits, "0.123", ISO 8601 and nginx's "dd/MMM/yyyy:HH:mm:ss +hhmm") are read here;
    /// any other text is decoded and handed to FieldValues itself, so a field means the same on
    /// both routes. "-" and empty are "no value" (null). Where the formats differ on purpose the
    /// caller says which rule it wants: <see cref="IntegerSyntax"/> for signs and white space
    /// around integers, <see cref="NegativeSeconds"/> for what a negative duration means.
    /// </summary>
    internal static class Utf8FieldValues
    {
        private static readonly double[] PowersOfTen = { 1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15 };

        private static readonly string[] Months = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

        public static bool IsAbsent(ReadOnlySpan<byte> s) => s.Length == 0 || (s.Length == 1 && s[0] == (byte)'-');

        /// <summary>An int under the caller's <paramref name="syntax"/>; false for text that is not one, or does not fit.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool TryInt(ReadOnlySpan<byte> s, IntegerSyntax syntax, out int? value) =>
            syntax == IntegerSyntax.DigitsOnly ? TryDigitsInt(s, out value) : TryFieldValuesInt(s, out value);

        /// <summary>A long under the caller's <paramref name="syntax"/>; false for text that is not one, or does not fit.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool TryLong(ReadOnlySpan<byte> s, IntegerSyntax syntax, out long? value) =>
            syntax == IntegerSyntax.DigitsOnly ? TryDigitsLong(s, out value) : TryFieldValuesLong(s, out value);

        private static bool TryFieldValuesInt(ReadOnlySpan<byte> s, out int? value)
        {
            if (IsAbsent(s))
            {
                value = null;
                return true;
            }

            // Up to nine digits cannot overflow an int.
            if (s.Length <= 9 && Digits(s, out long v))
            {
                value = (int)v;
                return true;
            }

            return FieldValues.TryInt(Decode(s), out value);
        }

        private static bool TryFieldValuesLong(ReadOnlySpan<byte> s, out long? value)
        {
            if (IsAbsent(s))
            {
                value = null;
                return true;
            }

            if (s.Length <= 18 && Digits(s, out long v))
            {
                value = v;
                return true;
            }

            return FieldValues.TryLong(Decode(s), out value);
        }

        private static bool TryDigitsInt(ReadOnlySpan<byte> s, out int? value)
        {
            value = null;
            if (IsAbsent(s))
            {
                return true;
            }

            if (!TrySignedDigits(s, out long v) || v > int.MaxValue || v < int.MinValue)
            {
                return false;
            }

            value = (int)v;
            return true;
        }

        private static bool TryDigitsLong(ReadOnlySpan<byte> s, out long? value)
        {
            value = null;
            if (IsAbsent(s))
            {
                return true;
            }

            if (!TrySignedDigits(s, out long v))
            {
                return false;
            }

            value = v;
            return true;
        }

        /// <summary>An optional '-', then 1 to 18 ASCII digits (so no overflow), nothing else.</summary>
        private static bool TrySignedDigits(ReadOnlySpan<byte> s, out long value)
        {
            bool negative = s[0] == (byte)'-';
            var digits = negative ? s.Slice(1) : s;
            if (digits.Length > 18 || !Digits(digits, out value))
            {
                value = 0;
                return false;
            }

            if (negative)
            {
                value = -value;
            }

            return true;
        }

        /// <summary>
        /// Seconds: "12", "0.123", with an optional sign. With at most 15 digits the mantissa and
        /// the power of ten are exact doubles, so one division gives the correctly rounded value
        /// double.Parse gives; other text goes to <see cref="FieldValues.TrySeconds"/>. A negative
        /// value is absent (null) on both routes; <paramref name="negative"/> says whether "-0" is too.
        /// </summary>
        public static bool TrySeconds(ReadOnlySpan<byte> s, NegativeSeconds negative, out double? value)
        {
            if (IsAbsent(s))
            {
                value = null;
                return true;
            }

            byte sign = s[0];
            int first = sign == (byte)'-' || sign == (byte)'+' ? 1 : 0;
            int length = s.Length - first;
            if (length > 0 && length <= 16)
            {
                long mantissa = 0;
                int digits = 0;
                int point = -1;
                int i = first;
                for (; i < s.Length; i++)
                {
                    int d = s[i] - '0';
                    if ((uint)d <= 9)
                    {
                        mantissa = (mantissa * 10) + d;
                        digits++;
                    }
                    else if (s[i] == (byte)'.' && point < 0)
                    {
                        point = i;
                    }
                    else
                    {
                        break;
                    }
                }

                // Digits on both sides of the point (if any), nothing else.
                if (i == s.Length && digits <= 15 && point != first && point != s.Length - 1)
                {
                    int fraction = point < 0 ? 0 : s.Length - point - 1;
                    double magnitude = fraction > 0 ? mantissa / PowersOfTen[fraction] : mantissa;
                    value = sign != (byte)'-' ? magnitude
                        : mantissa == 0 && negative == NegativeSeconds.BelowZeroIsAbsent ? -magnitude
                        : (double?)null;
                    return true;
                }
            }

            if (!FieldValues.TrySeconds(Decode(s), out value))
            {
                return false;
            }

            // FieldValues already makes every value below zero null; negative zero is the one left.
            if (negative == NegativeSeconds.MinusSignIsAbsent && value is double v && v == 0 && BitConverter.DoubleToInt64Bits(v) < 0)
            {
                value = null;
            }

            return true;
        }

        /// <summary>
        /// nginx $time_local ("10/Oct/2000:13:55:36 -0700"). Lines of one file share their hour
        /// and offset, so when everything but minutes and seconds equals the last line's, only
        /// those are read; other shapes go to <see cref="FieldValues.TryNginxLocalTime"/>.
        /// </summary>
        public static bool TryNginxLocalTime(ReadOnlySpan<byte> s, ref LocalHourCache cache, out DateTimeOffset? value)
        {
            if (IsAbsent(s))
            {
                value = null;
                return true;
            }

            if (s.Length == 26 && s[14] == (byte)':' && s[17] == (byte)':')
            {
                if (cache.Key != null && s.Slice(0, 14).SequenceEqual(new ReadOnlySpan<byte>(cache.Key, 0, 14)) && s.Slice(20).SequenceEqual(new ReadOnlySpan<byte>(cache.Key, 14, 6))
                    && TwoDigits(s, 15, out int minute) && TwoDigits(s, 18, out int second) && minute <= 59 && second <= 60)
                {
                    value = new DateTimeOffset(cache.HourTicks + (minute * TimeSpan.TicksPerMinute) + (Math.Min(second, 59) * TimeSpan.TicksPerSecond), TimeSpan.Zero);
                    return true;
                }

                if (TryFullLocalTime(s, out value, out long hourTicks))
                {
                    var key = cache.Key ?? new byte[20];
                    s.Slice(0, 14).CopyTo(key);
                    s.Slice(20).CopyTo(new Span<byte>(key, 14, 6));
                    cache.Key = key;
                    cache.HourTicks = hourTicks;
                    return true;
                }
            }

            return FieldValues.TryNginxLocalTime(Decode(s), out value);
        }

        /// <summary>The 26-byte form with the checks of the string version; false means "ask the string version".</summary>
        private static bool TryFullLocalTime(ReadOnlySpan<byte> s, out DateTimeOffset? value, out long hourTicks)
        {
            value = null;
            hourTicks = 0;
            if (s[2] != (byte)'/' || s[6] != (byte)'/' || s[11] != (byte)':' || s[20] != (byte)' ' || (s[21] != (byte)'+' && s[21] != (byte)'-'))
            {
                return false;
            }

            int month = 0;
            for (int m = 0; m < Months.Length; m++)
            {
                string name = Months[m];
                if (s[3] == name[0] && s[4] == name[1] && s[5] == name[2])
                {
                    month = m + 1;
                    break;
                }
            }

            if (month == 0 || !TwoDigits(s, 0, out int day) || !TwoDigits(s, 7, out int century) || !TwoDigits(s, 9, out int yy)
                || !TwoDigits(s, 12, out int hour) || !TwoDigits(s, 15, out int minute) || !TwoDigits(s, 18, out int second)
                || !TwoDigits(s, 22, out int oh) || !TwoDigits(s, 24, out int om))
            {
                return false;
            }

            int year = (century * 100) + yy;

            // Offsets DateTimeOffset rejects, and years whose UTC time may leave its range, take
            // the string route so they fail (or throw) exactly as they do there.
            if (year < 2 || year > 9998 || om > 59 || (oh * 60) + om >= 14 * 60)
            {
                return false;
            }

            // Invalid dates are rejected by the string route, with its detail.
            if (day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 60)
            {
                return false;
            }

            var offset = new TimeSpan(oh, om, 0);
            if (s[21] == (byte)'-')
            {
                offset = -offset;
            }

            long hour0 = new DateTimeOffset(year, month, day, hour, 0, 0, offset).UtcTicks;
            value = new DateTimeOffset(hour0 + (minute * TimeSpan.TicksPerMinute) + (Math.Min(second, 59) * TimeSpan.TicksPerSecond), TimeSpan.Zero);
            hourTicks = hour0;
            return true;
        }

        /// <summary>
        /// <see cref="FieldValues.TryUtcTime"/> for "yyyy-MM-ddTHH:mm:ss", up to seven fraction
        /// digits, then "Z" or "+hh:mm"/"-hh:mm" (nginx's $time_iso8601, SLS exports); only values
        /// that are surely valid (no leap second, no year or offset at the edges) are read here,
        /// every other text by DateTimeOffset.TryParse as there.
        /// </summary>
        public static bool TryUtcTime(ReadOnlySpan<byte> s, out DateTimeOffset? value)
        {
            if (IsAbsent(s))
            {
                value = null;
                return true;
            }

            if (s.Length >= 20 && TryPlainUtcTime(s, out long ticks))
            {
                value = new DateTimeOffset(ticks, TimeSpan.Zero);
                return true;
            }

            return FieldValues.TryUtcTime(Decode(s), out value);
        }

        /// <summary>
        /// <see cref="TryUtcTime(ReadOnlySpan{byte}, out DateTimeOffset?)"/> for a stream of
        /// "Z" times that share their hour (consecutive AWS log lines): when the "yyyy-MM-ddTHH"
        /// prefix equals the last one seen, only minutes, seconds and the fraction are read.
        /// </summary>
        public static bool TryUtcTime(ReadOnlySpan<byte> s, ref UtcHourCache cache, out DateTimeOffset? value)
        {
            bool isIso = s.Length >= 20 && s[4] == '-' && s[7] == '-' && s[10] == 'T' && s[13] == ':' && s[16] == ':' && s[s.Length - 1] == 'Z';
            if (isIso && cache.HourTicks != 0
                && MemoryMarshal.Read<ulong>(s) == cache.Head
                && MemoryMarshal.Read<ulong>(s.Slice(5)) == cache.Tail
                && TwoDigits(s, 14, out int minute) && TwoDigits(s, 17, out int second) && minute < 60 && second < 60
                && TryFractionTicks(s, out long ticks))
            {
                value = new DateTimeOffset(cache.HourTicks + (minute * TimeSpan.TicksPerMinute) + (second * TimeSpan.TicksPerSecond) + ticks, TimeSpan.Zero);
                return true;
            }

            if (!TryUtcTime(s, out value))
            {
                return false;
            }

            if (isIso && value != null)
            {
                // The prefix was validated by the full parse: remember its hour.
                cache.Head = MemoryMarshal.Read<ulong>(s);
                cache.Tail = MemoryMarshal.Read<ulong>(s.Slice(5));
                long utc = value.Value.UtcTicks;
                cache.HourTicks = utc - (utc % TimeSpan.TicksPerHour);
            }

            return true;
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

            int count = end - 20;
            if (s[19] != '.' || count < 1 || count > 7 || !Digits(s.Slice(20, count), out long fraction))
            {
                return false;
            }

            ticks = fraction * (long)PowersOfTen[7 - count];
            return true;
        }

        private static bool TryPlainUtcTime(ReadOnlySpan<byte> s, out long ticks)
        {
            ticks = 0;
            if (s[4] != (byte)'-' || s[7] != (byte)'-' || s[10] != (byte)'T' || s[13] != (byte)':' || s[16] != (byte)':'
                || !TwoDigits(s, 0, out int century) || !TwoDigits(s, 2, out int yy) || !TwoDigits(s, 5, out int month) || !TwoDigits(s, 8, out int day)
                || !TwoDigits(s, 11, out int hour) || !TwoDigits(s, 14, out int minute) || !TwoDigits(s, 17, out int second))
            {
                return false;
            }

            // The fraction: 1 to 7 digits after '.', each digit a whole number of ticks.
            int i = 19;
            long fraction = 0;
            if (s[i] == (byte)'.')
            {
                int first = ++i;
                while (i < s.Length && i - first < 8 && (uint)(s[i] - '0') <= 9)
                {
                    fraction = (fraction * 10) + (s[i] - '0');
                    i++;
                }

                int count = i - first;
                if (count == 0 || count > 7)
                {
                    return false;
                }

                for (; count < 7; count++)
                {
                    fraction *= 10;
                }
            }

            long offset;
            if (i == s.Length - 1 && s[i] == (byte)'Z')
            {
                offset = 0;
            }
            else if (i == s.Length - 6 && (s[i] == (byte)'+' || s[i] == (byte)'-') && s[i + 3] == (byte)':'
                && TwoDigits(s, i + 1, out int oh) && TwoDigits(s, i + 4, out int om) && oh <= 13 && om <= 59)
            {
                offset = (oh * TimeSpan.TicksPerHour) + (om * TimeSpan.TicksPerMinute);
                offset = s[i] == (byte)'+' ? offset : -offset;
            }
            else
            {
                return false;
            }

            int year = (century * 100) + yy;
            if (year < 2 || year > 9998 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
                || hour > 23 || minute > 59 || second > 59)
            {
                return false;
            }

            ticks = new DateTime(year, month, day, hour, minute, second).Ticks + fraction - offset;
            return true;
        }

        /// <summary>"ip:port" split as <see cref="FieldValues.SplitAddress"/> splits it, the port only.</summary>
        public static int? PortOf(ReadOnlySpan<byte> address)
        {
            if (IsAbsent(address))
            {
                return null;
            }

            int colon = address.LastIndexOf((byte)':');
            if (colon <= 0)
            {
                return null;
            }

            var digits = address.Slice(colon + 1);
            if (digits.Length > 0 && digits.Length <= 9 && Digits(digits, out long port))
            {
                return (int)port;
            }

            return int.TryParse(Decode(digits), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : (int?)null;
        }

        /// <summary>The field as a string (UTF-8; invalid bytes become U+FFFD).</summary>
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

        /// <summary>Only ASCII digits, at least one; the caller bounds the length.</summary>
        private static bool Digits(ReadOnlySpan<byte> s, out long value)
        {
            value = 0;
            if (s.Length == 0)
            {
                return false;
            }

            for (int i = 0; i < s.Length; i++)
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

        private static bool TwoDigits(ReadOnlySpan<byte> s, int at, out int value)
        {
            int a = s[at] - '0';
            int b = s[at + 1] - '0';
            value = (a * 10) + b;
            return (uint)a <= 9 && (uint)b <= 9;
        }
    }

    /// <summary>The hour and offset last seen by <see cref="Utf8FieldValues.TryNginxLocalTime"/>: "dd/MMM/yyyy:HH" and " +hhmm" as bytes, and that hour in UTC ticks.</summary>
    internal struct LocalHourCache
    {
        public byte[]? Key;
        public long HourTicks;
    }

    /// <summary>The last hour seen by <see cref="Utf8FieldValues.TryUtcTime(ReadOnlySpan{byte}, ref UtcHourCache, out DateTimeOffset?)"/>: its first 13 bytes (as two overlapping 8-byte reads) and its ticks.</summary>
    internal struct UtcHourCache
    {
        public ulong Head;
        public ulong Tail;
        public long HourTicks;
    }

    /// <summary>How a caller reads an integer field (<see cref="Utf8FieldValues.TryInt"/>, <see cref="Utf8FieldValues.TryLong"/>).</summary>
    internal enum IntegerSyntax
    {
        /// <summary>
        /// What <see cref="FieldValues.TryInt"/> accepts (the invariant culture's integer syntax):
        /// white space around the digits and a leading '+' or '-'. For the formats whose lines
        /// also take the string route (nginx, Alibaba SLS), so that both routes agree.
        /// </summary>
        AsFieldValues,

        /// <summary>
        /// ASCII digits after an optional '-', at most 18, nothing else: no white space, no '+'.
        /// AWS ALB writes its codes, byte counts and ports this way, and a single "-" when it has none.
        /// </summary>
        DigitsOnly,
    }

    /// <summary>What a negative duration means to the caller of <see cref="Utf8FieldValues.TrySeconds"/>.</summary>
    internal enum NegativeSeconds
    {
        /// <summary>As <see cref="FieldValues.TrySeconds"/>: a value below zero is absent (null); "-0" is negative zero.</summary>
        BelowZeroIsAbsent,

        /// <summary>
        /// Any value written with a minus sign is absent, "-0" too: AWS writes -1 in its
        /// processing times when the load balancer could not send the request to a target or
        /// got no response, a sentinel and not a duration.
        /// </summary>
        MinusSignIsAbsent,
    }
}
