using System;
using System.Collections.Generic;
using System.Linq;
using LbTools.Core.Logs;

namespace LbTools.Core.Reports
{
    /// <summary>
    /// Counts of a stretch of access log: requests, 4xx and 5xx answers, and the same per backend,
    /// worst backend first. What a nightly report and a triage print; the share of 5xx is the
    /// number an alert compares with its threshold.
    /// </summary>
    public sealed class TrafficSummary
    {
        private TrafficSummary(DateTimeOffset? from, DateTimeOffset? to, long requests, long clientErrors, long serverErrors, long undated, IReadOnlyList<BackendSummary> backends)
        {
            From = from;
            To = to;
            Requests = requests;
            ClientErrors = clientErrors;
            ServerErrors = serverErrors;
            Undated = undated;
            Backends = backends;
        }

        /// <summary>Start of the window (exclusive); null when every record was counted.</summary>
        public DateTimeOffset? From { get; }

        /// <summary>End of the window (inclusive); null when every record was counted.</summary>
        public DateTimeOffset? To { get; }

        public long Requests { get; }

        public long ClientErrors { get; }

        public long ServerErrors { get; }

        /// <summary>Records left out of a time window because they carry no time.</summary>
        public long Undated { get; }

        /// <summary>ServerErrors / Requests as a percentage (0-100); 0 when there were no requests.</summary>
        public double ServerErrorPercent => Percent(ServerErrors, Requests);

        /// <summary>Per backend address, most 5xx first, then highest 5xx share, then by address.</summary>
        public IReadOnlyList<BackendSummary> Backends { get; }

        /// <summary>True when the 5xx share is above the threshold (a percentage, 0-100).</summary>
        public bool ExceedsServerErrorPercent(double thresholdPercent) => ServerErrorPercent > thresholdPercent;

        /// <summary>
        /// Summarises the records. With a window, only records with from &lt; Time &lt;= end count; the
        /// end defaults to the newest record's time, so an old log folder still yields its last hours.
        /// </summary>
        public static TrafficSummary Create(IEnumerable<LbLogRecord> records, TimeSpan? window = null, DateTimeOffset? end = null)
        {
            if (records == null)
            {
                throw new ArgumentNullException(nameof(records));
            }

            if (window.HasValue && window.Value <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(window), window, "The window must be longer than zero.");
            }

            var kept = records.Select(r => new Seen(r.Time, r.Status, r.Upstream)).ToList();
            DateTimeOffset? from = null;
            DateTimeOffset? to = null;
            long undated = 0;
            if (window.HasValue)
            {
                undated = kept.Count(r => r.Time == null);
                to = end ?? kept.Where(r => r.Time != null).Select(r => r.Time!.Value).DefaultIfEmpty(DateTimeOffset.UtcNow).Max();
                from = to.Value - window.Value;
                var start = from.Value;
                var stop = to.Value;
                kept = kept.Where(r => r.Time != null && r.Time.Value > start && r.Time.Value <= stop).ToList();
            }

            var backends = kept
                .GroupBy(r => r.Upstream, StringComparer.Ordinal)
                .Select(g => new BackendSummary(g.Key, g.LongCount(), g.LongCount(r => IsClientError(r.Status)), g.LongCount(r => IsServerError(r.Status))))
                .OrderByDescending(b => b.ServerErrors)
                .ThenByDescending(b => b.ServerErrorPercent)
                .ThenBy(b => b.Upstream == null ? 1 : 0)
                .ThenBy(b => b.Upstream, StringComparer.Ordinal)
                .ToList();
            return new TrafficSummary(from, to, kept.Count, kept.LongCount(r => IsClientError(r.Status)), kept.LongCount(r => IsServerError(r.Status)), undated, backends);
        }

        internal static double Percent(long part, long whole) => whole == 0 ? 0 : 100.0 * part / whole;

        private static bool IsClientError(int? status) => status >= 400 && status < 500;

        private static bool IsServerError(int? status) => status >= 500 && status < 600;

        private readonly struct Seen
        {
            public Seen(DateTimeOffset? time, int? status, string? upstream)
            {
                Time = time;
                Status = status;
                Upstream = upstream;
            }

            public DateTimeOffset? Time { get; }

            public int? Status { get; }

            public string? Upstream { get; }
        }
    }
}
