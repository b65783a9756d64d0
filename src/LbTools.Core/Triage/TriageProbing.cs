using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using LbTools.Core.Common;
using LbTools.Core.Diagnosis;
using LbTools.Core.Diagnosis.Rules;
using LbTools.Core.Probes;
using Microsoft.Extensions.Logging;

namespace LbTools.Core.Triage
{
    /// <summary>
    /// Probes the backends a triage implicates (Test-LbBackend's prober, at most ThrottleLimit at
    /// once) and weighs the results against each incident at that backend: a cause the probes
    /// confirm or rule out is marked on the incident, with the probe as evidence.
    /// </summary>
    public static class TriageProbing
    {
        /// <summary>
        /// Probes <paramref name="backends"/> (normally <see cref="TriageReport.ImplicatedBackends"/>,
        /// after the caller's -WhatIf/-Confirm) and adds one <see cref="BackendProbe"/> per backend to the report.
        /// </summary>
        public static void Run(TriageReport report, IReadOnlyList<string> backends, ProbeOptions options, StatusResolver resolver, IOperationSink sink, CancellationToken cancellationToken, ILogger? logger = null)
        {
            if (report == null || backends == null || options == null || resolver == null || sink == null)
            {
                throw new ArgumentNullException(report == null ? nameof(report) : backends == null ? nameof(backends) : options == null ? nameof(options) : resolver == null ? nameof(resolver) : nameof(sink));
            }

            var targets = new List<BackendTarget>();
            foreach (var backend in backends)
            {
                if (BackendTarget.TryParse(backend, out var target, out var error))
                {
                    targets.Add(target!);
                }
                else
                {
                    sink.ReportError(new LbError("BackendNotProbeable", LbErrorCategory.InvalidArgument, $"Cannot probe '{backend}': {error}", backend));
                }
            }

            var results = new BackendProber(options, sink, logger).ProbeAll(targets, cancellationToken).ToList();
            foreach (var target in targets)
            {
                var mine = results.Where(r => string.Equals(r.Target, target.Original, StringComparison.Ordinal)).ToArray();
                var probe = new BackendProbe(target.Original, mine);
                Weigh(report, probe, resolver);
                report.Probes.Add(probe);
            }
        }

        /// <summary>Marks what the probe results say about the causes of the backend's incidents.</summary>
        internal static void Weigh(TriageReport report, BackendProbe probe, StatusResolver resolver)
        {
            var confirms = new SortedSet<string>(StringComparer.Ordinal);
            var rulesOut = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var incident in report.Incidents.Where(i => string.Equals(i.Backend, probe.Backend, StringComparison.Ordinal)))
            {
                var diagnosis = resolver.ResolveProbes(probe.Results, incident.Status, incident.Provider);
                var ids = new HashSet<string>(incident.Causes.Select(c => c.Id).Concat(incident.AlsoPossible), StringComparer.Ordinal);
                foreach (var match in diagnosis.Causes.Where(m => ids.Contains(m.CauseId)))
                {
                    bool? verdict = match.Score >= ProbeRule.ConfirmedScore ? true : match.Score <= ProbeRule.RuledOutScore ? false : (bool?)null;
                    if (verdict == null)
                    {
                        continue;
                    }

                    (verdict.Value ? confirms : rulesOut).Add(match.CauseId);
                    foreach (var cause in incident.Causes.Where(c => c.Id == match.CauseId))
                    {
                        cause.ProbeVerdict = verdict;
                    }

                    var sentence = match.Evidence.Count > 0 ? string.Join(" ", match.Evidence.Select(e => e.Sentence)) : match.Rationale;
                    incident.Evidence.Add(new IncidentEvidence("probe", match.CauseId, sentence, where: probe.Backend));
                }
            }

            probe.Confirms = confirms.ToArray();
            probe.RulesOut = rulesOut.ToArray();
        }
    }
}
