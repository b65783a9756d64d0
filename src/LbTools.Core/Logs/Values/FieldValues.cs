using System;
using System.Globalization;

namespace LbTools.Core.Logs.Values
{
    /// <summary>Converts logged field text to typed values, treating the providers' sentinels as null.</summary>
    internal static class FieldValues
    {
        /// <summary>"-" and empty mean "no value" in every format LbTools reads.</summary>
        public static bool IsAbsent(string? text) => text == null || text.Length == 0 || text == "-";

        public static string? Text(string? text) => IsAbsent(text) ? null : text;

        /// <summary>The rejection detail every parser uses for a field that does not parse (value shortened to 40 characters).</summary>
        public static string DescribeInvalid(string field, string? value) =>
            $"field {field} has the invalid value '{(value == null ? string.Empty : value.Length <= 40 ? value : value.Substring(0, 40) + "…")}'";

        public static bool TryInt(string? text, out int? value)
        {
            value = null;
            if (IsAbsent(text))
            {
                return true;
            }

            if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
            {
                value = parsed;
                return true;
            }

            return false;
        }

        public static bool TryLong(string? text, out long? value)
        {
            value = null;
            if (IsAbsent(text))
            {
                return true;
            }

            if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
            {
                value = parsed;
                return true;
            }

            return false;
        }

        /// <summary>Seconds; "-" and -1 (AWS: could not dispatch / no response) become null.</summary>
        public static bool TrySeconds(string? text, out double? value)
        {
            value = null;
            if (IsAbsent(text))
            {
                return true;
            }

            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
            {
                value = parsed < 0 ? (double?)null : parsed;
                return true;
            }

            return false;
        }

        public static bool TryUtcTime(string? text, out DateTimeOffset? value)
        {
            value = null;
            if (IsAbsent(text))
            {
                return true;
            }

            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
            {
                value = parsed.ToUniversalTime();
                return true;
            }

            return false;
        }

        /// <summary>Splits "ip:port" or "[v6]:port" / "v6:port" at the last colon.</summary>
        public static void SplitAddress(string? text, out string? address, out int? port)
        {
            address = null;
            port = null;
            if (IsAbsent(text))
            {
                return;
            }

            string value = text!;
            int colon = value.LastIndexOf(':');
            if (colon > 0 && int.TryParse(value.Substring(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var p))
            {
                address = value.Substring(0, colon).Trim('[', ']');
                port = p;
            }
            else
            {
                address = value;
            }
        }

        private static readonly string[] Months = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

        /// <summary>nginx $time_local: "10/Oct/2000:13:55:36 -0700" (also accepted without the offset, as UTC).</summary>
        public static bool TryNginxLocalTime(string? text, out DateTimeOffset? value)
        {
            value = null;
            if (IsAbsent(text))
            {
                return true;
            }

            string s = text!;
            if (s.Length < 20 || s[2] != '/' || s[6] != '/' || s[11] != ':' || s[14] != ':' || s[17] != ':')
            {
                return false;
            }

            int month = Array.IndexOf(Months, s.Substring(3, 3)) + 1;
            if (month == 0
                || !TryDigits(s, 0, 2, out int day) || !TryDigits(s, 7, 4, out int year)
                || !TryDigits(s, 12, 2, out int hour) || !TryDigits(s, 15, 2, out int minute) || !TryDigits(s, 18, 2, out int second))
            {
                return false;
            }

            var offset = TimeSpan.Zero;
            if (s.Length > 20)
            {
                if (s.Length != 26 || s[20] != ' ' || (s[21] != '+' && s[21] != '-') || !TryDigits(s, 22, 2, out int oh) || !TryDigits(s, 24, 2, out int om))
                {
                    return false;
                }

                // nginx writes offsets of at most 14 hours; anything else is not a time zone.
                if (om > 59 || (oh * 60) + om > 14 * 60)
                {
                    return false;
                }

                offset = new TimeSpan(oh, om, 0);
                if (s[21] == '-')
                {
                    offset = -offset;
                }
            }

            if (day < 1 || day > DateTime.DaysInMonth(Math.Max(1, Math.Min(9999, year)), month) || hour > 23 || minute > 59 || second > 60 || year < 1)
            {
                return false;
            }

            return TryUtc(new DateTime(year, month, day, hour, minute, Math.Min(second, 59)).Ticks, offset, out value);
        }

        /// <summary>
        /// A local time and its offset as a UTC instant; false (not an exception) when the
        /// instant falls outside what DateTimeOffset can hold (year 1 at +14:00, year 9999 at -14:00).
        /// </summary>
        internal static bool TryUtc(long localTicks, TimeSpan offset, out DateTimeOffset? value)
        {
            long utc = localTicks - offset.Ticks;
            if (utc < DateTime.MinValue.Ticks || utc > DateTime.MaxValue.Ticks)
            {
                value = null;
                return false;
            }

            value = new DateTimeOffset(utc, TimeSpan.Zero);
            return true;
        }

        /// <summary>Unix time in seconds (Simple Log Service's __time__), fractions allowed.</summary>
        public static bool TryUnixSeconds(string? text, out DateTimeOffset? value)
        {
            value = null;
            if (IsAbsent(text))
            {
                return true;
            }

            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0 && seconds < 253402300799)
            {
                value = DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000));
                return true;
            }

            return false;
        }

        private static bool TryDigits(string s, int start, int count, out int value)
        {
            value = 0;
            for (int i = start; i < start + count; i++)
            {
                char c = s[i];
                if (c < '0' || c > '9')
                {
                    return false;
                }

                value = (value * 10) + (c - '0');
            }

            return true;
        }
    }
}
