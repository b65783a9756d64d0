using System.Collections.Generic;
using System.Linq;
using LbTools.Core.Diagnosis;
using LbTools.Core.Logs.ErrorLog;

namespace LbTools.Core.Triage
{
    /// <summary>
    /// The nginx error logs of a triage: their accounting and how many events joined an access
    /// record. Events that joined none are kept (the first <see cref="MaxUnjoinedKept"/>), never
    /// dropped without a count.
    /// </summary>
    public sealed class TriageErrorLog
    {
        /// <summary>How many unjoined events the report keeps for reading; the count covers them all.</summary>
        public const int MaxUnjoinedKept = 50;

        internal TriageErrorLog(ErrorLogStatistics statistics, ErrorLogJoin join)
        {
            Files = statistics.Files;
            LinesRead = statistics.LinesRead;
            Events = join.Events.Count;
            Joined = join.JoinedCount;
            NotAboutRequest = join.ProcessEvents.Count;
            var unjoined = join.Unjoined;
            Unjoined = unjoined.Count;
            UnjoinedEvents = unjoined.Take(MaxUnjoinedKept).ToArray();
        }

        /// <summary>Per-file accounting (lines read = events + continuation lines + rejected + skipped).</summary>
        public IReadOnlyList<ErrorLogFileStatistics> Files { get; }

        public long LinesRead { get; }

        /// <summary>Events read from all files.</summary>
        public int Events { get; }

        /// <summary>Events attached to an access record of the triage.</summary>
        public int Joined { get; }

        /// <summary>Events about a connection that matched no access record (another window, another log, or a request nginx never logged).</summary>
        public int Unjoined { get; }

        /// <summary>Events about the process rather than a request (start, reload, worker exits).</summary>
        public int NotAboutRequest { get; }

        /// <summary>The first unjoined events, for reading.</summary>
        public IReadOnlyList<NginxErrorEvent> UnjoinedEvents { get; }

        public override string ToString() => $"{Events} error-log event(s): {Joined} joined, {Unjoined} unjoined, {NotAboutRequest} not about a request";
    }
}
