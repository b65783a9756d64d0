using System.Linq;

namespace LbTools.Core.Diagnosis.Rules
{
    /// <summary>
    /// Probe results confirm (score 95) or rule out (score 5) causes. A confirmed cause is only
    /// added when the catalog lists it for the status being diagnosed.
    /// </summary>
    public sealed class ProbeRule : IDiagnosisRule
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
                string measured = $"{probe.Probe} {probe.Outcome}" + (probe.FailureReason == Probes.ProbeFailureReason.None ? string.Empty : $" ({probe.FailureReason})");
                var evidence = new Evidence($"probe {probe.Probe} {probe.Target}", measured, null, string.IsNullOrEmpty(probe.Message) ? $"Test-LbBackend -Probe {probe.Probe} on {probe.Target}: {measured}." : probe.Message);
                foreach (var id in ProbeCauseMap.Supports(probe))
                {
                    var cause = _catalog.Find(id);
                    if (cause != null && cause.StatusCodes.Contains(context.Status) && cause.AppliesTo(context.Provider))
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
    }
}
