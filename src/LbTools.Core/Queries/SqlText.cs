using System;
using System.Globalization;
using System.Text;

namespace LbTools.Core.Queries
{
    /// <summary>
    /// The one place values become SQL text. Trino (Athena queries), DuckDB and Simple Log
    /// Service SQL share the standard rules: a string literal is single-quoted with a quote
    /// written twice and a backslash taken as it is; an identifier is double-quoted with a
    /// double quote written twice. Athena's table DDL is Hive's language, whose string literals
    /// do read backslash escapes: <see cref="HiveLiteral"/> writes those.
    /// </summary>
    internal static class SqlText
    {
        /// <summary>A string literal for Trino, DuckDB and SLS SQL ('it''s', backslashes as they are).</summary>
        public static string Literal(string value)
        {
            if (value == null)
            {
                throw new ArgumentNullException(nameof(value));
            }

            CheckText(value);
            return "'" + value.Replace("'", "''") + "'";
        }

        /// <summary>A DOUBLE literal in exponent form (5 -> 5E0), so no engine reads it as an integer or a decimal.</summary>
        public static string Literal(double value)
        {
            if (double.IsNaN(value) || double.IsInfinity(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "SQL has no literal for NaN or infinity.");
            }

            var text = value.ToString("R", CultureInfo.InvariantCulture);
            return text.IndexOf('E') >= 0 ? text : text + "E0";
        }

        /// <summary>An integer literal.</summary>
        public static string Literal(long value) => value.ToString(CultureInfo.InvariantCulture);

        /// <summary>A TIMESTAMP literal in UTC with microseconds (the finest unit DuckDB keeps).</summary>
        public static string Literal(DateTimeOffset value) =>
            "TIMESTAMP " + Literal(value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture));

        /// <summary>A quoted identifier ("time", "target:port" -> "target:port", a quote doubled).</summary>
        public static string Identifier(string name)
        {
            if (string.IsNullOrEmpty(name))
            {
                throw new ArgumentException("An identifier needs a name.", nameof(name));
            }

            CheckText(name);
            return "\"" + name.Replace("\"", "\"\"") + "\"";
        }

        /// <summary>A Hive identifier for Athena DDL: backquoted, a backquote written twice.</summary>
        public static string HiveIdentifier(string name)
        {
            if (string.IsNullOrEmpty(name))
            {
                throw new ArgumentException("An identifier needs a name.", nameof(name));
            }

            CheckText(name);
            return "`" + name.Replace("`", "``") + "`";
        }

        /// <summary>
        /// A string literal for Athena DDL (Hive): single-quoted, where a backslash starts an
        /// escape, so a backslash is written \\ and a quote \'.
        /// </summary>
        public static string HiveLiteral(string value)
        {
            if (value == null)
            {
                throw new ArgumentNullException(nameof(value));
            }

            CheckText(value);
            var text = new StringBuilder(value.Length + 8).Append('\'');
            foreach (char c in value)
            {
                switch (c)
                {
                    case '\\':
                        text.Append("\\\\");
                        break;
                    case '\'':
                        text.Append("\\'");
                        break;
                    case '\n':
                        text.Append("\\n");
                        break;
                    case '\t':
                        text.Append("\\t");
                        break;
                    default:
                        text.Append(c);
                        break;
                }
            }

            return text.Append('\'').ToString();
        }

        /// <summary>NUL and other control characters (but tab and newline) have no business in a query and could cut it short in a console.</summary>
        private static void CheckText(string value)
        {
            foreach (char c in value)
            {
                if (c < ' ' && c != '\t' && c != '\n' && c != '\r')
                {
                    throw new ArgumentException($"The value holds the control character U+{(int)c:X4}, which a query cannot carry.", nameof(value));
                }
            }
        }
    }
}
