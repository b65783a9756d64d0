using System;
using System.Collections.Generic;
using System.Globalization;
using LbTools.Core.Diagnosis;
using LbTools.Core.Logs;
using LbTools.Core.Logs.ErrorLog;
using LbTools.Core.Probes;

namespace LbTools.Core.Triage
{
    /// <summary>The one object Invoke-LbTriage returns: accounting, timeline, incidents, backends, probes and a verdict.</summary>
    public sealed class TriageReport
    {
        /// <summary>Start of the window asked for (inclusive); null when open.</summary>
        public DateTimeOffset? Since { get; internal set; }

        /// <summary>End of the window asked for (inclusive); null when open.</summary>
        public DateTimeOffset? Until { get; internal set; }

        /// <summary>The oldest and newest record time counted.</summary>
        public DateTimeOffset? FirstRecord { get; internal set; }

        public DateTimeOffset? LastRecord { get; internal set; }

        /// <summary>Width of one timeline interval.</summary>
        public TimeSpan Interval { get; internal set; }

        public CultureInfo Culture { get; internal set; } = CultureInfo.InvariantCulture;

        public TriageTotals Totals { get; internal set; } = new TriageTotals();

        /// <summary>Every interval from the first to the last record (or the window), empty ones included.</summary>
        public IReadOnlyList<TimelineInterval> Timeline { get; internal set; } = Array.Empty<TimelineInterval>();

        /// <summary>Intervals where the 5xx rate jumped against the intervals before them.</summary>
        public IReadOnlyList<TimelineJump> Jumps { get; internal set; } = Array.Empty<TimelineJump>();

        /// <summary>Largest first.</summary>
        public IReadOnlyList<TriageIncident> Incidents { get; internal set; } = Array.Empty<TriageIncident>();

        /// <summary>Most 5xx first.</summary>
        public IReadOnlyList<TriageBackend> Backends { get; internal set; } = Array.Empty<TriageBackend>();

        /// <summary>The general checklist for the origins of the incidents, once for the whole report.</summary>
        public IReadOnlyList<TriageStep> Checklist { get; internal set; } = Array.Empty<TriageStep>();

        /// <summary>With -Probe: one entry per implicated backend.</summary>
        public IList<BackendProbe> Probes { get; } = new List<BackendProbe>();

        public TriageVerdict Verdict { get; internal set; } = new TriageVerdict();

        /// <summary>Set when the report was read from a query result rather than from log lines (null otherwise).</summary>
        public TriageQueryResult? QueryResult { get; internal set; }

        /// <summary>What the nginx error logs gave, when some were read (null otherwise).</summary>
        public TriageErrorLog? ErrorLog { get; internal set; }

        /// <summary>The backends incidents with a 5xx status point at, which a probe can reach (address:port).</summary>
        public IReadOnlyList<string> ImplicatedBackends { get; internal set; } = Array.Empty<string>();

        public override string ToString() => $"{Totals.Requests} requests, {Totals.ServerErrors} 5xx, {Incidents.Count} incident(s): {Verdict}";
    }

    /// <summary>Every line accounted for, and the request counts of the window.</summary>
    public sealed class TriageTotals
    {
        public long LinesRead { get; internal set; }

        public long Parsed { get; internal set; }

        public long Rejected { get; internal set; }

        public long Skipped { get; internal set; }

        /// <summary>Parsed lines outside the window.</summary>
        public long OutsideWindow { get; internal set; }

        public IReadOnlyDictionary<LineRejection, long> RejectedByReason { get; internal set; } = new Dictionary<LineRejection, long>();

        public IReadOnlyList<LogFileStatistics> Files { get; internal set; } = Array.Empty<LogFileStatistics>();

        public long BytesRead { get; internal set; }

        /// <summary>Requests in the window (parsed lines minus those outside it).</summary>
        public long Requests { get; internal set; }

        public long ClientErrors { get; internal set; }

        public long ServerErrors { get; internal set; }

        /// <summary>Errors diagnosed into incidents (4xx, 5xx, 000 and successes that hid failed attempts).</summary>
        public long Diagnosed { get; internal set; }

        /// <summary>Records with no time (they count, but sit on no interval).</summary>
        public long Undated { get; internal set; }

        /// <summary>Lines counted from their fields alone (the fast path) rather than built into records.</summary>
        public long CountedFromFields { get; internal set; }

        public double ServerErrorPercent => Requests == 0 ? 0 : 100.0 * ServerErrors / Requests;

        public override string ToString() => $"{LinesRead} read: {Parsed} parsed, {Rejected} rejected, {Skipped} skipped; {Requests} in window";
    }

    /// <summary>One timeline interval: requests per status class and latency percentiles.</summary>
    public sealed class TimelineInterval
    {
        internal TimelineInterval(DateTimeOffset start, TimeSpan width, long[] classes, LatencyPercentiles requestTime, LatencyPercentiles upstreamTime)
        {
            Start = start;
            End = start + width;
            Status1xx = classes[1];
            Status2xx = classes[2];
            Status3xx = classes[3];
            Status4xx = classes[4];
            Status5xx = classes[5];
            Other = classes[0];
            RequestTime = requestTime;
            UpstreamTime = upstreamTime;
        }

        public DateTimeOffset Start { get; }

        /// <summary>Exclusive.</summary>
        public DateTimeOffset End { get; }

        public long Requests => Status1xx + Status2xx + Status3xx + Status4xx + Status5xx + Other;

        public long Status1xx { get; }

        public long Status2xx { get; }

        public long Status3xx { get; }

        public long Status4xx { get; }

        public long Status5xx { get; }

        /// <summary>Status 000 (no answer sent) and codes outside 100-599.</summary>
        public long Other { get; }

        /// <summary>Status5xx / Requests, 0..1.</summary>
        public double ServerErrorRate => Requests == 0 ? 0 : (double)Status5xx / Requests;

        public LatencyPercentiles RequestTime { get; }

        public LatencyPercentiles UpstreamTime { get; }

        /// <summary>True when the 5xx rate jumped here (see <see cref="TriageReport.Jumps"/>).</summary>
        public bool Jump { get; internal set; }

        public override string ToString() => $"{Start:u} {Requests} requests, {Status5xx} 5xx";
    }

    /// <summary>An interval whose 5xx rate jumped above the intervals before it.</summary>
    public sealed class TimelineJump
    {
        internal TimelineJump(DateTimeOffset start, double baselineRate, double rate, long serverErrors)
        {
            Start = start;
            BaselineRate = baselineRate;
            Rate = rate;
            ServerErrors = serverErrors;
        }

        public DateTimeOffset Start { get; }

        /// <summary>The median 5xx rate of the (up to 12) non-empty intervals before, 0..1.</summary>
        public double BaselineRate { get; }

        public double Rate { get; }

        public long ServerErrors { get; }

        public override string ToString() => $"{Start:u}: 5xx {BaselineRate:P1} -> {Rate:P1}";
    }

    /// <summary>One backend address: its requests, error share, latencies and the incidents that implicate it.</summary>
    public sealed class TriageBackend
    {
        internal TriageBackend(string? address)
        {
            Address = address;
        }

        /// <summary>ip:port; null for requests no backend was chosen for; "*" for addresses past MaxBackends.</summary>
        public string? Address { get; }

        public long Requests { get; internal set; }

        public long ClientErrors { get; internal set; }

        public long ServerErrors { get; internal set; }

        /// <summary>ServerErrors / Requests, 0..1.</summary>
        public double ServerErrorShare => Requests == 0 ? 0 : (double)ServerErrors / Requests;

        /// <summary>Whole request time as the balancer logged it.</summary>
        public LatencyPercentiles RequestTime { get; internal set; } = new LatencyPercentiles(0, null, null, null, null);

        /// <summary>The backend's own time (ALB target_processing_time, nginx $upstream_response_time).</summary>
        public LatencyPercentiles UpstreamTime { get; internal set; } = new LatencyPercentiles(0, null, null, null, null);

        /// <summary>Keys of the incidents at this backend, largest first.</summary>
        public IReadOnlyList<IncidentKey> Incidents { get; internal set; } = Array.Empty<IncidentKey>();

        public override string ToString() => $"{Address ?? "(no backend)"}: {ServerErrors}/{Requests} 5xx";
    }

    /// <summary>The probes of one implicated backend and what they say about its incidents' causes.</summary>
    public sealed class BackendProbe
    {
        public BackendProbe(string backend, IReadOnlyList<ProbeResult> results)
        {
            Backend = backend;
            Results = results;
        }

        public string Backend { get; }

        public IReadOnlyList<ProbeResult> Results { get; }

        /// <summary>Cause ids of this backend's incidents that the probes confirm.</summary>
        public IReadOnlyList<string> Confirms { get; internal set; } = Array.Empty<string>();

        /// <summary>Cause ids of this backend's incidents that the probes rule out.</summary>
        public IReadOnlyList<string> RulesOut { get; internal set; } = Array.Empty<string>();

        public override string ToString() => $"{Backend}: confirms {string.Join(",", Confirms)}; rules out {string.Join(",", RulesOut)}";
    }

    /// <summary>How the window went, in one word a script can switch on.</summary>
    public enum TriageOutcome
    {
        /// <summary>No request in the window.</summary>
        NoRequests,

        /// <summary>No incident at all.</summary>
        Clean,

        /// <summary>Incidents, but the 5xx share is at or below the threshold (or no threshold was given).</summary>
        BelowThreshold,

        /// <summary>The 5xx share is above the threshold.</summary>
        ThresholdCrossed,
    }

    /// <summary>What a script branches on: the worst incident, its share, and the threshold.</summary>
    public sealed class TriageVerdict
    {
        public TriageOutcome Outcome { get; internal set; } = TriageOutcome.NoRequests;

        /// <summary>The largest 5xx incident (the largest incident when there is no 5xx one); null when none.</summary>
        public TriageIncident? WorstIncident { get; internal set; }

        /// <summary>The worst incident's share of the requests in the window, 0..1.</summary>
        public double WorstShare { get; internal set; }

        /// <summary>5xx answers as a percentage of the requests in the window.</summary>
        public double ServerErrorPercent { get; internal set; }

        /// <summary>The -Threshold compared with ServerErrorPercent; null when none was given.</summary>
        public double? Threshold { get; internal set; }

        /// <summary>True when ServerErrorPercent is above the threshold.</summary>
        public bool ThresholdCrossed { get; internal set; }

        public override string ToString() => Outcome + (WorstIncident == null ? string.Empty : $" (worst: {WorstIncident}, {WorstShare:P1})");
    }
}
