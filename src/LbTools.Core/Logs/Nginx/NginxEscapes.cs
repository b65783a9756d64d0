using System.Globalization;
using System.Text;

namespace LbTools.Core.Logs.Nginx
{
    /// <summary>
    /// Undoes nginx's escaping of a logged value: by default '"', '\' and bytes outside printable
    /// ASCII are written as \xHH; with escape=json a value is a JSON string body (\" \\ \n \r \t
    /// \b \f \uXXXX); with escape=none nothing is escaped. An escape that does not parse stays as
    /// it was logged.
    /// </summary>
    internal static class NginxEscapes
    {
        public static string? Decode(string? text, NginxEscape escape)
        {
            if (text == null || text.IndexOf('\\') < 0)
            {
                return text;
            }

            switch (escape)
            {
                case NginxEscape.Json:
                    return DecodeJson(text);
                case NginxEscape.None:
                    return text;
                default:
                    return DecodeHex(text);
            }
        }

        /// <summary>\xHH escapes are bytes: runs of them (a UTF-8 character) are decoded together.</summary>
        private static string DecodeHex(string text)
        {
            if (text.IndexOf("\\x", System.StringComparison.Ordinal) < 0)
            {
                return text;
            }

            var bytes = new System.Collections.Generic.List<byte>(text.Length);
            var utf8 = Encoding.UTF8;
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] == '\\' && i + 3 < text.Length && text[i + 1] == 'x' && IsHex(text[i + 2]) && IsHex(text[i + 3]))
                {
                    bytes.Add((byte)((Hex(text[i + 2]) << 4) | Hex(text[i + 3])));
                    i += 3;
                    continue;
                }

                int width = char.IsHighSurrogate(text[i]) && i + 1 < text.Length ? 2 : 1;
                bytes.AddRange(utf8.GetBytes(text.Substring(i, width)));
                i += width - 1;
            }

            return utf8.GetString(bytes.ToArray());
        }

        private static string DecodeJson(string text)
        {
            var value = new StringBuilder(text.Length);
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c != '\\' || i + 1 >= text.Length)
                {
                    value.Append(c);
                    continue;
                }

                char next = text[i + 1];
                char? plain = next switch
                {
                    '"' => '"',
                    '\\' => '\\',
                    '/' => '/',
                    'n' => '\n',
                    'r' => '\r',
                    't' => '\t',
                    'b' => '\b',
                    'f' => '\f',
                    _ => null,
                };
                if (plain != null)
                {
                    value.Append(plain.Value);
                    i++;
                }
                else if (next == 'u' && i + 5 < text.Length && ushort.TryParse(text.Substring(i + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ushort code))
                {
                    value.Append((char)code);
                    i += 5;
                }
                else
                {
                    value.Append(c);
                }
            }

            return value.ToString();
        }

        private static bool IsHex(char c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

        private static int Hex(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
    }
}
