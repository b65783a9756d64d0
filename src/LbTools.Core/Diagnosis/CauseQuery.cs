using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using LbTools.Core.Logs;

namespace LbTools.Core.Diagnosis
{
    /// <summary>Browses a catalog by status code, provider, id (with * and ? wildcards) and keyword (any language).</summary>
    public sealed class CauseQuery
    {
        public IReadOnlyList<int> StatusCodes { get; set; } = Array.Empty<int>();

        public LbProvider Provider { get; set; } = LbProvider.Unknown;

        public IReadOnlyList<string> Ids { get; set; } = Array.Empty<string>();

        public string? Keyword { get; set; }

        public IEnumerable<CauseDescription> Run(CauseCatalog catalog, CultureInfo? culture)
        {
            var idPatterns = Ids.Select(Wildcard).ToArray();
            return catalog.Causes
                .Where(c => StatusCodes.Count == 0 || c.StatusCodes.Any(StatusCodes.Contains))
                .Where(c => c.AppliesTo(Provider))
                .Where(c => idPatterns.Length == 0 || idPatterns.Any(p => p.IsMatch(c.Id)))
                .Where(c => string.IsNullOrWhiteSpace(Keyword) || MentionsKeyword(c, Keyword!))
                .OrderBy(c => c.Id, StringComparer.Ordinal)
                .Select(c => new CauseDescription(c, culture));
        }

        private static bool MentionsKeyword(Cause cause, string keyword)
        {
            bool Has(string? s) => s != null && s.IndexOf(keyword, StringComparison.OrdinalIgnoreCase) >= 0;
            return Has(cause.Id) || Has(cause.Source) || cause.Texts.Values.Any(t => Has(t.Title) || Has(t.Explanation) || Has(t.Remedy) || t.Checks.Any(Has));
        }

        private static Regex Wildcard(string pattern) =>
            new Regex("^" + Regex.Escape(pattern).Replace(@"\*", ".*").Replace(@"\?", ".") + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }
}
