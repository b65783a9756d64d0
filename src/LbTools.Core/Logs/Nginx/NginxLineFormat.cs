using System.Collections.Generic;
using System.Text;
using System;
using LbTools.Core.Logs.Values;

namespace LbTools.Core.Logs.Nginx
{
    /// <summary>
    /// An nginx log_format compiled once into literal text and variables. A line is matched by
    /// walking it: a literal must appear exactly where expected, and a variable runs up to the
    /// next occurrence of the literal that follows it (or to the end of the line). No regular
    /// expression is involved, in the spirit of GoAccess's format parser.
    /// </summary>
    internal sealed class NginxLineFormat
    {
        private readonly string[] _literals;
        private readonly string[] _variables;
        private readonly byte[][] _literalBytes;

        // Per variable: nginx writes one value per upstream attempt, joined with ", " (and " : " across an internal redirect).
        private readonly bool[] _isList;

        // Only escape=json writes a bare '"' inside a value (as \"); the search for it costs nothing otherwise.
        private readonly bool _jsonEscapes;

        private NginxLineFormat(string text, NginxEscape escape, string[] literals, string[] variables)
        {
            Text = text;
            Escape = escape;
            _jsonEscapes = escape == NginxEscape.Json;
            _literals = literals;
            _variables = variables;
            _literalBytes = new byte[literals.Length][];
            _isList = new bool[variables.Length];
            for (int v = 0; v < variables.Length; v++)
            {
                _isList[v] = IsListVariable(variables[v]);
            }
            bool ascii = true;
            for (int i = 0; i < literals.Length; i++)
            {
                _literalBytes[i] = Encoding.UTF8.GetBytes(literals[i]);
                ascii &= Utf8Ascii.IsAscii(literals[i]);
            }

            AsciiLiterals = ascii;
        }

        /// <summary>The format itself (a directive's parts joined).</summary>
        public string Text { get; }

        /// <summary>How nginx escaped the values (the directive's escape= parameter; Default for a bare format).</summary>
        public NginxEscape Escape { get; }

        /// <summary>The variable names in order, without '$'.</summary>
        public IReadOnlyList<string> Variables => _variables;

        /// <summary>True when every literal is ASCII, so on an ASCII line byte and char positions agree.</summary>
        internal bool AsciiLiterals { get; }

        /// <summary>
        /// Compiles a log_format: a preset name, the format string itself, or the directive as
        /// nginx.conf has it (see <see cref="NginxLogFormatDirective"/>). Throws ArgumentException
        /// when two variables touch with no literal between them, because such a line cannot be
        /// split unambiguously, and for a broken directive.
        /// </summary>
        public static NginxLineFormat Compile(string formatOrPreset)
        {
            string text = NginxLogFormats.Resolve(formatOrPreset);

            // A bare format comes back as it is, with nginx's default escaping.
            _ = NginxLogFormatDirective.TryRead(text, out text, out var escape);

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

            return new NginxLineFormat(text, escape, literals.ToArray(), variables.ToArray());
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
                    while (end >= 0 && ((_jsonEscapes && EscapedQuoteAt(line.AsSpan(), pos, end, next[0], '"', '\\')) || (_isList[v] && ListSeparatorAt(line.AsSpan(), pos, end, ',', ' ', ':'))))
                    {
                        end = line.IndexOf(next, end + 1, StringComparison.Ordinal);
                    }

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

        /// <summary>
        /// <see cref="TryMatch(string, string[], out string)"/> over an ASCII line's bytes, with
        /// the same failures: fills (start, length) of variable i at spans[2i], spans[2i+1].
        /// </summary>
        internal bool TryMatch(ReadOnlySpan<byte> line, int[] spans, out string failure)
        {
            failure = string.Empty;
            var first = _literalBytes[0];
            if (!line.StartsWith(first))
            {
                failure = $"does not start with '{_literals[0]}'";
                return false;
            }

            int pos = first.Length;
            int count = _variables.Length;
            for (int v = 0; v < count; v++)
            {
                var next = _literalBytes[v + 1];
                int end;
                if (next.Length == 0)
                {
                    end = line.Length;
                }
                else if (v + 1 == count)
                {
                    // The last literal must end the line: match it at the end, not at the first occurrence.
                    end = line.Length - next.Length;
                    if (end < pos || !line.Slice(end).SequenceEqual(next))
                    {
                        failure = $"does not end with '{_literals[v + 1]}'";
                        return false;
                    }
                }
                else
                {
                    // Single-byte literals (' ', '"', '|') are the common case: a byte search is faster than a sequence search.
                    int at = Find(line, pos, next);
                    while (at >= 0 && ((_jsonEscapes && EscapedQuoteAt(line, pos, at, next[0], (byte)'"', (byte)'\\')) || (_isList[v] && ListSeparatorAt(line, pos, at, (byte)',', (byte)' ', (byte)':'))))
                    {
                        at = Find(line, at + 1, next);
                    }

                    if (at < 0)
                    {
                        failure = $"'{_literals[v + 1]}' after ${_variables[v]} not found (column {pos + 1})";
                        return false;
                    }

                    end = at;
                }

                spans[2 * v] = pos;
                spans[(2 * v) + 1] = end - pos;
                pos = end + next.Length;
            }

            return true;
        }

        /// <summary>Where <paramref name="literal"/> next occurs at or after <paramref name="from"/> (an index into the whole line), or -1.</summary>
        private static int Find(ReadOnlySpan<byte> line, int from, byte[] literal)
        {
            int at = literal.Length == 1 ? line.Slice(from).IndexOf(literal[0]) : line.Slice(from).IndexOf(literal);
            return at < 0 ? -1 : from + at;
        }

        /// <summary>
        /// With escape=json a '"' inside a value is written \" (and a backslash \\): a literal that
        /// starts with '"' and follows an odd run of backslashes is part of the value, not the
        /// delimiter. The other escapes write no bare '"', so only JSON lines are checked.
        /// One body for the line as chars (text route) and as bytes (byte route).
        /// </summary>
        private static bool EscapedQuoteAt<T>(ReadOnlySpan<T> line, int valueStart, int at, T first, T quote, T backslash)
            where T : IEquatable<T>
        {
            if (!first.Equals(quote))
            {
                return false;
            }

            int backslashes = 0;
            for (int i = at - 1; i >= valueStart && line[i].Equals(backslash); i--)
            {
                backslashes++;
            }

            return (backslashes & 1) == 1;
        }

        /// <summary>
        /// The variables nginx writes as one value per contacted server (ngx_http_upstream_module,
        /// "Embedded Variables": values separated by commas, groups across an internal redirect by colons).
        /// </summary>
        public static bool IsListVariable(string name)
        {
            switch (name)
            {
                case "upstream_addr":
                case "upstream_status":
                case "upstream_connect_time":
                case "upstream_header_time":
                case "upstream_response_time":
                case "upstream_response_length":
                case "upstream_bytes_received":
                case "upstream_bytes_sent":
                case "upstream_queue_time":
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>
        /// In an unquoted list value a literal that starts with a space may be nginx's own separator:
        /// the space of ", " (a comma just before it, and more value after it) or either space of
        /// " : ". Such an occurrence is part of the value, not the end of it.
        /// </summary>
        private static bool ListSeparatorAt<T>(ReadOnlySpan<T> line, int valueStart, int at, T comma, T space, T colon)
            where T : IEquatable<T>
        {
            if (!line[at].Equals(space) || at <= valueStart)
            {
                return false;
            }

            if (line[at - 1].Equals(comma))
            {
                return at + 1 < line.Length && !line[at + 1].Equals(space);
            }

            bool firstOfColon = at + 2 < line.Length && line[at + 1].Equals(colon) && line[at + 2].Equals(space);
            bool secondOfColon = at - 2 >= valueStart && line[at - 1].Equals(colon) && line[at - 2].Equals(space);
            return firstOfColon || secondOfColon;
        }

        private static bool IsNameChar(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }
}
