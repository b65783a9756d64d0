using System;
using System.Text;

namespace LbTools.Core.Probes.Http
{
    /// <summary>
    /// Checks text that a probe writes into a request head. A CR or LF would end the line it is
    /// in and start a header of the text's choosing (request splitting), and a target can come
    /// from a log line a client wrote; so every such string is checked where it enters Core and
    /// again when the head is built.
    /// </summary>
    internal static class WireText
    {
        /// <summary>The first character that may not appear in <paramref name="text"/> (control characters, and space unless allowed), or null.</summary>
        public static char? FirstForbidden(string text, bool allowSpace)
        {
            foreach (char c in text)
            {
                if (c < 0x20 || c == 0x7F || (!allowSpace && c == ' ') || c > 0x7E)
                {
                    return c;
                }
            }

            return null;
        }

        /// <summary>A description of the character for an error message, never the character itself.</summary>
        public static string Describe(char c) => c switch
        {
            '\r' => "a carriage return (CR)",
            '\n' => "a line feed (LF)",
            ' ' => "a space",
            '\t' => "a tab",
            _ => $"the character U+{(int)c:X4}",
        };

        /// <summary>The text with control characters shown as \r, \n, \xHH, for messages.</summary>
        public static string Printable(string text)
        {
            var sb = new StringBuilder(text.Length);
            foreach (char c in text)
            {
                sb.Append(c switch
                {
                    '\r' => "\\r",
                    '\n' => "\\n",
                    _ when c < 0x20 || c == 0x7F => $"\\x{(int)c:X2}",
                    _ => c.ToString(),
                });
            }

            return sb.ToString();
        }

        /// <summary>Throws ArgumentException naming <paramref name="what"/> when the text may not go on the wire.</summary>
        public static void Check(string? text, string what, bool allowSpace, string parameterName)
        {
            if (text == null)
            {
                return;
            }

            if (FirstForbidden(text, allowSpace) is char bad)
            {
                string why = bad > 0x7E ? "a request head is ASCII (percent-encode a path, use the punycode form of a name)" : "it could end the line and add a header";
                throw new ArgumentException($"The {what} '{Printable(text)}' holds {Describe(bad)}, which cannot be sent in a request head: {why}.", parameterName);
            }
        }
    }
}
