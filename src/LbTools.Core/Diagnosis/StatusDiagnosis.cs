using System;
using System.Collections.Generic;
using System.Linq;
using LbTools.Core.Logs;
using LbTools.Core.Logs.ErrorLog;
using LbTools.Core.Probes;

namespace LbTools.Core.Diagnosis
{
    /// <summary>The ranked causes for one status code or one log record.</summary>
    public sealed class StatusDiagnosis
    {
        public StatusDiagnosis(int status, LbProvider provider, IReadOnlyList<CauseMatch> causes, LbLogRecord? record)
            : this(status, provider, causes, record, null)
        {
        }

        public StatusDiagnosis(int status, LbProvider provider, IReadOnlyList<CauseMatch> causes, LbLogRecord? record, IReadOnlyList<ProbeResult>? probes)
        {
            Probes = probes ?? Array.Empty<ProbeResult>();
            Status = status;
            Provider = provider;
            Causes = causes;
            Record = record;
        }

        public int Status { get; }

        public LbProvider Provider { get; }

        /// <summary>Best fit first.</summary>
        public IReadOnlyList<CauseMatch> Causes { get; }

        /// <summary>
        /// The best-supported cause, or null when no evidence supports any: causes the catalog
        /// merely lists for the code (score <see cref="StatusResolver.CatalogOnlyScore"/>) are
        /// still in <see cref="Causes"/>, but naming the alphabetically first of them would mislead.
        /// </summary>
        public string? TopCause => HasSupportedCause ? Causes[0].CauseId : null;

        public CauseOrigin? Origin => HasSupportedCause ? Causes[0].Origin : (CauseOrigin?)null;

        private bool HasSupportedCause => Causes.Count > 0 && Causes[0].Score > StatusResolver.CatalogOnlyScore;

        public LbLogRecord? Record { get; }

        /// <summary>The probe results that were weighed (those aimed at the record's upstream addresses).</summary>
        public IReadOnlyList<ProbeResult> Probes { get; }

        /// <summary>Causes sharing the top score: the evidence cannot separate them.</summary>
        public IReadOnlyList<string> TiedCauses => Causes.Count == 0 ? Array.Empty<string>() : Causes.TakeWhile(c => c.Score == Causes[0].Score).Select(c => c.CauseId).ToArray();

        /// <summary>
        /// True when evidence supports several causes equally: <see cref="TopCause"/> is then only
        /// the first of <see cref="TiedCauses"/> by id, not a finding; <see cref="Verdict"/> says so
        /// and <see cref="DecidedBy"/> says what would decide.
        /// </summary>
        public bool IsTied => HasSupportedCause && Causes.Count > 1 && Causes[1].Score == Causes[0].Score;

        /// <summary>What would break a tie: the nginx error log message, a Test-LbBackend probe, a log_format variable. Empty when not tied.</summary>
        public IReadOnlyList<string> DecidedBy { get; internal set; } = Array.Empty<string>();

        /// <summary>
        /// The finding in one line: the top cause; "tied: A | B" when the evidence cannot decide;
        /// "(no evidence)" when only the catalog lists causes for the code; "(no known cause)".
        /// </summary>
        public string Verdict => !HasSupportedCause ? (Causes.Count > 0 ? "(no evidence)" : "(no known cause)") : IsTied ? "tied: " + string.Join(" | ", TiedCauses) : Causes[0].CauseId;

        /// <summary>The nginx error-log events joined to this record (Resolve-LbStatus -ErrorLogPath); their causes are in <see cref="Causes"/> with their evidence.</summary>
        public IReadOnlyList<NginxErrorEvent> ErrorLogEvents { get; internal set; } = Array.Empty<NginxErrorEvent>();

        public int? UpstreamStatus => Record?.UpstreamStatus;

        public string? Upstream => Record?.Upstream;

        public DateTimeOffset? Time => Record?.Time;

        public string? Method => Record?.Method;

        public string? Path => Record?.Path;

        public string? SourceFile => Record?.SourceFile;

        public long? LineNumber => Record?.LineNumber;

        public override string ToString() => $"{Status} -> {Verdict}";
    }
}
