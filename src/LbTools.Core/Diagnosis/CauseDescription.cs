using System.Collections.Generic;
using System.Globalization;
using LbTools.Core.Logs;

namespace LbTools.Core.Diagnosis
{
    /// <summary>A catalog cause in one language, as Get-LbCause shows it.</summary>
    public sealed class CauseDescription
    {
        public CauseDescription(Cause cause, CultureInfo? culture)
        {
            var text = cause.GetText(culture);
            Id = cause.Id;
            StatusCodes = cause.StatusCodes;
            Providers = cause.Providers;
            Origin = cause.Origin;
            Source = cause.Source;
            Title = text.Title;
            Explanation = text.Explanation;
            Checks = text.Checks;
            Remedy = text.Remedy;
            Language = cause.Texts.ContainsKey((culture ?? CultureInfo.CurrentUICulture).TwoLetterISOLanguageName) ? (culture ?? CultureInfo.CurrentUICulture).TwoLetterISOLanguageName : Cause.DefaultLanguage;
        }

        public string Id { get; }

        public IReadOnlyList<int> StatusCodes { get; }

        public IReadOnlyList<LbProvider> Providers { get; }

        public CauseOrigin Origin { get; }

        public string Title { get; }

        public string Explanation { get; }

        public IReadOnlyList<string> Checks { get; }

        public string Remedy { get; }

        public string Source { get; }

        /// <summary>The language the texts are in (en, ja).</summary>
        public string Language { get; }

        public override string ToString() => $"{Id}: {Title}";
    }
}
