using System;
using System.Collections.Generic;
using LbTools.Core.Diagnosis;

namespace LbTools.Core.Triage
{
    /// <summary>
    /// What makes two errors the same incident: status x cause x backend, counted per timeline
    /// interval. <see cref="Cause"/> is the cause id, or the ids of a tie joined by '|' in
    /// ordinal order ("502.A|502.B": the evidence cannot separate them), or null when no evidence
    /// supports any cause. <see cref="Backend"/> is the upstream address, null when no backend was
    /// chosen, "*" for the overflow group once <see cref="TriageOptions.MaxIncidents"/> exist.
    /// The same grouping in SQL: GROUP BY status, cause, backend, floor(epoch / interval).
    /// </summary>
    public readonly struct IncidentKey : IEquatable<IncidentKey>
    {
        public IncidentKey(int status, string? cause, string? backend)
        {
            Status = status;
            Cause = cause;
            Backend = backend;
        }

        public int Status { get; }

        public string? Cause { get; }

        public string? Backend { get; }

        public bool Equals(IncidentKey other) => Status == other.Status && string.Equals(Cause, other.Cause, StringComparison.Ordinal) && string.Equals(Backend, other.Backend, StringComparison.Ordinal);

        public override bool Equals(object? obj) => obj is IncidentKey other && Equals(other);

        public override int GetHashCode()
        {
            unchecked
            {
                int hash = Status;
                hash = (hash * 397) ^ (Cause == null ? 0 : StringComparer.Ordinal.GetHashCode(Cause));
                return (hash * 397) ^ (Backend == null ? 0 : StringComparer.Ordinal.GetHashCode(Backend));
            }
        }

        public override string ToString() => $"{Status} {Cause ?? "-"} @ {Backend ?? "-"}";
    }

    /// <summary>One cause in an incident's cause slot (one of several when they tie).</summary>
    public sealed class IncidentCause
    {
        internal IncidentCause(CauseMatch match)
        {
            Id = match.CauseId;
            Title = match.Title;
            Origin = match.Origin;
            Score = match.Score;
            Explanation = match.Explanation;
            Checks = match.Checks;
            Remedy = match.Remedy;
            Source = match.Source;
        }

        public string Id { get; }

        public string Title { get; }

        public CauseOrigin Origin { get; }

        /// <summary>0..100 as Resolve-LbStatus scores it; tied causes share it.</summary>
        public int Score { get; }

        public string Explanation { get; }

        /// <summary>What to check for this cause in particular (the generic checklist is on the report, once).</summary>
        public IReadOnlyList<string> Checks { get; }

        public string Remedy { get; }

        /// <summary>The public document the cause comes from (title and URL).</summary>
        public string Source { get; }

        /// <summary>Confirmed (true) or ruled out (false) by a probe of the backend; null when not probed or undecided.</summary>
        public bool? ProbeVerdict { get; internal set; }

        public override string ToString() => $"{Id} ({Score})";
    }

    /// <summary>
    /// One fact behind an incident. An open list: the access log gives "log" evidence, probes
    /// give "probe" evidence, and other providers (<see cref="IIncidentEvidenceProvider"/>, such
    /// as the nginx error log) add their own kinds.
    /// </summary>
    public sealed class IncidentEvidence
    {
        public IncidentEvidence(string kind, string? causeId, string sentence, string? field = null, string? value = null, string? threshold = null, string? where = null)
        {
            Kind = kind ?? throw new ArgumentNullException(nameof(kind));
            CauseId = causeId;
            Sentence = sentence ?? throw new ArgumentNullException(nameof(sentence));
            Field = field;
            Value = value;
            Threshold = threshold;
            Where = where;
        }

        /// <summary>"log", "probe", or the kind another provider names.</summary>
        public string Kind { get; }

        /// <summary>The cause it supports or weakens; null when it concerns the incident as a whole.</summary>
        public string? CauseId { get; }

        public string Sentence { get; }

        public string? Field { get; }

        public string? Value { get; }

        public string? Threshold { get; }

        /// <summary>Where it was seen: file:line of a log, a probe target.</summary>
        public string? Where { get; }

        public override string ToString() => Sentence;
    }

    /// <summary>A log line an incident keeps as an example.</summary>
    public sealed class IncidentSample
    {
        public IncidentSample(string? file, long line, DateTimeOffset? time, int status, int? upstreamStatus, string? method, string? path, string? backend, double? requestTime)
        {
            File = file;
            Line = line;
            Time = time;
            Status = status;
            UpstreamStatus = upstreamStatus;
            Method = method;
            Path = path;
            Backend = backend;
            RequestTime = requestTime;
        }

        public string? File { get; }

        public long Line { get; }

        public DateTimeOffset? Time { get; }

        public int Status { get; }

        public int? UpstreamStatus { get; }

        public string? Method { get; }

        public string? Path { get; }

        public string? Backend { get; }

        public double? RequestTime { get; }

        /// <summary>"file:line".</summary>
        public string Location => $"{File}:{Line}";

        public override string ToString() => $"{Location} {Status} {Method} {Path}";
    }

    /// <summary>Errors with the same status, cause (or tie of causes) and backend, over the triage window.</summary>
    public sealed class TriageIncident
    {
        internal TriageIncident(IncidentKey key)
        {
            Key = key;
        }

        public IncidentKey Key { get; }

        public int Status => Key.Status;

        /// <summary>The cause id, a tie "A|B", or null (see <see cref="IncidentKey"/>).</summary>
        public string? Cause => Key.Cause;

        public string? Backend => Key.Backend;

        /// <summary>The balancer type of the first record (the same status means different things per provider).</summary>
        public LbTools.Core.Logs.LbProvider Provider { get; internal set; }

        /// <summary>The cause slot: one cause, several when the evidence ties them, none when nothing supports any.</summary>
        public IReadOnlyList<IncidentCause> Causes { get; internal set; } = Array.Empty<IncidentCause>();

        /// <summary>True when the evidence cannot separate two or more causes.</summary>
        public bool IsTie => Causes.Count > 1;

        /// <summary>The first cause's title, or the tied titles joined.</summary>
        public string? Title { get; internal set; }

        public long Count { get; internal set; }

        /// <summary>Count divided by the requests in the window, 0..1.</summary>
        public double Share { get; internal set; }

        /// <summary>Count divided by the diagnosed errors in the window, 0..1.</summary>
        public double ErrorShare { get; internal set; }

        public DateTimeOffset? FirstSeen { get; internal set; }

        public DateTimeOffset? LastSeen { get; internal set; }

        /// <summary>Count per timeline interval, aligned with <see cref="TriageReport.Timeline"/>.</summary>
        public IReadOnlyList<long> CountsByInterval { get; internal set; } = Array.Empty<long>();

        public IReadOnlyList<PathCount> TopPaths { get; internal set; } = Array.Empty<PathCount>();

        public IReadOnlyList<IncidentSample> Samples { get; internal set; } = Array.Empty<IncidentSample>();

        /// <summary>Why: the evidence of the first sample for each cause, then what probes and other providers added.</summary>
        public IList<IncidentEvidence> Evidence { get; } = new List<IncidentEvidence>();

        /// <summary>Causes with a lower score that the evidence also supports.</summary>
        public IReadOnlyList<string> AlsoPossible { get; internal set; } = Array.Empty<string>();

        public override string ToString() => $"{Count} x {Status} {Cause ?? "(no known cause)"} @ {Backend ?? "-"}";
    }
}
