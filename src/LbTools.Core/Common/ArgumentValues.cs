using System;
using System.Globalization;

namespace LbTools.Core.Common
{
    /// <summary>
    /// Option values given as text (the console front end, rule files), named as the caller spells
    /// the option (so the message reads in that front end's syntax): parsed with the
    /// invariant culture and checked against the range the matching cmdlet parameter allows,
    /// so a value out of range is an ArgumentException naming the option, never an overflow
    /// deeper down.
    /// </summary>
    public static class ArgumentValues
    {
        /// <summary>A number of seconds in [<paramref name="min"/>, <paramref name="max"/>] as a TimeSpan.</summary>
        public static TimeSpan Seconds(string name, string text, double min, double max)
        {
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) || double.IsNaN(seconds) || double.IsInfinity(seconds))
            {
                throw new ArgumentException($"{name} '{text}' is not a number of seconds.");
            }

            if (seconds < min || seconds > max)
            {
                throw new ArgumentException($"{name} {text} is out of range: give {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)} seconds.");
            }

            return TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
        }

        /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
        public static int Integer(string name, string text, int min, int max)
        {
            if (!long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
            {
                throw new ArgumentException($"{name} '{text}' is not a whole number.");
            }

            if (value < min || value > max)
            {
                throw new ArgumentException($"{name} {text} is out of range: give {min} to {max}.");
            }

            return (int)value;
        }

        /// <summary>
        /// An enum member by name (case-insensitive). Numbers are refused: Enum.Parse takes "999"
        /// as a value no member has.
        /// </summary>
        public static T EnumName<T>(string name, string text)
            where T : struct, Enum
        {
            string trimmed = text.Trim();
            if (trimmed.Length > 0 && (char.IsLetter(trimmed[0]) || trimmed[0] == '_')
                && Enum.TryParse(trimmed, ignoreCase: true, out T value) && Enum.IsDefined(typeof(T), value))
            {
                return value;
            }

            throw new ArgumentException($"{name} '{text}' is not one of {string.Join(", ", Enum.GetNames(typeof(T)))}.");
        }
    }
}
