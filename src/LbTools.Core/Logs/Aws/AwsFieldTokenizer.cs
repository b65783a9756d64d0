using System.Collections.Generic;
using System.Text;

namespace LbTools.Core.Logs.Aws
{
    /// <summary>
    /// Splits an AWS ELB/ALB log line into fields: separated by single spaces, a field that
    /// starts with a double quote runs to the next unescaped quote (\" and \\ are escapes).
    /// </summary>
    internal static class AwsFieldTokenizer
    {
        /// <summary>Returns false when a quoted field never closes.</summary>
        public static bool TryTokenize(string line, List<string> fields)
        {
            fields.Clear();
            int i = 0;
            int n = line.Length;
            while (i < n)
            {
                if (line[i] == ' ')
                {
                    i++;
                    continue;
                }

                if (line[i] == '"')
                {
                    if (!TryReadQuoted(line, ref i, out var value))
                    {
                        return false;
                    }

                    fields.Add(value);
                    continue;
                }

                int end = line.IndexOf(' ', i);
                if (end < 0)
                {
                    end = n;
                }

                fields.Add(line.Substring(i, end - i));
                i = end;
            }

            return true;
        }

        private static bool TryReadQuoted(string line, ref int i, out string value)
        {
            int start = i + 1;
            StringBuilder? unescaped = null;
            int j = start;
            while (j < line.Length)
            {
                char c = line[j];
                if (c == '\\' && j + 1 < line.Length && (line[j + 1] == '"' || line[j + 1] == '\\'))
                {
                    unescaped ??= new StringBuilder();
                    unescaped.Append(line, start, j - start).Append(line[j + 1]);
                    j += 2;
                    start = j;
                    continue;
                }

                if (c == '"')
                {
                    value = unescaped == null
                        ? line.Substring(start, j - start)
                        : unescaped.Append(line, start, j - start).ToString();
                    i = j + 1;
                    return true;
                }

                j++;
            }

            value = string.Empty;
            return false;
        }
    }
}
