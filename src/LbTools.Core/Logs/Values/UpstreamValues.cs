using System;
using System.Collections.Generic;

namespace LbTools.Core.Logs.Values
{
    /// <summary>
    /// Splits nginx-style multi-attempt values ("10.0.0.1:80, 10.0.0.2:80 : 10.0.0.3:80",
    /// "502, 200", "0.004, -"): ", " separates attempts within one upstream group and " : "
    /// separates groups (reference §6.2). Every attempt is kept in order; "-" is an attempt
    /// without a value and becomes null.
    /// </summary>
    internal static class UpstreamValues
    {
        private static readonly string?[] None = Array.Empty<string?>();

        public static string?[] Split(string? text)
        {
            if (FieldValues.IsAbsent(text))
            {
                return None;
            }

            string value = text!;

            // One attempt, the common case: the one part the loop below would give, without the list.
            if (value.IndexOf(',') < 0 && value.IndexOf(" : ", StringComparison.Ordinal) < 0)
            {
                var only = value.Trim();
                return new[] { only.Length == 0 || only == "-" ? null : only };
            }

            var parts = new List<string?>(2);
            int start = 0;
            for (int i = 0; i <= value.Length; i++)
            {
                bool end = i == value.Length;
                // ',' always separates; ':' only as " : " because addresses contain ':' themselves.
                bool separator = !end && (value[i] == ',' || (value[i] == ':' && i > 0 && value[i - 1] == ' ' && i + 1 < value.Length && value[i + 1] == ' '));
                if (end || separator)
                {
                    var part = value.Substring(start, i - start).Trim();
                    parts.Add(part.Length == 0 || part == "-" ? null : part);
                    start = i + 1;
                }
            }

            return parts.ToArray();
        }

        private delegate bool TryParse<T>(string? text, out T value);

        /// <summary>Every attempt as seconds; false when an entry is not a number.</summary>
        public static bool TrySeconds(string? text, out double?[] values) => TryAll<double?>(text, PlainFieldValues.TrySeconds, out values);

        public static bool TryStatuses(string? text, out int?[] values) => TryAll<int?>(text, PlainFieldValues.TryInt, out values);

        private static bool TryAll<T>(string? text, TryParse<T> parse, out T[] values)
        {
            var parts = Split(text);
            values = parts.Length == 0 ? Array.Empty<T>() : new T[parts.Length];
            for (int i = 0; i < parts.Length; i++)
            {
                if (!parse(parts[i], out values[i]))
                {
                    return false;
                }
            }

            return true;
        }

        public static T? Last<T>(T?[] values)
            where T : struct => values.Length == 0 ? null : values[values.Length - 1];
    }
}
