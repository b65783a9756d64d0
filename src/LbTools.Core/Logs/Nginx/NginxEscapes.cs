using System.Text;

namespace LbTools.Core.Logs.Nginx
{
    /// <summary>Undoes nginx's default log escaping: '"', '\' and bytes outside printable ASCII are written as \xHH.</summary>
    internal static class NginxEscapes
    {
        public static string? Decode(string? text)
        {
            if (text == null || text.IndexOf("\\x", System.StringComparison.Ordinal) < 0)
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

        private static bool IsHex(char c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

        private static int Hex(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
    }
}
