using System;
using System.Collections.Generic;

namespace LbTools.Core.Diagnosis
{
    /// <summary>The human-readable part of a cause in one language.</summary>
    public sealed class CauseText
    {
        public CauseText(string title, string explanation, IReadOnlyList<string> checks, string remedy)
        {
            Title = title;
            Explanation = explanation;
            Checks = checks ?? Array.Empty<string>();
            Remedy = remedy;
        }

        public string Title { get; }

        public string Explanation { get; }

        /// <summary>Concrete next steps: a field to read, a command to run.</summary>
        public IReadOnlyList<string> Checks { get; }

        public string Remedy { get; }
    }
}
