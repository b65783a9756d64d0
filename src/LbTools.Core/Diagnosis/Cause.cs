using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using LbTools.Core.Logs;

namespace LbTools.Core.Diagnosis
{
    /// <summary>One entry of the cause catalog. Its <see cref="Id"/> never changes meaning once shipped.</summary>
    public sealed class Cause
    {
        public const string DefaultLanguage = "en";

        public Cause(string id, IReadOnlyList<int> statusCodes, IReadOnlyList<LbProvider> providers, CauseOrigin origin, string source, IReadOnlyDictionary<string, CauseText> texts)
        {
            Id = id;
            StatusCodes = statusCodes;
            Providers = providers;
            Origin = origin;
            Source = source;
            Texts = texts;
        }

        /// <summary>Stable id of the form &lt;status&gt;.&lt;PascalCaseName&gt;.</summary>
        public string Id { get; }

        public IReadOnlyList<int> StatusCodes { get; }

        public IReadOnlyList<LbProvider> Providers { get; }

        public CauseOrigin Origin { get; }

        /// <summary>The document and section the facts come from.</summary>
        public string Source { get; }

        /// <summary>Texts by two-letter language name ("en", "ja").</summary>
        public IReadOnlyDictionary<string, CauseText> Texts { get; }

        public bool AppliesTo(LbProvider provider) => provider == LbProvider.Unknown || Providers.Contains(provider);

        /// <summary>The text in the culture's language, falling back to English.</summary>
        public CauseText GetText(CultureInfo? culture)
        {
            var language = (culture ?? CultureInfo.CurrentUICulture).TwoLetterISOLanguageName;
            if (Texts.TryGetValue(language, out var text))
            {
                return text;
            }

            return Texts[DefaultLanguage];
        }

        public override string ToString() => Id;
    }
}
