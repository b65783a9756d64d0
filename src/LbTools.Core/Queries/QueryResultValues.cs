using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using LbTools.Core.Diagnosis;

namespace LbTools.Core.Queries
{
    /// <summary>
    /// The cell values of a triage query result: timestamps as Athena, SLS and DuckDB print them,
    /// counts, seconds and the top_paths JSON. Each parser returns false with the reason when the
    /// cell is not what the column holds; an empty cell is NULL and is handled by the caller.
    /// </summary>
    internal static class QueryResultValues
    {
        // 2024-05-01 22:00:00[.fffffffff] with ' ' or 'T', then nothing (UTC), 'Z', ' UTC' or an offset (+00, +00:00, +0000).
        private static readonly Regex TimestampShape = new Regex(
            @"^(?<date>\d{4}-\d{2}-\d{2})[ T](?<time>\d{2}:\d{2}:\d{2})(?:\.(?<fraction>\d{1,9}))?(?<zone>Z| ?UTC|[+-]\d{2}(?::?\d{2})?)?$",
            RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture);

        private static readonly Regex EpochShape = new Regex(@"^\d{1,12}(?:\.\d{1,9})?$", RegexOptions.CultureInvariant);

        /// <summary>
        /// A UTC instant: "YYYY-MM-DD HH:MM:SS[.fraction]" (a 'T' instead of the space, a trailing
        /// 'Z', " UTC" or a numeric offset also accepted; the offset is applied), or Unix epoch
        /// seconds (SLS's __time__ arithmetic prints those).
        /// </summary>
        public static bool TryTimestamp(string text, out DateTimeOffset value, out string? reason)
        {
            value = default;
            reason = null;
            var match = TimestampShape.Match(text);
            if (match.Success)
            {
                if (!DateTime.TryParseExact(match.Groups["date"].Value + " " + match.Groups["time"].Value, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
                {
                    reason = $"'{text}' is not a real date and time";
                    return false;
                }

                long ticks = time.Ticks;
                var fraction = match.Groups["fraction"];
                if (fraction.Success)
                {
                    // Digits past the seventh (100 ns) are below a tick: dropped.
                    string digits = fraction.Value.Length > 7 ? fraction.Value.Substring(0, 7) : fraction.Value.PadRight(7, '0');
                    ticks += long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
                }

                var offset = TimeSpan.Zero;
                var zone = match.Groups["zone"];
                if (zone.Success && zone.Value[0] is '+' or '-')
                {
                    string z = zone.Value.Replace(":", string.Empty);
                    int hours = int.Parse(z.Substring(1, 2), CultureInfo.InvariantCulture);
                    int minutes = z.Length > 3 ? int.Parse(z.Substring(3, 2), CultureInfo.InvariantCulture) : 0;
                    offset = new TimeSpan(hours, minutes, 0);
                    if (z[0] == '-')
                    {
                        offset = -offset;
                    }
                }

                value = new DateTimeOffset(ticks, TimeSpan.Zero) - offset;
                return true;
            }

            if (EpochShape.IsMatch(text) && decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds))
            {
                value = DateTimeOffset.FromUnixTimeMilliseconds(0).AddTicks((long)(seconds * TimeSpan.TicksPerSecond));
                return true;
            }

            reason = $"'{text}' is not a timestamp (expected YYYY-MM-DD HH:MM:SS[.fraction] in UTC, optionally with 'T', 'Z' or ' UTC', or Unix epoch seconds)";
            return false;
        }

        /// <summary>A whole number from <paramref name="min"/> up (a count or a status code).</summary>
        public static bool TryInteger(string text, long min, long max, out long value, out string? reason)
        {
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value) && value >= min && value <= max)
            {
                reason = null;
                return true;
            }

            reason = $"'{text}' is not a whole number from {min} to {max}";
            return false;
        }

        /// <summary>Seconds, zero or more (a latency percentile).</summary>
        public static bool TrySeconds(string text, out double value, out string? reason)
        {
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && value >= 0 && !double.IsInfinity(value))
            {
                reason = null;
                return true;
            }

            reason = $"'{text}' is not a number of seconds";
            return false;
        }

        /// <summary>The top_paths cell: a JSON object of path to count, most frequent first.</summary>
        public static bool TryTopPaths(string text, out IReadOnlyList<PathCount> paths, out string? reason)
        {
            paths = Array.Empty<PathCount>();
            reason = null;
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(text);
            }
            catch (JsonException ex)
            {
                reason = $"top_paths is not JSON: {ex.Message}";
                return false;
            }

            using (document)
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    reason = "top_paths must be a JSON object of path to count";
                    return false;
                }

                var list = new List<PathCount>();
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetInt64(out long count) || count < 0)
                    {
                        reason = $"top_paths: the count of '{property.Name}' is not a whole number";
                        return false;
                    }

                    list.Add(new PathCount(property.Name, count, 0));
                }

                list.Sort((a, b) => a.Count != b.Count ? b.Count.CompareTo(a.Count) : string.CompareOrdinal(a.Path, b.Path));
                paths = list;
                return true;
            }
        }
    }
}
