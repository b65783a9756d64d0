using System.Collections.Generic;
using System.Linq;
using LbTools.Core.Probes;

namespace LbTools.Core.Diagnosis.Rules
{
    /// <summary>
    /// Probe results confirm (score 95) or rule out (score 5) causes. A confirmed cause is only
    /// added when the catalog lists it for the status being diagnosed, or for the status of an
    /// earlier failed attempt at the probed address (a 200 whose "502, 200" retry hid a refused
    /// server: the probe of that server names why the hidden attempt failed).
    /// </summary>
    internal sealed class ProbeRule : IDiagnosisRule
    {
        public const int ConfirmedScore = 95;
        public const int RuledOutScore = 5;
        private readonly CauseCatalog _catalog;

        public ProbeRule(CauseCatalog catalog)
        {
            _catalog = catalog;
        }

        public void Apply(RuleContext context, CandidateSet candidates)
        {
            foreach (var probe in context.Probes)
            {
                string measured = $"{probe.Probe} {probe.Outcome}" + (probe.FailureReason == ProbeFailureReason.None ? string.Empty : $" ({probe.FailureReason})");
                var evidence = new Evidence($"probe {probe.Probe} {probe.Target}", measured, null, string.IsNullOrEmpty(probe.Message) ? $"The {probe.Probe} probe of {probe.Target}: {measured}." : probe.Message);
                var statuses = StatusesFor(probe, context);
                foreach (var id in ProbeCauseMap.Supports(probe))
                {
                    var cause = _catalog.Find(id);
                    if (cause != null && cause.StatusCodes.Any(statuses.Contains) && cause.AppliesTo(context.Provider) && FitsWhoAnswered(id, context))
                    {
                        candidates.Add(id, ConfirmedScore, $"Confirmed by a probe: {measured}.", evidence);
                    }
                }

                foreach (var id in ProbeCauseMap.RulesOut(probe))
                {
                    candidates.Lower(id, RuledOutScore, $"Ruled out by a probe: {measured}.", evidence);
                }
            }
        }

        /// <summary>The record's status, plus the status of each failed earlier attempt at the probe's address.</summary>
        private static HashSet<int> StatusesFor(ProbeResult probe, RuleContext context)
        {
            var statuses = new HashSet<int> { context.Status };
            var attempts = context.Record.UpstreamStatuses;
            var addresses = context.Record.UpstreamAddresses;
            for (int i = 0; i < attempts.Count - 1 && i < addresses.Count; i++)
            {
                if (attempts[i] is int failed && failed >= 500 && ProbeCauseMap.Matches(probe, new[] { addresses[i] }))
                {
                    statuses.Add(failed);
                }
            }

            return statuses;
        }

        /// <summary>
        /// "This port expects TLS" names whoever got the plain HTTP (the two causes of the catalog): the backend
        /// when it answered the 400 itself and the balancer relayed it (400.BackendExpectsHttps), the
        /// balancer's own listener when it answered 400 without a backend (400.HttpToHttpsPort).
        /// A probe-only diagnosis has no record to tell, so both stay.
        /// </summary>
        private static bool FitsWhoAnswered(string id, RuleContext context)
        {
            if (!context.FromLog)
            {
                return true;
            }

            return id switch
            {
                "400.BackendExpectsHttps" => context.BackendAnswered,
                "400.HttpToHttpsPort" => !context.BackendAnswered,
                _ => true,
            };
        }
    }
}
