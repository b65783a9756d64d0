using System;
using System.Collections.Generic;
using System.Linq;

namespace LbTools.Core.Diagnosis.Rules
{
    /// <summary>
    /// The causes rules proposed for one record. A higher score replaces a lower one (with its
    /// rationale); evidence of both is kept.
    /// </summary>
    public sealed class CandidateSet
    {
        private readonly Dictionary<string, Candidate> _byId = new Dictionary<string, Candidate>(StringComparer.OrdinalIgnoreCase);

        public IEnumerable<Candidate> All => _byId.Values;

        /// <summary>The catalog the resolver diagnoses with; ids built from a status are checked against it.</summary>
        internal CauseCatalog? Catalog { get; set; }

        public int Count => _byId.Count;

        public bool Contains(string causeId) => _byId.ContainsKey(causeId);

        public Candidate? Find(string causeId) => _byId.TryGetValue(causeId, out var c) ? c : null;

        /// <summary>
        /// For an id made from the status ("{status}.FromBackend"): added only when the catalog has a
        /// cause for that status. Any other id must be in the catalog (the resolver fails otherwise).
        /// </summary>
        internal void AddIfListed(string causeId, int score, string rationale, params Evidence[] evidence)
        {
            if (Catalog == null || Catalog.Find(causeId) != null)
            {
                Add(causeId, score, rationale, evidence);
            }
        }

        public void Add(string causeId, int score, string rationale, params Evidence[] evidence)
        {
            if (_byId.TryGetValue(causeId, out var existing))
            {
                foreach (var e in evidence.Where(e => !existing.Evidence.Any(x => x.Field == e.Field && x.Sentence == e.Sentence)))
                {
                    existing.Evidence.Add(e);
                }

                if (score > existing.Score)
                {
                    existing.Score = score;
                    existing.Rationale = rationale;
                }

                return;
            }

            _byId[causeId] = new Candidate(causeId, score, rationale, evidence);
        }

        /// <summary>Lowers a candidate to at most <paramref name="score"/>, saying why.</summary>
        public void Lower(string causeId, int score, string rationale, Evidence evidence)
        {
            if (_byId.TryGetValue(causeId, out var existing) && existing.Score > score)
            {
                existing.Score = score;
                existing.Rationale = rationale;
                existing.Evidence.Add(evidence);
            }
        }
    }
}
