using System.Collections.Generic;
using System.Linq;
using System;
using LbTools.Core.Diagnosis.Counting;
using LbTools.Core.Diagnosis;
using LbTools.Core.Logs.ErrorLog;
using LbTools.Core.Logs;

namespace LbTools.Core.Triage
{
    /// <summary>
    /// Folds the records of a triage window into counters in bounded memory: status classes and
    /// latency histograms per interval, per backend, and one group per incident (status x cause
    /// x backend) with a few samples and a heavy-hitter counter of paths. Nothing per line is
    /// kept. Errors are diagnosed with <see cref="StatusResolver"/> (the same rules and catalog as
    /// Resolve-LbStatus). One instance serves one stream of records; it is not thread-safe.
    /// </summary>
    internal sealed class TriageAggregator
    {
        /// <summary>The backend of groups and counters past the limits.</summary>
        public const string OverflowBackend = "*";

        private const int PathCapacity = 32;
        private readonly TriageOptions _options;
        private readonly StatusResolver _resolver;
        private readonly ErrorLogJoin? _errorLog;
        private readonly Timeline _timeline;
        private readonly Dictionary<IncidentKey, Group> _groups = new Dictionary<IncidentKey, Group>();
        private readonly Dictionary<string, BackendCounters> _backends = new Dictionary<string, BackendCounters>(StringComparer.Ordinal);
        private readonly BackendCounters _noBackend = new BackendCounters();
        private readonly (DateTimeOffset? Since, DateTimeOffset? Until) _window;
        private long _requests;
        private long _clientErrors;
        private long _serverErrors;
        private long _diagnosed;
        private long _undated;
        private long _outside;
        private long _countedFromFields;
        private long _fastCalls;
        private long _firstTicks = long.MaxValue;
        private long _lastTicks = long.MinValue;

        public TriageAggregator(TriageOptions options, StatusResolver resolver)
            : this(options, resolver, null)
        {
        }

        /// <param name="options">The triage options.</param>
        /// <param name="resolver">Diagnoses each error record.</param>
        /// <param name="errorLog">nginx error-log events to join to the records before they are diagnosed, or null.</param>
        public TriageAggregator(TriageOptions options, StatusResolver resolver, ErrorLogJoin? errorLog)
        {
            _errorLog = errorLog;
            _options = options ?? throw new ArgumentNullException(nameof(options));
            _resolver = resolver ?? throw new ArgumentNullException(nameof(resolver));
            options.Validate();
            _window = options.Window();
            _timeline = new Timeline(options.Interval, options.MaxIntervals, _window.Since, _window.Until);
            _timeline.Coarsened += factor =>
            {
                foreach (var group in _groups.Values)
                {
                    group.Coarsen(factor);
                }
            };
        }

        /// <summary>Incidents held now (at most MaxIncidents plus one overflow group per status and cause).</summary>
        public int IncidentCount => _groups.Count;

        /// <summary>Backend counters held now (at most MaxBackends plus the overflow).</summary>
        public int BackendCount => _backends.Count;

        /// <summary>Timeline intervals held now.</summary>
        public int IntervalCount => _timeline.Intervals.Count;

        /// <summary>Counts a record; an error is diagnosed and joins its incident. Records outside the window are only counted as such.</summary>
        public void Add(LbLogRecord record)
        {
            if (record == null)
            {
                throw new ArgumentNullException(nameof(record));
            }

            var time = record.Time;
            if (!InWindow(time))
            {
                _outside++;
                return;
            }

            int status = record.Status ?? -1;
            double upstream = record.UpstreamResponseTime ?? record.UpstreamHeaderTime ?? double.NaN;
            long index = Count(time?.UtcTicks, status, record.RequestTime ?? double.NaN, upstream, record.Upstream);
            // An error-log event proves a failure even behind a clean status (a body nginx cut off
            // after a 200), so a record with one is diagnosed too.
            var events = _errorLog?.Attach(record);
            if (!StatusResolver.NeedsDiagnosis(record) && (events == null || events.Count == 0))
            {
                return;
            }

            var diagnosis = events == null ? _resolver.Resolve(record) : _resolver.Resolve(record, null, events);
            if (diagnosis != null)
            {
                AddDiagnosis(diagnosis, record, index);
            }
        }

        /// <summary>
        /// Counts a request known only by its fields (the fast path: no error to diagnose, so no
        /// record was built). Times in seconds (NaN or negative when not logged), status -1 when none.
        /// </summary>
        public void AddCounted(long? utcTicks, int status, double requestTime, double upstreamTime, string? backend)
        {
            if (!InWindow(utcTicks.HasValue ? new DateTimeOffset(utcTicks.Value, TimeSpan.Zero) : (DateTimeOffset?)null))
            {
                _fastCalls++;
                _outside++;
                return;
            }

            _fastCalls++;
            _countedFromFields++;
            Count(utcTicks, status, requestTime, upstreamTime, backend);
        }

        /// <summary>Folds in the lines a fast-path stripe counted from their fields (after the read).</summary>
        internal void MergeCounted(FastPath.Stripe stripe)
        {
            if (stripe.Count == 0)
            {
                return;
            }

            _fastCalls += stripe.Count;
            _countedFromFields += stripe.Count;
            _requests += stripe.Count;
            _clientErrors += stripe.Classes[4];
            _serverErrors += stripe.Classes[5];
            _firstTicks = Math.Min(_firstTicks, stripe.FirstTicks);
            _lastTicks = Math.Max(_lastTicks, stripe.LastTicks);

            // Both timelines climb the same ladder: bring ours to the stripe's width, then every
            // stripe interval falls into exactly one of ours.
            _timeline.CoarsenTo(stripe.Timeline.IntervalTicks);
            long width = stripe.Timeline.IntervalTicks;
            foreach (var pair in stripe.Timeline.Intervals)
            {
                // Both ends of the stripe's interval: so our span covers it before we count into it.
                _timeline.At((pair.Key * width) + width - 1, out _);
                _timeline.At(pair.Key * width, out _).Merge(pair.Value);
            }

            foreach (var pair in stripe.Backends)
            {
                BackendFor(pair.Key).Merge(pair.Value);
            }

            _noBackend.Merge(stripe.NoBackend);
        }

        private bool InWindow(DateTimeOffset? time)
        {
            if (_window.Since == null && _window.Until == null)
            {
                return true;
            }

            return time != null && (_window.Since == null || time >= _window.Since) && (_window.Until == null || time <= _window.Until);
        }

        private long Count(long? utcTicks, int status, double requestTime, double upstreamTime, string? backend)
        {
            _requests++;
            int cls = status >= 100 && status <= 599 ? status / 100 : 0;
            if (cls == 4)
            {
                _clientErrors++;
            }
            else if (cls == 5)
            {
                _serverErrors++;
            }

            long index = long.MinValue;
            if (utcTicks.HasValue)
            {
                long ticks = utcTicks.Value;
                _firstTicks = Math.Min(_firstTicks, ticks);
                _lastTicks = Math.Max(_lastTicks, ticks);
                var interval = _timeline.At(ticks, out index);
                interval.Classes[cls]++;
                interval.RequestTime.Add(requestTime);
                interval.UpstreamTime.Add(upstreamTime);
            }
            else
            {
                _undated++;
            }

            var counters = BackendFor(backend);
            counters.Requests++;
            if (cls == 4)
            {
                counters.ClientErrors++;
            }
            else if (cls == 5)
            {
                counters.ServerErrors++;
            }

            counters.RequestTime.Add(requestTime);
            counters.UpstreamTime.Add(upstreamTime);
            return index;
        }

        private BackendCounters BackendFor(string? backend)
        {
            if (backend == null)
            {
                return _noBackend;
            }

            if (_backends.TryGetValue(backend, out var counters))
            {
                return counters;
            }

            if (_backends.Count >= _options.MaxBackends)
            {
                backend = OverflowBackend;
                if (_backends.TryGetValue(backend, out counters))
                {
                    return counters;
                }
            }

            counters = new BackendCounters();
            _backends[backend] = counters;
            return counters;
        }

        private void AddDiagnosis(StatusDiagnosis diagnosis, LbLogRecord record, long index)
        {
            _diagnosed++;
            var tied = diagnosis.TopCause == null ? Array.Empty<CauseMatch>() : diagnosis.Causes.TakeWhile(c => c.Score == diagnosis.Causes[0].Score).OrderBy(c => c.CauseId, StringComparer.Ordinal).ToArray();
            string? cause = tied.Length == 0 ? null : string.Join("|", tied.Select(c => c.CauseId));
            var key = new IncidentKey(diagnosis.Status, cause, diagnosis.Upstream);
            if (!_groups.TryGetValue(key, out var group))
            {
                if (_groups.Count >= _options.MaxIncidents)
                {
                    key = new IncidentKey(diagnosis.Status, cause, OverflowBackend);
                }

                if (!_groups.TryGetValue(key, out group))
                {
                    group = new Group(key, tied, diagnosis, PathCapacity);
                    _groups[key] = group;
                }
            }

            group.Count++;
            var time = diagnosis.Time;
            if (time != null)
            {
                if (group.First == null || time < group.First)
                {
                    group.First = time;
                }

                if (group.Last == null || time > group.Last)
                {
                    group.Last = time;
                }
            }

            if (index != long.MinValue)
            {
                group.ByInterval.TryGetValue(index, out var n);
                group.ByInterval[index] = n + 1;
            }

            group.Paths.Add(record.Path ?? "-");
            if (group.Samples.Count < _options.SamplesPerIncident)
            {
                group.Samples.Add(new IncidentSample(record.SourceFile, record.LineNumber, record.Time, diagnosis.Status, record.UpstreamStatus, record.Method, record.Path, record.Upstream, record.RequestTime));
            }
        }

        /// <summary>The report of everything added; <paramref name="statistics"/> gives the line accounting.</summary>
        public TriageReport Build(LogReadStatistics? statistics)
        {
            var report = new TriageReport
            {
                Since = _window.Since,
                Until = _window.Until,
                Culture = _options.Culture,
                Interval = TimeSpan.FromTicks(_timeline.IntervalTicks),
                FirstRecord = _firstTicks == long.MaxValue ? (DateTimeOffset?)null : new DateTimeOffset(_firstTicks, TimeSpan.Zero),
                LastRecord = _lastTicks == long.MinValue ? (DateTimeOffset?)null : new DateTimeOffset(_lastTicks, TimeSpan.Zero),
            };

            var totals = new TriageTotals
            {
                Requests = _requests,
                ClientErrors = _clientErrors,
                ServerErrors = _serverErrors,
                Diagnosed = _diagnosed,
                Undated = _undated,
                CountedFromFields = _countedFromFields,
                OutsideWindow = _outside,
            };
            if (statistics != null)
            {
                totals.LinesRead = statistics.LinesRead;
                totals.Parsed = statistics.Parsed;
                totals.Rejected = statistics.Rejected;
                totals.Skipped = statistics.Skipped;
                totals.RejectedByReason = statistics.RejectedByReason;
                totals.Files = statistics.Files.ToArray();
                totals.BytesRead = statistics.BytesRead;

                // The reader counts as filtered both the lines its window filter dropped and the lines the fast path counted.
                totals.OutsideWindow = _outside + statistics.Filtered - _fastCalls;
            }

            report.Totals = totals;
            var (first, last) = TimelineRange();
            report.Timeline = BuildTimeline(first, last);
            report.Jumps = FindJumps(report.Timeline);
            report.Incidents = BuildIncidents(first, last);
            report.Backends = BuildBackends(report.Incidents);
            Finish(report, _options);
            return report;
        }

        /// <summary>
        /// What follows from the incidents alone, on both paths (logs read here, or a query
        /// result): the implicated backends, the general checklist for their origins and the verdict.
        /// </summary>
        internal static void Finish(TriageReport report, TriageOptions options)
        {
            report.ImplicatedBackends = report.Incidents
                .Where(i => i.Status >= 500 && i.Backend != null && i.Backend != OverflowBackend)
                .GroupBy(i => i.Backend!, StringComparer.Ordinal)
                .OrderByDescending(g => g.Sum(i => i.Count))
                .ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => g.Key)
                .ToArray();
            var origins = new HashSet<CauseOrigin>(report.Incidents.SelectMany(i => i.Causes).Select(c => c.Origin));
            report.Checklist = report.Incidents.Count == 0
                ? Array.Empty<TriageStep>()
                : TriageChecklist.BuiltIn.Steps(options.Culture)
                    .Where(s => s.Phase != TriagePhase.Prevent && (s.Origins.Count == 0 || s.Origins.Any(origins.Contains)))
                    .ToArray();
            report.Verdict = BuildVerdict(report, options.Threshold);
        }

        /// <summary>The order incidents are listed in: largest first, then status, cause and backend.</summary>
        internal static IOrderedEnumerable<T> LargestFirst<T>(IEnumerable<T> items, Func<T, long> count, Func<T, IncidentKey> key) =>
            items.OrderByDescending(count).ThenBy(i => key(i).Status).ThenBy(i => key(i).Cause, StringComparer.Ordinal).ThenBy(i => key(i).Backend, StringComparer.Ordinal);

        private (long First, long Last) TimelineRange()
        {
            long ticks = _timeline.IntervalTicks;
            long first = _timeline.MinIndex, last = _timeline.MaxIndex;
            if (_window.Since.HasValue && _window.Until.HasValue)
            {
                long from = Timeline.FloorDiv(_window.Since.Value.UtcTicks, ticks);
                long to = Timeline.FloorDiv(_window.Until.Value.UtcTicks, ticks);
                if (to - from < 10 * _options.MaxIntervals)
                {
                    return (Math.Min(from, first), Math.Max(to, last == long.MinValue ? to : last));
                }
            }

            return (first, last);
        }

        private IReadOnlyList<TimelineInterval> BuildTimeline(long first, long last)
        {
            if (first == long.MaxValue || last == long.MinValue)
            {
                return Array.Empty<TimelineInterval>();
            }

            var width = TimeSpan.FromTicks(_timeline.IntervalTicks);
            var list = new List<TimelineInterval>((int)(last - first + 1));
            for (long i = first; i <= last; i++)
            {
                var start = new DateTimeOffset(i * _timeline.IntervalTicks, TimeSpan.Zero);
                if (_timeline.Intervals.TryGetValue(i, out var c))
                {
                    list.Add(new TimelineInterval(start, width, c.Classes, c.RequestTime.Summary(), c.UpstreamTime.Summary()));
                }
                else
                {
                    list.Add(new TimelineInterval(start, width, new long[6], Empty, Empty));
                }
            }

            return list;
        }

        private static readonly LatencyPercentiles Empty = new LatencyPercentiles(0, null, null, null, null);

        /// <summary>Minimum 5xx answers in an interval before it can count as a jump.</summary>
        internal const int JumpMinimumErrors = 3;

        /// <summary>
        /// A jump: an interval whose 5xx rate is at least twice the median of the (up to 12)
        /// non-empty intervals before it and at least 5 points above it, with at least
        /// <see cref="JumpMinimumErrors"/> 5xx answers. The first non-empty interval has no
        /// baseline and is never a jump.
        /// </summary>
        internal static IReadOnlyList<TimelineJump> FindJumps(IReadOnlyList<TimelineInterval> timeline)
        {
            var jumps = new List<TimelineJump>();
            var before = new List<double>();
            foreach (var interval in timeline)
            {
                if (interval.Requests == 0)
                {
                    continue;
                }

                double rate = interval.ServerErrorRate;
                if (before.Count > 0)
                {
                    var sorted = before.OrderBy(r => r).ToArray();
                    double median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
                    if (interval.Status5xx >= JumpMinimumErrors && rate >= 2 * median && rate >= median + 0.05)
                    {
                        interval.Jump = true;
                        jumps.Add(new TimelineJump(interval.Start, median, rate, interval.Status5xx));
                    }
                }

                before.Add(rate);
                if (before.Count > 12)
                {
                    before.RemoveAt(0);
                }
            }

            return jumps;
        }

        private IReadOnlyList<TriageIncident> BuildIncidents(long first, long last)
        {
            var incidents = new List<TriageIncident>();
            foreach (var group in LargestFirst(_groups.Values, g => g.Count, g => g.Key))
            {
                var incident = new TriageIncident(group.Key)
                {
                    Causes = group.Causes,
                    Provider = group.Provider,
                    Title = group.Causes.Count == 0 ? null : string.Join(" / ", group.Causes.Select(c => c.Title)),
                    Count = group.Count,
                    Share = _requests == 0 ? 0 : (double)group.Count / _requests,
                    ErrorShare = _diagnosed == 0 ? 0 : (double)group.Count / _diagnosed,
                    FirstSeen = group.First,
                    LastSeen = group.Last,
                    TopPaths = group.Paths.Top(_options.TopPaths),
                    Samples = group.Samples.ToArray(),
                    AlsoPossible = group.AlsoPossible,
                };
                if (first != long.MaxValue && last != long.MinValue)
                {
                    var counts = new long[last - first + 1];
                    foreach (var pair in group.ByInterval)
                    {
                        counts[pair.Key - first] = pair.Value;
                    }

                    incident.CountsByInterval = counts;
                }

                foreach (var evidence in group.Evidence)
                {
                    incident.Evidence.Add(evidence);
                }

                incidents.Add(incident);
            }

            return incidents;
        }

        private IReadOnlyList<TriageBackend> BuildBackends(IReadOnlyList<TriageIncident> incidents)
        {
            var byBackend = incidents.Where(i => i.Backend != null).GroupBy(i => i.Backend!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (IReadOnlyList<IncidentKey>)g.Select(i => i.Key).ToArray(), StringComparer.Ordinal);
            var all = _backends.Select(p => (Address: (string?)p.Key, Counters: p.Value));
            if (_noBackend.Requests > 0)
            {
                all = all.Concat(new[] { ((string?)null, _noBackend) });
            }

            return MostErrorsFirst(all
                .Select(p => new TriageBackend(p.Address)
                {
                    Requests = p.Counters.Requests,
                    ClientErrors = p.Counters.ClientErrors,
                    ServerErrors = p.Counters.ServerErrors,
                    RequestTime = p.Counters.RequestTime.Summary(),
                    UpstreamTime = p.Counters.UpstreamTime.Summary(),
                    Incidents = p.Address != null && byBackend.TryGetValue(p.Address, out var keys) ? keys : incidents.Where(i => i.Backend == null && p.Address == null).Select(i => i.Key).ToArray(),
                }));
        }

        /// <summary>The order backends are listed in: most 5xx first, then the highest 5xx share, the no-backend entry last among equals.</summary>
        internal static IReadOnlyList<TriageBackend> MostErrorsFirst(IEnumerable<TriageBackend> backends) => backends
            .OrderByDescending(b => b.ServerErrors)
            .ThenByDescending(b => b.ServerErrorShare)
            .ThenBy(b => b.Address == null ? 1 : 0)
            .ThenBy(b => b.Address, StringComparer.Ordinal)
            .ToArray();

        private static TriageVerdict BuildVerdict(TriageReport report, double? threshold)
        {
            var worst = report.Incidents.Where(i => i.Status >= 500).OrderByDescending(i => i.Count).FirstOrDefault() ?? report.Incidents.FirstOrDefault();
            double percent = report.Totals.ServerErrorPercent;
            bool crossed = threshold.HasValue && percent > threshold.Value;
            return new TriageVerdict
            {
                WorstIncident = worst,
                WorstShare = worst?.Share ?? 0,
                ServerErrorPercent = percent,
                Threshold = threshold,
                ThresholdCrossed = crossed,
                Outcome = report.Totals.Requests == 0 ? TriageOutcome.NoRequests
                    : crossed ? TriageOutcome.ThresholdCrossed
                    : report.Incidents.Count == 0 ? TriageOutcome.Clean
                    : TriageOutcome.BelowThreshold,
            };
        }

        private sealed class Group
        {
            public Group(IncidentKey key, IReadOnlyList<CauseMatch> tied, StatusDiagnosis first, int pathCapacity)
            {
                Key = key;
                Provider = first.Provider;
                Causes = tied.Select(m => new IncidentCause(m)).ToArray();
                Paths = new TopKCounter(pathCapacity);
                string where = $"{first.SourceFile}:{first.LineNumber}";
                foreach (var match in tied)
                {
                    foreach (var evidence in match.Evidence)
                    {
                        Evidence.Add(new IncidentEvidence("log", match.CauseId, evidence.Sentence, evidence.Field, evidence.Value, evidence.Threshold, where));
                    }
                }

                int top = tied.Count == 0 ? 0 : tied[0].Score;
                AlsoPossible = tied.Count == 0
                    ? Array.Empty<string>()
                    : first.Causes.Where(c => c.Score < top && c.Score > StatusResolver.CatalogOnlyScore && c.Score >= top - 20).Select(c => c.CauseId).ToArray();
            }

            public IncidentKey Key { get; }

            public LbProvider Provider { get; }

            public IReadOnlyList<IncidentCause> Causes { get; }

            public IReadOnlyList<string> AlsoPossible { get; }

            public List<IncidentEvidence> Evidence { get; } = new List<IncidentEvidence>();

            public long Count { get; set; }

            public DateTimeOffset? First { get; set; }

            public DateTimeOffset? Last { get; set; }

            public TopKCounter Paths { get; }

            public List<IncidentSample> Samples { get; } = new List<IncidentSample>();

            public Dictionary<long, long> ByInterval { get; private set; } = new Dictionary<long, long>();

            public void Coarsen(long factor)
            {
                var merged = new Dictionary<long, long>();
                foreach (var pair in ByInterval)
                {
                    long index = Timeline.FloorDiv(pair.Key, factor);
                    merged.TryGetValue(index, out var n);
                    merged[index] = n + pair.Value;
                }

                ByInterval = merged;
            }
        }
    }
}
