using System;
using System.Collections.Generic;

namespace LbTools.Core.Diagnosis
{
    /// <summary>
    /// One incident: the errors with the same status, top cause and upstream, with counts, time
    /// range, top paths, a few sample diagnoses and the next steps — the object a scheduled
    /// script mails out.
    /// </summary>
    public sealed class IncidentSummary
    {
        public int Status { get; internal set; }

        public string? TopCause { get; internal set; }

        public string? Title { get; internal set; }

        public CauseOrigin? Origin { get; internal set; }

        /// <summary>The upstream address, or "*" for the overflow group when too many groups exist.</summary>
        public string? Upstream { get; internal set; }

        public long Count { get; internal set; }

        /// <summary>Count divided by all diagnosed records, 0..1.</summary>
        public double Share { get; internal set; }

        public DateTimeOffset? FirstSeen { get; internal set; }

        public DateTimeOffset? LastSeen { get; internal set; }

        public IReadOnlyList<PathCount> TopPaths { get; internal set; } = Array.Empty<PathCount>();

        /// <summary>Other causes of the first sample that share the top score or follow close behind.</summary>
        public IReadOnlyList<string> AlsoPossible { get; internal set; } = Array.Empty<string>();

        public IReadOnlyList<StatusDiagnosis> Samples { get; internal set; } = Array.Empty<StatusDiagnosis>();

        /// <summary>The top cause's checks followed by the triage steps for its origin.</summary>
        public IReadOnlyList<string> NextSteps { get; internal set; } = Array.Empty<string>();

        /// <summary>The lines of this incident were tied: the evidence supports <see cref="TiedCauses"/> equally; TopCause is only the first of them.</summary>
        public bool IsTied { get; internal set; }

        public IReadOnlyList<string> TiedCauses { get; internal set; } = Array.Empty<string>();

        /// <summary>What would decide a tie (error-log message, probe, log_format variable).</summary>
        public IReadOnlyList<string> DecidedBy { get; internal set; } = Array.Empty<string>();

        /// <summary>The top cause, "tied: A | B", or "(no known cause)".</summary>
        public string Verdict => IsTied ? "tied: " + string.Join(" | ", TiedCauses) : TopCause ?? "(no known cause)";

        public override string ToString() => $"{Count} x {Status} {Verdict} @ {Upstream ?? "-"}";
    }
}
