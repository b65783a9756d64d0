using System.Collections.Generic;
using System.Threading;

namespace LbTools.Core.Triage
{
    /// <summary>
    /// A source of evidence beyond the access log (an nginx error log, a probe, a ticket system),
    /// asked once per incident after the logs are read. What it returns is appended to the
    /// incident's <see cref="TriageIncident.Evidence"/>; it must not change the incident's key.
    /// </summary>
    public interface IIncidentEvidenceProvider
    {
        /// <summary>Names the source in reports ("nginx error log /var/log/nginx/error.log").</summary>
        string Name { get; }

        /// <summary>Evidence for the incident (its status, causes, backend and time range), or none.</summary>
        IEnumerable<IncidentEvidence> EvidenceFor(TriageIncident incident, CancellationToken cancellationToken);
    }
}
