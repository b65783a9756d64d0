using System;
using LbTools.Core.Diagnosis.Rules.Expressions;

namespace LbTools.Core.Diagnosis.Rules
{
    /// <summary>
    /// "When <see cref="When"/> holds, add <see cref="CauseId"/> with <see cref="Score"/>" (and, with
    /// <see cref="Stop"/>, skip the rest of the table). The condition and the score are the
    /// definition, evaluated in process and compiled to SQL alike; the rationale and evidence are
    /// presentation, built in process only.
    /// </summary>
    internal sealed class RuleClause
    {
        /// <summary>The cause id made from the record's status ("502.FromBackend"), added only when the catalog lists it.</summary>
        public const string StatusFromBackend = "{status}.FromBackend";

        public RuleClause(BoolExpr when, string causeId, int score, Func<RuleContext, string> rationale, Func<RuleContext, Evidence[]>? evidence, bool stop)
        {
            When = when ?? throw new ArgumentNullException(nameof(when));
            CauseId = causeId ?? throw new ArgumentNullException(nameof(causeId));
            Score = score;
            Rationale = rationale ?? throw new ArgumentNullException(nameof(rationale));
            Evidence = evidence;
            Stop = stop;
        }

        public BoolExpr When { get; }

        /// <summary>A catalog id, or <see cref="StatusFromBackend"/>.</summary>
        public string CauseId { get; }

        public int Score { get; }

        public Func<RuleContext, string> Rationale { get; }

        public Func<RuleContext, Evidence[]>? Evidence { get; }

        /// <summary>After this clause fires, the rest of its table is skipped (the code returned early here).</summary>
        public bool Stop { get; }

        internal void Add(RuleContext context, CandidateSet candidates)
        {
            var evidence = Evidence == null ? Array.Empty<Evidence>() : Evidence(context);
            if (CauseId == StatusFromBackend)
            {
                candidates.AddIfListed(FromBackendId(context.Status), Score, Rationale(context), evidence);
            }
            else
            {
                candidates.Add(CauseId, Score, Rationale(context), evidence);
            }
        }

        internal static string FromBackendId(int status) => status.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".FromBackend";
    }

    /// <summary>What a clause does after it fired.</summary>
    internal enum Then
    {
        /// <summary>Skip the rest of the table.</summary>
        Stop,
    }
}
