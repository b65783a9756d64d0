using System.Collections.Generic;

namespace LbTools.Core.Diagnosis.Rules
{
    /// <summary>A cause under consideration: its score, the facts behind it and why.</summary>
    public sealed class Candidate
    {
        internal Candidate(string causeId, int score, string rationale, IEnumerable<Evidence> evidence)
        {
            CauseId = causeId;
            Score = score;
            Rationale = rationale;
            Evidence.AddRange(evidence);
        }

        public string CauseId { get; }

        public int Score { get; internal set; }

        public string Rationale { get; internal set; }

        public List<Evidence> Evidence { get; } = new List<Evidence>();
    }
}
