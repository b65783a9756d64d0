using System;

namespace LbTools.Core.Logs
{
    /// <summary>
    /// <see cref="FieldValues"/>' answers for the plain shapes logs almost always write (digits,
    /// "0.123", "2024-06-01T10:00:05Z"), read here without the culture-aware BCL parsers; any
    /// other text goes to FieldValues itself, so the result never differs. The string twin of
    /// <see cref="Utf8ExactFields"/>.
    /// </summary>
    internal static class PlainFieldValues
    {
        private static readonly double[] PowersOfTen = { 1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15 };

        public static bool TryInt(string? text, out int? value)
        {
            // Up to nine digits cannot overflow an int.
            if (text != null && text.Length <= 9 && Digits(text, out long v))
            {
                value = (int)v;
                return true;
            }

            return FieldValues.TryInt(text, out value);
        }

        public static bool TryLong(string? text, out long? value)
        {
            if (text != null && text.Length <= 18 && Digits(text, out long v))
            {
                value = v;
                return true;
            }

            return FieldValues.TryLong(text, out value);
        }

        /// <summary>
        /// "12" or "0.123": with at most 15 digits the mantissa and the power of ten are exact
        /// doubles, so one division gives the correctly rounded value double.Parse gives.
        /// </summary>
        public static bool TrySeconds(string? text, out double? value)
        {
            if (text != null && text.Length > 0 && text.Length <= 16)
            {
                long mantissa = 0;
                int digits = 0;
                int point = -1;
                int i = 0;
                for (; i < text.Length; i++)
                {
                    int d = text[i] - '0';
                    if ((uint)d <= 9)
                    {
                        mantissa = (mantissa * 10) + d;
                        digits++;
                    }
                    else if (text[i] == '.' && point < 0)
                    {
                        point = i;
                    }
                    else
                    {
                        break;
                    }
                }

                // Digits on both sides of the point (if any), nothing else.
                if (i == text.Length && digits <= 15 && point != 0 && point != text.Length - 1)
                {
                    int fraction = point < 0 ? 0 : text.Length - point - 1;
                    value = fraction > 0 ? mantissa / PowersOfTen[fraction] : mantissa;
                    return true;
                }
            }

            return FieldValues.TrySeconds(text, out value);
        }

        /// <summary>
        /// "yyyy-MM-ddTHH:mm:ss", up to seven fraction digits, then "Z" or "+hh:mm"/"-hh:mm";
        /// only values that are surely valid (no leap second, no year or offset at the edges),
        /// everything else by <see cref="FieldValues.TryUtcTime"/>.
        /// </summary>
        public static bool TryUtcTime(string? text, out DateTimeOffset? value)
        {
            if (text != null && text.Length >= 20 && TryPlainUtcTime(text, out long ticks))
            {
                value = new DateTimeOffset(ticks, TimeSpan.Zero);
                return true;
            }

            return FieldValues.TryUtcTime(text, out value);
        }

        private static bool TryPlainUtcTime(string s, out long ticks)
        {
            ticks = 0;
            if (s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':'
                || !TwoDigits(s, 0, out int century) || !TwoDigits(s, 2, out int yy) || !TwoDigits(s, 5, out int month) || !TwoDigits(s, 8, out int day)
                || !TwoDigits(s, 11, out int hour) || !TwoDigits(s, 14, out int minute) || !TwoDigits(s, 17, out int second))
            {
                return false;
            }

            // The fraction: 1 to 7 digits after '.', each digit a whole number of ticks.
            int i = 19;
            long fraction = 0;
            if (s[i] == '.')
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
            if (i == s.Length - 1 && s[i] == 'Z')
            {
                offset = 0;
            }
            else if (i == s.Length - 6 && (s[i] == '+' || s[i] == '-') && s[i + 3] == ':'
                && TwoDigits(s, i + 1, out int oh) && TwoDigits(s, i + 4, out int om) && oh <= 13 && om <= 59)
            {
                offset = (oh * TimeSpan.TicksPerHour) + (om * TimeSpan.TicksPerMinute);
                offset = s[i] == '+' ? offset : -offset;
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

        /// <summary>Only ASCII digits, at least one; the caller bounds the length.</summary>
        private static bool Digits(string s, out long value)
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

        private static bool TwoDigits(string s, int at, out int value)
        {
            int a = s[at] - '0';
            int b = s[at + 1] - '0';
            value = (a * 10) + b;
            return (uint)a <= 9 && (uint)b <= 9;
        }
    }
}
