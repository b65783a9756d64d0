using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using LbTools.Core.Diagnosis.Rules.Expressions;

namespace LbTools.Core.Diagnosis.Rules
{
    /// <summary>
    /// An ordered table of clauses, read like data: the table applies when <see cref="AppliesWhen"/>
    /// holds, then every clause whose condition holds adds its cause (a cause keeps its highest
    /// score, <see cref="CandidateSet"/>), until a clause marked Stop fired. In process the table is
    /// an <see cref="IDiagnosisRule"/>; the SQL compiler reads the same clauses.
    /// </summary>
    internal sealed class RuleTable : IDiagnosisRule, IEnumerable<RuleClause>
    {
        private readonly List<RuleClause> _clauses = new List<RuleClause>();

        // The status each clause requires (status = N in its AND chain), read once: a record skips the
        // clauses of other statuses without evaluating them (the hot path diagnoses every error).
        private int?[]? _requiredStatus;

        public RuleTable(string name, BoolExpr appliesWhen)
        {
            Name = name;
            AppliesWhen = appliesWhen;
        }

        public string Name { get; }

        public BoolExpr AppliesWhen { get; }

        public IReadOnlyList<RuleClause> Clauses => _clauses;

        public void Add(BoolExpr when, string causeId, int score, string rationale) => Add(when, causeId, score, rationale, (Func<RuleContext, Evidence[]>?)null);

        public void Add(BoolExpr when, string causeId, int score, string rationale, Then then) => Add(when, causeId, score, _ => rationale, null, then);

        public void Add(BoolExpr when, string causeId, int score, string rationale, Func<RuleContext, Evidence[]>? evidence) => Add(when, causeId, score, _ => rationale, evidence);

        public void Add(BoolExpr when, string causeId, int score, string rationale, Func<RuleContext, Evidence[]>? evidence, Then then) => Add(when, causeId, score, _ => rationale, evidence, then);

        public void Add(BoolExpr when, string causeId, int score, Func<RuleContext, string> rationale, Func<RuleContext, Evidence[]>? evidence) =>
            _clauses.Add(new RuleClause(when, causeId, score, rationale, evidence, stop: false));

        public void Add(BoolExpr when, string causeId, int score, Func<RuleContext, string> rationale, Func<RuleContext, Evidence[]>? evidence, Then then) =>
            _clauses.Add(new RuleClause(when, causeId, score, rationale, evidence, stop: then == Then.Stop));

        public void Apply(RuleContext context, CandidateSet candidates)
        {
            if (!AppliesWhen.Holds(context))
            {
                return;
            }

            var required = _requiredStatus ??= _clauses.Select(c => c.When.RequiredStatus()).ToArray();
            int status = context.Status;
            for (int i = 0; i < _clauses.Count; i++)
            {
                var clause = _clauses[i];
                if (required[i] is int needed && needed != status)
                {
                    continue;
                }

                if (clause.When.Holds(context))
                {
                    clause.Add(context, candidates);
                    if (clause.Stop)
                    {
                        return;
                    }
                }
            }
        }

        /// <summary>Every cause id the table can add ("{status}.FromBackend" expanded to the catalog's ids of that form).</summary>
        public IEnumerable<string> CauseIds(CauseCatalog catalog) =>
            _clauses.SelectMany(c => c.CauseId == RuleClause.StatusFromBackend ? FromBackendIds(catalog) : new[] { c.CauseId }).Distinct(StringComparer.Ordinal);

        /// <summary>The catalog's "{status}.FromBackend" ids with the status they are made from.</summary>
        internal static IEnumerable<string> FromBackendIds(CauseCatalog catalog) =>
            catalog.Causes.Select(c => c.Id).Where(id => FromBackendStatus(id) != null);

        internal static int? FromBackendStatus(string id)
        {
            const string Suffix = ".FromBackend";
            if (!id.EndsWith(Suffix, StringComparison.Ordinal))
            {
                return null;
            }

            string prefix = id.Substring(0, id.Length - Suffix.Length);
            return int.TryParse(prefix, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int status) && RuleClause.FromBackendId(status) == id ? status : (int?)null;
        }

        public IEnumerator<RuleClause> GetEnumerator() => _clauses.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
