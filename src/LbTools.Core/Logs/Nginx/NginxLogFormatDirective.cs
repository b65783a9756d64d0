using System;
using System.Collections.Generic;
using System.Text;

namespace LbTools.Core.Logs.Nginx
{
    /// <summary>
    /// Reads -LogFormat text that was copied from nginx.conf instead of typed as the bare format:
    /// the whole directive (<c>log_format main escape=json '…' '…';</c>), the same without
    /// <c>log_format</c> and the name (<c>escape=json '…'</c>), or only its single-quoted parts.
    /// The parts are joined as nginx joins them, with nginx's own quoting rules: \" \' \\ stand
    /// for the character, \t \r \n for the control character, any other backslash stays.
    /// Text in none of these forms is the format itself (a format line may start with '"', so a
    /// double-quoted first part is read as a directive only after log_format or escape=).
    /// </summary>
    internal static class NginxLogFormatDirective
    {
        private const string Keyword = "log_format";
        private const string EscapeParameter = "escape=";

        /// <summary>
        /// True with the joined format and its escape mode when <paramref name="text"/> is in
        /// directive form; false when it is the bare format. Throws ArgumentException naming the
        /// position when the directive form is broken (an unclosed quote, an unknown escape=).
        /// </summary>
        public static bool TryRead(string text, out string format, out NginxEscape escape)
        {
            format = text;
            escape = NginxEscape.Default;
            int pos = SkipBlanks(text, 0);
            bool named;
            if (StartsWithWord(text, pos, Keyword))
            {
                named = true;
                pos += Keyword.Length;
            }
            else if (string.CompareOrdinal(text, pos, EscapeParameter, 0, EscapeParameter.Length) == 0 || (pos < text.Length && text[pos] == '\''))
            {
                named = false;
            }
            else
            {
                return false;
            }

            var parts = new List<string>();
            bool nameRead = !named;
            while (true)
            {
                pos = SkipBlanks(text, pos);
                if (pos >= text.Length)
                {
                    break;
                }

                if (text[pos] == ';')
                {
                    int after = SkipBlanks(text, pos + 1);
                    if (after < text.Length)
                    {
                        throw new ArgumentException($"The log_format directive goes on after its ';' (position {after}); pass one directive.");
                    }

                    break;
                }

                int start = pos;
                bool quoted = text[pos] == '\'' || text[pos] == '"';
                string token = quoted ? Quoted(text, ref pos) : Bare(text, ref pos);
                if (!nameRead)
                {
                    nameRead = true;
                    continue;
                }

                if (!quoted && parts.Count == 0 && token.StartsWith(EscapeParameter, StringComparison.Ordinal))
                {
                    escape = EscapeOf(token.Substring(EscapeParameter.Length), start);
                    continue;
                }

                parts.Add(token);
            }

            if (parts.Count == 0)
            {
                throw new ArgumentException(named && !nameRead
                    ? "The log_format directive has no name and no format strings."
                    : "The log_format directive has no format strings after its name and escape= parameter.");
            }

            format = string.Concat(parts);
            return true;
        }

        private static NginxEscape EscapeOf(string value, int position)
        {
            switch (value)
            {
                case "default":
                    return NginxEscape.Default;
                case "json":
                    return NginxEscape.Json;
                case "none":
                    return NginxEscape.None;
                default:
                    throw new ArgumentException($"The log_format directive has escape={value} at position {position}; nginx knows escape=default, escape=json and escape=none.");
            }
        }

        /// <summary>A quoted string from its opening quote to its closing one, undoing nginx's backslash escapes.</summary>
        private static string Quoted(string text, ref int pos)
        {
            char quote = text[pos];
            int open = pos;
            var value = new StringBuilder();
            pos++;
            while (pos < text.Length)
            {
                char c = text[pos];
                if (c == quote)
                {
                    pos++;
                    return value.ToString();
                }

                if (c == '\\' && pos + 1 < text.Length)
                {
                    pos = Unescape(text, pos, value);
                    continue;
                }

                value.Append(c);
                pos++;
            }

            throw new ArgumentException($"The log_format directive has a {quote} at position {open} that is never closed.");
        }

        /// <summary>An unquoted word: up to a blank, a ';' or a quote (nginx takes a bare word as a format string too).</summary>
        private static string Bare(string text, ref int pos)
        {
            var value = new StringBuilder();
            while (pos < text.Length && !char.IsWhiteSpace(text[pos]) && text[pos] != ';' && text[pos] != '\'' && text[pos] != '"')
            {
                if (text[pos] == '\\' && pos + 1 < text.Length)
                {
                    pos = Unescape(text, pos, value);
                    continue;
                }

                value.Append(text[pos]);
                pos++;
            }

            return value.ToString();
        }

        /// <summary>nginx's escapes (ngx_conf_read_token): the next position after the backslash pair.</summary>
        private static int Unescape(string text, int backslash, StringBuilder value)
        {
            char next = text[backslash + 1];
            switch (next)
            {
                case '"':
                case '\'':
                case '\\':
                    value.Append(next);
                    break;
                case 't':
                    value.Append('\t');
                    break;
                case 'r':
                    value.Append('\r');
                    break;
                case 'n':
                    value.Append('\n');
                    break;
                default:
                    value.Append('\\').Append(next);
                    break;
            }

            return backslash + 2;
        }

        /// <summary>Past blanks, line breaks and # comments (a directive pasted from nginx.conf may hold them).</summary>
        private static int SkipBlanks(string text, int pos)
        {
            while (pos < text.Length)
            {
                if (char.IsWhiteSpace(text[pos]))
                {
                    pos++;
                }
                else if (text[pos] == '#')
                {
                    while (pos < text.Length && text[pos] != '\n')
                    {
                        pos++;
                    }
                }
                else
                {
                    break;
                }
            }

            return pos;
        }

        private static bool StartsWithWord(string text, int pos, string word) =>
            string.CompareOrdinal(text, pos, word, 0, word.Length) == 0 && pos + word.Length < text.Length && char.IsWhiteSpace(text[pos + word.Length]);
    }
}
