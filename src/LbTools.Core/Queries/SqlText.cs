using System;
using System.Globalization;

namespace LbTools.Core.Queries
{
    /// <summary>
    /// The one writer of SQL literals and identifiers: every value that reaches query text (profile
    /// numbers, field names, user text) goes through here. The forms are the ones Trino (Athena),
    /// SLS SQL and DuckDB all read the same way.
    /// </summary>
    internal static class SqlText
    {
        /// <summary>A string literal: single quotes, an inner quote doubled.</summary>
        internal static string Literal(string value)
        {
            if (value == null)
            {
                throw new ArgumentNullException(nameof(value));
            }

            return "'" + value.Replace("'", "''") + "'";
        }

        /// <summary>A number literal in invariant culture (round-trip precision); NaN and infinities have no SQL literal.</summary>
        internal static string Literal(double value)
        {
            if (double.IsNaN(value) || double.IsInfinity(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "A SQL number literal must be finite.");
            }

            string text = value.ToString("R", CultureInfo.InvariantCulture);
            return text.IndexOfAny(new[] { '.', 'E', 'e' }) < 0 ? text + ".0" : text;
        }

        internal static string Literal(long value) => value.ToString(CultureInfo.InvariantCulture);

        /// <summary>A quoted identifier ("time"): double quotes, an inner quote doubled.</summary>
        internal static string Identifier(string name)
        {
            if (string.IsNullOrEmpty(name))
            {
                throw new ArgumentException("An identifier cannot be empty.", nameof(name));
            }

            return "\"" + name.Replace("\"", "\"\"") + "\"";
        }
    }
}
