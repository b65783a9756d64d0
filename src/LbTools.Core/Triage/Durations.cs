using System;
using System.Globalization;

namespace LbTools.Core.Triage
{
    /// <summary>Durations as people type them for -Last and -Interval: 90s, 15m, 2h, 1d, 1w, or a TimeSpan (02:00:00).</summary>
    public static class Durations
    {
        /// <summary>Parses the text; ArgumentException naming it when it is not a positive duration.</summary>
        public static TimeSpan Parse(string text, string what)
        {
            if (TryParse(text, out var value))
            {
                return value;
            }

            throw new ArgumentException($"{what} '{text}' is not a duration: use a number with s, m, h, d or w (90s, 15m, 2h, 1d) or hh:mm:ss.");
        }

        public static bool TryParse(string? text, out TimeSpan value)
        {
            value = TimeSpan.Zero;
            var s = (text ?? string.Empty).Trim();
            if (s.Length >= 2)
            {
                char unit = char.ToLowerInvariant(s[s.Length - 1]);
                double seconds = unit switch { 's' => 1, 'm' => 60, 'h' => 3600, 'd' => 86400, 'w' => 604800, _ => 0 };
                if (seconds > 0 && double.TryParse(s.Substring(0, s.Length - 1), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n) && n > 0 && n * seconds < TimeSpan.MaxValue.TotalSeconds / 2)
                {
                    value = TimeSpan.FromSeconds(n * seconds);
                    return true;
                }
            }

            if (s.IndexOf(':') > 0 && TimeSpan.TryParse(s, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero)
            {
                value = span;
                return true;
            }

            return false;
        }
    }
}
