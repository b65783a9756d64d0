using System;

namespace LbTools.Core.Logs.Aws
{
    /// <summary>
    /// Finds the fields of an AWS ELB/ALB line in its UTF-8 bytes without copying: separated by
    /// spaces; a field that starts with a double quote runs to the next unescaped quote (\" and
    /// \\ are escapes). Each field is three ints: start, length, and 1 when it holds escapes.
    /// </summary>
    internal static class AwsFieldSpans
    {
        public const int Stride = 3;

        /// <summary>Returns false when a quoted field never closes.</summary>
        public static bool TryFind(ReadOnlySpan<byte> line, ref int[] spans, out int count)
        {
            count = 0;
            int i = 0;
            int n = line.Length;
            while (i < n)
            {
                if (line[i] == (byte)' ')
                {
                    i++;
                    continue;
                }

                if ((count + 1) * Stride > spans.Length)
                {
                    Array.Resize(ref spans, spans.Length * 2);
                }

                int at = count * Stride;
                if (line[i] == (byte)'"')
                {
                    int start = i + 1;
                    int j = start;
                    int escaped = 0;
                    while (true)
                    {
                        int k = j < n ? line.Slice(j).IndexOfAny((byte)'"', (byte)'\\') : -1;
                        if (k < 0)
                        {
                            return false;
                        }

                        int pos = j + k;
                        if (line[pos] == (byte)'\\')
                        {
                            if (pos + 1 < n && (line[pos + 1] == (byte)'"' || line[pos + 1] == (byte)'\\'))
                            {
                                escaped = 1;
                                j = pos + 2;
                            }
                            else
                            {
                                j = pos + 1;
                            }

                            continue;
                        }

                        spans[at] = start;
                        spans[at + 1] = pos - start;
                        spans[at + 2] = escaped;
                        count++;
                        i = pos + 1;
                        break;
                    }

                    continue;
                }

                int end = line.Slice(i).IndexOf((byte)' ');
                int length = end < 0 ? n - i : end;
                spans[at] = i;
                spans[at + 1] = length;
                spans[at + 2] = 0;
                count++;
                i += length;
            }

            return true;
        }

        /// <summary>The field as text, with \" and \\ undone when the field holds escapes.</summary>
        public static string Text(ReadOnlySpan<byte> raw, bool escaped)
        {
            if (raw.Length == 1 && raw[0] == (byte)'-')
            {
                return "-";
            }

            var text = Utf8Fields.Decode(raw);
            if (!escaped)
            {
                return text;
            }

            var builder = new System.Text.StringBuilder(text.Length);
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] == '\\' && i + 1 < text.Length && (text[i + 1] == '"' || text[i + 1] == '\\'))
                {
                    i++;
                }

                builder.Append(text[i]);
            }

            return builder.ToString();
        }
    }
}
