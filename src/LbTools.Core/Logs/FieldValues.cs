using System;
using System.Globalization;

namespace LbTools.Core.Logs
{
    /// <summary>Converts logged field text to typed values, treating the providers' sentinels as null.</summary>
    public static class FieldValues
    {
        /// <summary>"-" and empty mean "no value" in every format LbTools reads.</summary>
        public static bool IsAbsent(string? text) => text == null || text.Length == 0 || text == "-";

        public static string? Text(string? text) => IsAbsent(text) ? null : text;

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
    }
}
