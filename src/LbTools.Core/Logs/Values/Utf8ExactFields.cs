using System;
using System.Globalization;

namespace LbTools.Core.Logs.Values
{
    /// <summary>
    /// <see cref="FieldValues"/>' answers straight from UTF-8 bytes, for parsers that must match
    /// the string route exactly. The common shapes (plain digits, "0.123", nginx's
    /// "dd/MMM/yyyy:HH:mm:ss +hhmm") are parsed here; anything else is decoded and handed to
    /// FieldValues itself, so the result never differs (unlike <see cref="Utf8Fields"/>, which
    /// is stricter about signs and whitespace).
    /// </summary>
    internal static class Utf8ExactFields
    {
        private static readonly double[] PowersOfTen = { 1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15 };

        private static readonly string[] Months = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

        public static bool IsAbsent(ReadOnlySpan<byte> s) => s.Length == 0 || (s.Length == 1 && s[0] == (byte)'-');

        public static bool TryInt(ReadOnlySpan<byte> s, out int? value)
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

            return FieldValues.TryInt(Utf8Fields.Decode(s), out value);
        }

        public static bool TryLong(ReadOnlySpan<byte> s, out long? value)
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

            return FieldValues.TryLong(Utf8Fields.Decode(s), out value);
        }

        /// <summary>
        /// "12" or "0.123": with at most 15 digits the mantissa and the power of ten are exact
        /// doubles, so one division gives the correctly rounded value double.Parse gives.
        /// </summary>
        public static bool TrySeconds(ReadOnlySpan<byte> s, out double? value)
        {
            if (IsAbsent(s))
            {
                value = null;
                return true;
            }

            if (s.Length <= 16)
            {
                long mantissa = 0;
                int digits = 0;
                int point = -1;
                int i = 0;
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
                if (i == s.Length && digits <= 15 && point != 0 && point != s.Length - 1)
                {
                    int fraction = point < 0 ? 0 : s.Length - point - 1;
                    value = fraction > 0 ? mantissa / PowersOfTen[fraction] : mantissa;
                    return true;
                }
            }

            return FieldValues.TrySeconds(Utf8Fields.Decode(s), out value);
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

            return FieldValues.TryNginxLocalTime(Utf8Fields.Decode(s), out value);
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

            return FieldValues.TryUtcTime(Utf8Fields.Decode(s), out value);
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

            return int.TryParse(Utf8Fields.Decode(digits), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : (int?)null;
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

    /// <summary>The hour and offset last seen by <see cref="Utf8ExactFields.TryNginxLocalTime"/>: "dd/MMM/yyyy:HH" and " +hhmm" as bytes, and that hour in UTC ticks.</summary>
    internal struct LocalHourCache
    {
        public byte[]? Key;
        public long HourTicks;
    }
}
