using System.Collections.Generic;

namespace LbTools.Core.Diagnosis
{
    /// <summary>A cause that fits the evidence, with its score and the reasons for it.</summary>
    public sealed class CauseMatch
    {
        public CauseMatch(Cause cause, CauseText text, int score, IReadOnlyList<Evidence> evidence, string rationale)
        {
            Cause = cause;
            Score = score;
            Evidence = evidence;
            Rationale = rationale;
            Title = text.Title;
            Explanation = text.Explanation;
            Checks = text.Checks;
            Remedy = text.Remedy;
        }

        public string CauseId => Cause.Id;

        public CauseOrigin Origin => Cause.Origin;

        /// <summary>0..100; higher fits the evidence better. Causes with equal scores cannot be told apart by it.</summary>
        public int Score { get; }

        public string Title { get; }

        public string Explanation { get; }

        public IReadOnlyList<string> Checks { get; }

        public string Remedy { get; }

        public string Source => Cause.Source;

        public IReadOnlyList<Evidence> Evidence { get; }

        /// <summary>Why this score: which rules fired.</summary>
        public string Rationale { get; }

        public Cause Cause { get; }

        public override string ToString() => $"{CauseId} ({Score})";
    }
}
