using System;

namespace LbTools.Core.Logs.Sources
{
    /// <summary>Case-insensitive '*' and '?' matching, the subset of PowerShell wildcards the filters need.</summary>
    internal sealed class WildcardMatcher
    {
        public WildcardMatcher(string pattern)
        {
            Pattern = pattern ?? throw new ArgumentNullException(nameof(pattern));
        }

        public string Pattern { get; }

        public bool IsMatch(string text)
        {
            // Iterative matcher with one backtrack point: linear for patterns with several '*'.
            int p = 0, t = 0, star = -1, mark = 0;
            while (t < text.Length)
            {
                if (p < Pattern.Length && (Pattern[p] == '?' || CharEquals(Pattern[p], text[t])))
                {
                    p++;
                    t++;
                }
                else if (p < Pattern.Length && Pattern[p] == '*')
                {
                    star = p++;
                    mark = t;
                }
                else if (star >= 0)
                {
                    p = star + 1;
                    t = ++mark;
                }
                else
                {
                    return false;
                }
            }

            while (p < Pattern.Length && Pattern[p] == '*')
            {
                p++;
            }

            return p == Pattern.Length;
        }

        private static bool CharEquals(char a, char b) => a == b || char.ToUpperInvariant(a) == char.ToUpperInvariant(b);
    }
}
