using System;
using System.Collections.Generic;
using System.Text;

namespace LbTools.Core.Logs.Nginx
{
    /// <summary>
    /// An nginx log_format compiled once into literal text and variables. A line is matched by
    /// walking it: a literal must appear exactly where expected, and a variable runs up to the
    /// next occurrence of the literal that follows it (or to the end of the line). No regular
    /// expression is involved, in the spirit of GoAccess's format parser.
    /// </summary>
    public sealed class NginxLineFormat
    {
        private readonly string[] _literals;
        private readonly string[] _variables;

        private NginxLineFormat(string text, string[] literals, string[] variables)
        {
            Text = text;
            _literals = literals;
            _variables = variables;
        }

        public string Text { get; }

        /// <summary>The variable names in order, without '$'.</summary>
        public IReadOnlyList<string> Variables => _variables;

        /// <summary>
        /// Compiles a log_format string (the quoted parts of the directive joined, or a preset
        /// name). Throws ArgumentException when two variables touch with no literal between them,
        /// because such a line cannot be split unambiguously.
        /// </summary>
        public static NginxLineFormat Compile(string formatOrPreset)
        {
            string text = NginxLogFormats.Resolve(formatOrPreset);
            var literals = new List<string>();
            var variables = new List<string>();
            var literal = new StringBuilder();
            int i = 0;
            while (i < text.Length)
            {
                char c = text[i];
                if (c == '$' && i + 1 < text.Length && (IsNameChar(text[i + 1]) || text[i + 1] == '{'))
                {
                    string name;
                    if (text[i + 1] == '{')
                    {
                        int close = text.IndexOf('}', i + 2);
                        if (close < 0)
                        {
                            throw new ArgumentException($"The log format has an unclosed '${{' at position {i}.");
                        }

                        name = text.Substring(i + 2, close - i - 2);
                        i = close + 1;
                    }
                    else
                    {
                        int end = i + 1;
                        while (end < text.Length && IsNameChar(text[end]))
                        {
                            end++;
                        }

                        name = text.Substring(i + 1, end - i - 1);
                        i = end;
                    }

                    if (variables.Count > 0 && literal.Length == 0)
                    {
                        throw new ArgumentException($"The log format puts ${variables[variables.Count - 1]} and ${name} side by side with nothing between them; their values cannot be told apart.");
                    }

                    literals.Add(literal.ToString());
                    literal.Clear();
                    variables.Add(name);
                    continue;
                }

                literal.Append(c);
                i++;
            }

            literals.Add(literal.ToString());
            if (variables.Count == 0)
            {
                throw new ArgumentException("The log format has no $variables.");
            }

            return new NginxLineFormat(text, literals.ToArray(), variables.ToArray());
        }

        /// <summary>
        /// Splits a line into one value per variable. Returns false with the position where the
        /// line stopped following the format.
        /// </summary>
        public bool TryMatch(string line, string[] values, out string failure)
        {
            failure = string.Empty;
            int pos = 0;
            if (!line.StartsWith(_literals[0], StringComparison.Ordinal))
            {
                failure = $"does not start with '{_literals[0]}'";
                return false;
            }

            pos = _literals[0].Length;
            for (int v = 0; v < _variables.Length; v++)
            {
                string next = _literals[v + 1];
                int end;
                if (next.Length == 0)
                {
                    end = line.Length;
                }
                else if (v + 1 == _variables.Length)
                {
                    // The last literal must end the line: match it at the end, not at the first occurrence.
                    end = line.Length - next.Length;
                    if (end < pos || string.CompareOrdinal(line, end, next, 0, next.Length) != 0)
                    {
                        failure = $"does not end with '{next}'";
                        return false;
                    }
                }
                else
                {
                    end = line.IndexOf(next, pos, StringComparison.Ordinal);
                    if (end < 0)
                    {
                        failure = $"'{next}' after ${_variables[v]} not found (column {pos + 1})";
                        return false;
                    }
                }

                values[v] = line.Substring(pos, end - pos);
                pos = end + next.Length;
            }

            return true;
        }

        private static bool IsNameChar(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }
}
