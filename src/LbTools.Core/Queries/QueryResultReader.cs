using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using LbTools.Core.Common;
using LbTools.Core.Diagnosis;
using LbTools.Core.Logs;
using LbTools.Core.Triage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LbTools.Core.Queries
{
    /// <summary>
    /// Reads the result of the triage query (the CSV Athena, SLS or DuckDB returns: row_kind,
    /// status, cause, backend, interval_start, requests, first_seen, last_seen, p50_seconds,
    /// p95_seconds, p99_seconds, top_paths) into the same <see cref="TriageReport"/> the in-process
    /// triage builds: causes from the catalog, counts, shares, first/last seen, counts per interval
    /// on the timeline, top paths, backends and the verdict. A row that cannot be read is reported
    /// (file and line) and left out; a file without the required columns or without its window
    /// row fails as a whole (InvalidDataException naming the file).
    /// </summary>
    public sealed class QueryResultReader
    {
        public const string ProgressActivity = "Triage (query result)";

        /// <summary>The columns every triage query result must have; p50/p95/p99_seconds and top_paths may be absent.</summary>
        internal static readonly string[] RequiredColumns = { "row_kind", "status", "cause", "backend", "interval_start", "requests", "first_seen", "last_seen" };

        private static readonly string[] OptionalColumns = { "p50_seconds", "p95_seconds", "p99_seconds", "top_paths" };

        // A timeline wider than this is a sign of a wrong row or a too narrow -Interval, not of data.
        private const long MostIntervals = 100_000;

        private readonly TriageOptions _options;
        private readonly LbProvider _provider;
        private readonly IOperationSink _sink;
        private readonly ILogger _logger;

        /// <param name="options">The culture, threshold, interval (when the query's is known), rule files and number of top paths.</param>
        /// <param name="provider">The balancer type the query ran over (the same status means different causes per provider).</param>
        /// <param name="sink">Receives an error per rejected row and the progress.</param>
        /// <param name="logger">Optional.</param>
        public QueryResultReader(TriageOptions options, LbProvider provider, IOperationSink sink, ILogger? logger = null)
        {
            _options = options ?? throw new ArgumentNullException(nameof(options));
            _sink = sink ?? throw new ArgumentNullException(nameof(sink));
            _provider = provider;
            _logger = logger ?? NullLogger.Instance;
            options.Validate();
        }

        /// <summary>The resolver whose catalog names the causes (built-in plus the rule files); probes weigh with it too.</summary>
        public StatusResolver CreateResolver() => new TriageRunner(_options, _sink, _logger).CreateResolver();

        /// <summary>Reads the result CSV files (UTF-8, a BOM allowed) into one report.</summary>
        public TriageReport Read(IReadOnlyList<string> files, CancellationToken cancellationToken)
        {
            if (files == null)
            {
                throw new ArgumentNullException(nameof(files));
            }

            var state = new State(this, CreateResolver().Catalog);
            for (int f = 0; f < files.Count; f++)
            {
                var file = files[f];
                _sink.ReportProgress(new LbProgress(ProgressActivity, $"file {f + 1} of {files.Count}", files.Count == 0 ? 0 : 100 * f / files.Count, file));
                using var reader = new StreamReader(file, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
                ReadCsv(state, reader, file, cancellationToken);
            }

            return Build(state, files);
        }

        /// <summary>
        /// Reads rows that are already split into named cells (the objects Import-Csv makes: one
        /// property per column). <paramref name="source"/> names them in errors ("source:row N").
        /// </summary>
        public TriageReport ReadRows(IEnumerable<IReadOnlyDictionary<string, string?>> rows, string source, CancellationToken cancellationToken)
        {
            if (rows == null)
            {
                throw new ArgumentNullException(nameof(rows));
            }

            var state = new State(this, CreateResolver().Catalog);
            var file = state.BeginFile(source);
            long n = 0;
            foreach (var row in rows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                n++;
                var cells = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
                foreach (var pair in row)
                {
                    cells[pair.Key.Trim()] = pair.Value;
                }

                if (n == 1)
                {
                    RequireColumns(cells.Keys, source);
                }

                state.Add(file, $"{source}:row {n}", name => cells.TryGetValue(name, out var value) ? value : null);
            }

            if (n == 0)
            {
                throw new InvalidDataException($"{source}: no rows (a triage query result has at least its window row).");
            }

            state.EndFile(file);
            return Build(state, new[] { source });
        }

        private void ReadCsv(State state, TextReader text, string path, CancellationToken cancellationToken)
        {
            var csv = new CsvRecordReader(text);
            var header = csv.Next(out long line, out string? error);
            if (header == null)
            {
                throw new InvalidDataException(error == null ? $"{path}: the file is empty (a triage query result starts with a header row naming its columns)." : $"{path}:{line}: the header row is not valid CSV: {error}.");
            }

            var names = header.Select(h => h.Trim()).ToArray();
            RequireColumns(names, path);
            var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            for (int i = 0; i < names.Length; i++)
            {
                if (index.ContainsKey(names[i]))
                {
                    throw new InvalidDataException($"{path}:{line}: the header names the column '{names[i]}' twice.");
                }

                index[names[i]] = i;
            }

            var file = state.BeginFile(path);
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var fields = csv.Next(out line, out error);
                string where = $"{path}:{line}";
                if (fields == null)
                {
                    if (error == null)
                    {
                        break;
                    }

                    state.Reject(where, $"not valid CSV: {error}");
                    continue;
                }

                if (fields.Count == 1 && fields[0].Length == 0)
                {
                    state.Skip();
                    continue;
                }

                if (fields.Count != names.Length)
                {
                    state.Reject(where, $"{fields.Count} fields, the header names {names.Length}");
                    continue;
                }

                state.Add(file, where, name => index.TryGetValue(name, out int i) ? fields[i] : null);
            }

            state.EndFile(file);
        }

        private static void RequireColumns(IEnumerable<string> names, string source)
        {
            var have = new HashSet<string>(names, StringComparer.OrdinalIgnoreCase);
            var missing = RequiredColumns.Where(c => !have.Contains(c)).ToArray();
            if (missing.Length > 0)
            {
                throw new InvalidDataException($"{source}: the query result has no column {string.Join(", ", missing)} (a triage query result has {string.Join(",", RequiredColumns.Concat(OptionalColumns))}).");
            }
        }

        private TriageReport Build(State state, IReadOnlyList<string> files)
        {
            long width = IntervalTicks(state);
            var report = new TriageReport
            {
                Culture = _options.Culture,
                Interval = TimeSpan.FromTicks(width),
                FirstRecord = state.WindowFirst,
                LastRecord = state.WindowLast,
            };

            long diagnosed = state.Incidents.Values.Sum(i => i.Requests);
            report.Totals = new TriageTotals
            {
                Requests = state.WindowRequests,
                ClientErrors = state.Incidents.Where(p => p.Key.Status / 100 == 4).Sum(p => p.Value.Requests),
                ServerErrors = state.Incidents.Where(p => p.Key.Status / 100 == 5).Sum(p => p.Value.Requests),
                Diagnosed = diagnosed,
            };

            // The timeline: every interval from the window's first to its last record, the interval rows counted by status class.
            long intervalTotal = state.Intervals.Values.Sum();
            bool complete = state.Intervals.Count > 0 && intervalTotal == state.WindowRequests;
            long first = long.MaxValue, last = long.MinValue;
            foreach (var ticks in state.Intervals.Keys.Select(k => k.StartTicks).Concat(new[] { state.WindowFirst?.UtcTicks, state.WindowLast?.UtcTicks }.Where(t => t.HasValue).Select(t => t!.Value)))
            {
                long index = Timeline.FloorDiv(ticks, width);
                first = Math.Min(first, index);
                last = Math.Max(last, index);
            }

            if (first != long.MaxValue && last - first + 1 > MostIntervals)
            {
                throw new InvalidDataException($"{string.Join(", ", files)}: the rows span {last - first + 1} intervals of {TimeSpan.FromTicks(width)}; check the interval_start values or pass a wider -Interval.");
            }

            var empty = new LatencyPercentiles(0, null, null, null, null);
            var classes = new Dictionary<long, long[]>();
            var byIncident = new Dictionary<IncidentKey, long[]>();
            int length = first == long.MaxValue ? 0 : (int)(last - first + 1);
            foreach (var pair in state.Intervals)
            {
                long index = Timeline.FloorDiv(pair.Key.StartTicks, width);
                int status = pair.Key.Key.Status;
                if (!classes.TryGetValue(index, out var counts))
                {
                    classes[index] = counts = new long[6];
                }

                counts[status >= 100 && status <= 599 ? status / 100 : 0] += pair.Value;
                if (state.Incidents.ContainsKey(pair.Key.Key))
                {
                    if (!byIncident.TryGetValue(pair.Key.Key, out var series))
                    {
                        byIncident[pair.Key.Key] = series = new long[length];
                    }

                    series[index - first] += pair.Value;
                }
            }

            var timeline = new List<TimelineInterval>(length);
            for (long i = first; length > 0 && i <= last; i++)
            {
                timeline.Add(new TimelineInterval(new DateTimeOffset(i * width, TimeSpan.Zero), TimeSpan.FromTicks(width), classes.TryGetValue(i, out var c) ? c : new long[6], empty, empty));
            }

            report.Timeline = timeline;
            report.Jumps = complete ? TriageAggregator.FindJumps(timeline) : Array.Empty<TimelineJump>();

            report.Incidents = TriageAggregator.LargestFirst(state.Incidents.Values, i => i.Requests, i => i.Key)
                .Select(row => new TriageIncident(row.Key)
                {
                    Provider = _provider,
                    Causes = row.Causes,
                    Title = row.Causes.Count == 0 ? null : string.Join(" / ", row.Causes.Select(c => c.Title)),
                    Count = row.Requests,
                    Share = state.WindowRequests == 0 ? 0 : (double)row.Requests / state.WindowRequests,
                    ErrorShare = diagnosed == 0 ? 0 : (double)row.Requests / diagnosed,
                    FirstSeen = row.First,
                    LastSeen = row.Last,
                    TopPaths = row.Paths.Take(_options.TopPaths).ToArray(),
                    CountsByInterval = byIncident.TryGetValue(row.Key, out var series) ? series : new long[length],
                })
                .ToArray();

            report.Backends = BuildBackends(state, report.Incidents);
            TriageAggregator.Finish(report, _options);
            report.QueryResult = new TriageQueryResult(files.ToArray(), state.Rows, state.Rows - state.Rejected - state.Skipped, state.Rejected, state.Skipped, complete);
            _logger.LogInformation("Triage from a query result: {Rows} rows from {Files} file(s), {Rejected} rejected, {Requests} requests, {Incidents} incident(s).", state.Rows, files.Count, state.Rejected, state.WindowRequests, report.Incidents.Count);
            _sink.ReportProgress(new LbProgress(ProgressActivity, "Done", 100, completed: true));
            return report;
        }

        private static IReadOnlyList<TriageBackend> BuildBackends(State state, IReadOnlyList<TriageIncident> incidents)
        {
            var backends = new List<TriageBackend>();
            long withBackend = 0;
            foreach (var row in state.Backends.Values)
            {
                withBackend += row.Requests;
                backends.Add(Backend(row.Key.Backend, row.Requests, row.Percentiles, incidents));
            }

            // Records without a backend are what the window counts beyond the backend rows.
            long without = state.WindowRequests - withBackend;
            if (without > 0)
            {
                backends.Add(Backend(null, without, new LatencyPercentiles(0, null, null, null, null), incidents));
            }

            return TriageAggregator.MostErrorsFirst(backends);
        }

        private static TriageBackend Backend(string? address, long requests, LatencyPercentiles upstream, IReadOnlyList<TriageIncident> incidents)
        {
            var mine = incidents.Where(i => string.Equals(i.Backend, address, StringComparison.Ordinal)).ToArray();
            return new TriageBackend(address)
            {
                Requests = requests,
                ClientErrors = mine.Where(i => i.Status / 100 == 4).Sum(i => i.Count),
                ServerErrors = mine.Where(i => i.Status / 100 == 5).Sum(i => i.Count),
                UpstreamTime = upstream,
                Incidents = mine.Select(i => i.Key).ToArray(),
            };
        }

        /// <summary>
        /// The interval width: -Interval when given (the query's own), else the largest width the
        /// interval_start values are all multiples apart by (with a single interval, the narrowest
        /// step of the triage's ladder that holds the whole window), widened along that ladder
        /// while the window would need more than MaxIntervals of them, as the in-process triage does.
        /// </summary>
        private long IntervalTicks(State state)
        {
            if (_options.Interval.HasValue)
            {
                return _options.Interval.Value.Ticks;
            }

            long width = QueryIntervalTicks(state);
            var instants = state.Intervals.Keys.Select(k => k.StartTicks).Concat(new[] { state.WindowFirst?.UtcTicks, state.WindowLast?.UtcTicks }.Where(t => t.HasValue).Select(t => t!.Value)).ToArray();
            if (instants.Length == 0)
            {
                return width;
            }

            long min = instants.Min(), max = instants.Max();
            foreach (long seconds in Timeline.LadderSeconds)
            {
                long ticks = seconds * TimeSpan.TicksPerSecond;
                if (Timeline.FloorDiv(max, width) - Timeline.FloorDiv(min, width) + 1 <= _options.MaxIntervals)
                {
                    break;
                }

                width = Math.Max(width, ticks);
            }

            return width;
        }

        /// <summary>The width the query's interval_start values show (see <see cref="IntervalTicks"/>).</summary>
        private static long QueryIntervalTicks(State state)
        {

            var starts = state.Intervals.Keys.Select(k => k.StartTicks).Distinct().OrderBy(t => t).ToArray();
            long gcd = 0;
            for (int i = 1; i < starts.Length; i++)
            {
                gcd = Gcd(gcd, starts[i] - starts[i - 1]);
            }

            if (gcd >= TimeSpan.TicksPerSecond)
            {
                return gcd;
            }

            long? start = starts.Length == 1 ? starts[0] : state.WindowFirst?.UtcTicks;
            long end = state.WindowLast?.UtcTicks ?? start ?? 0;
            foreach (long seconds in Timeline.LadderSeconds)
            {
                long ticks = seconds * TimeSpan.TicksPerSecond;
                if (start == null || (Timeline.FloorDiv(start.Value, ticks) == Timeline.FloorDiv(end, ticks) && (starts.Length == 0 || starts[0] % ticks == 0)))
                {
                    return ticks;
                }
            }

            return Timeline.LadderSeconds[Timeline.LadderSeconds.Length - 1] * TimeSpan.TicksPerSecond;
        }

        private static long Gcd(long a, long b)
        {
            while (b != 0)
            {
                (a, b) = (b, a % b);
            }

            return Math.Abs(a);
        }

        /// <summary>Everything read so far; the rows of one file are checked for repeats, rows of several files add up.</summary>
        private sealed class State
        {
            private readonly QueryResultReader _owner;
            private readonly CauseCatalog _catalog;

            public State(QueryResultReader owner, CauseCatalog catalog)
            {
                _owner = owner;
                _catalog = catalog;
            }

            public long Rows;
            public long Rejected;
            public long Skipped;
            public long WindowRequests;
            public DateTimeOffset? WindowFirst;
            public DateTimeOffset? WindowLast;
            public readonly Dictionary<IncidentKey, Aggregate> Incidents = new Dictionary<IncidentKey, Aggregate>();
            public readonly Dictionary<(IncidentKey Key, long StartTicks), long> Intervals = new Dictionary<(IncidentKey, long), long>();
            public readonly Dictionary<string, Aggregate> Backends = new Dictionary<string, Aggregate>(StringComparer.Ordinal);

            public FileRows BeginFile(string path) => new FileRows(path);

            public void EndFile(FileRows file)
            {
                if (!file.HasWindow)
                {
                    throw new InvalidDataException($"{file.Path}: no row with row_kind 'window' (its requests are the denominator of every share; is this the triage query's result?).");
                }
            }

            /// <summary>A blank row: read, counted, nothing in it.</summary>
            public void Skip()
            {
                Rows++;
                Skipped++;
            }

            public void Reject(string where, string reason)
            {
                Rows++;
                Rejected++;
                _owner._sink.ReportError(new LbError("QueryResultRowRejected", LbErrorCategory.InvalidData, $"{where}: {reason}.", where));
            }

            /// <summary>Adds one data row; <paramref name="cell"/> gives a column's text (null when the column is absent).</summary>
            public void Add(FileRows file, string where, Func<string, string?> cell)
            {
                if (RequiredColumns.Concat(OptionalColumns).All(c => string.IsNullOrWhiteSpace(cell(c))))
                {
                    Skip();
                    return;
                }

                string? reason = AddRow(file, cell);
                if (reason != null)
                {
                    Reject(where, reason);
                    return;
                }

                Rows++;
            }

            private string? AddRow(FileRows file, Func<string, string?> cell)
            {
                string? Text(string name)
                {
                    var value = cell(name);
                    return string.IsNullOrEmpty(value) ? null : value;
                }

                string kind = (Text("row_kind") ?? string.Empty).Trim();
                if (!TryRequests(Text("requests"), out long requests, out string? reason)
                    || !TryTime(Text("first_seen"), "first_seen", out var firstSeen, out reason)
                    || !TryTime(Text("last_seen"), "last_seen", out var lastSeen, out reason))
                {
                    return reason;
                }

                switch (kind)
                {
                    case "window":
                        if (file.HasWindow)
                        {
                            return "a second window row in the same file";
                        }

                        file.HasWindow = true;
                        WindowRequests += requests;
                        WindowFirst = Min(WindowFirst, firstSeen);
                        WindowLast = Max(WindowLast, lastSeen);
                        return null;

                    case "incident":
                    {
                        if (!TryKey(cell, out var key, out var causes, out reason) || !TryPercentiles(Text, requests, out _, out reason))
                        {
                            return reason;
                        }

                        IReadOnlyList<PathCount> paths = Array.Empty<PathCount>();
                        var top = Text("top_paths");
                        if (top != null && !QueryResultValues.TryTopPaths(top, out paths, out reason))
                        {
                            return reason;
                        }

                        if (!file.Incidents.Add(key))
                        {
                            return $"a second incident row for {key} in the same file";
                        }

                        if (!Incidents.TryGetValue(key, out var into))
                        {
                            Incidents[key] = into = new Aggregate(key, causes);
                        }

                        into.Add(requests, firstSeen, lastSeen, paths);
                        return null;
                    }

                    case "interval":
                    {
                        if (!TryKey(cell, out var key, out _, out reason))
                        {
                            return reason;
                        }

                        var start = Text("interval_start");
                        if (start == null)
                        {
                            return "interval_start is empty in an interval row";
                        }

                        if (!QueryResultValues.TryTimestamp(start.Trim(), out var at, out reason))
                        {
                            return "interval_start " + reason;
                        }

                        var interval = _owner._options.Interval;
                        if (interval.HasValue && at.UtcTicks % interval.Value.Ticks != 0)
                        {
                            return $"interval_start {start} is not a multiple of the interval {interval.Value} counted from 1970-01-01 (was the query run with another interval?)";
                        }

                        if (!file.Intervals.Add((key, at.UtcTicks)))
                        {
                            return $"a second interval row for {key} at {start} in the same file";
                        }

                        Intervals.TryGetValue((key, at.UtcTicks), out long n);
                        Intervals[(key, at.UtcTicks)] = n + requests;
                        return null;
                    }

                    case "backend":
                    {
                        var backend = Text("backend")?.Trim();
                        if (backend == null)
                        {
                            return "backend is empty in a backend row";
                        }

                        if (!TryPercentiles(Text, requests, out var percentiles, out reason))
                        {
                            return reason;
                        }

                        if (!file.Backends.Add(backend))
                        {
                            return $"a second backend row for {backend} in the same file";
                        }

                        if (!Backends.TryGetValue(backend, out var into))
                        {
                            Backends[backend] = into = new Aggregate(new IncidentKey(0, null, backend), Array.Empty<IncidentCause>());
                        }

                        into.Add(requests, firstSeen, lastSeen, Array.Empty<PathCount>());
                        into.AddPercentiles(percentiles);
                        return null;
                    }

                    default:
                        return kind.Length == 0 ? "row_kind is empty" : $"row_kind '{kind}' is none of window, incident, interval, backend";
                }
            }

            private bool TryKey(Func<string, string?> cell, out IncidentKey key, out IReadOnlyList<IncidentCause> causes, out string? reason)
            {
                key = default;
                causes = Array.Empty<IncidentCause>();
                var statusText = cell("status")?.Trim();
                if (string.IsNullOrEmpty(statusText))
                {
                    reason = "status is empty";
                    return false;
                }

                if (!QueryResultValues.TryInteger(statusText!, 0, 999, out long status, out reason))
                {
                    reason = "status " + reason;
                    return false;
                }

                var causeText = cell("cause")?.Trim();
                string? cause = null;
                if (!string.IsNullOrEmpty(causeText))
                {
                    var ids = causeText!.Split('|').Select(id => id.Trim()).ToArray();
                    var list = new List<IncidentCause>();
                    foreach (var id in ids.OrderBy(id => id, StringComparer.Ordinal))
                    {
                        var known = id.Length == 0 ? null : _catalog.Find(id);
                        if (known == null)
                        {
                            reason = $"cause '{id}' is not in the cause catalog (Get-LbCause lists it; pass the rule files that define it with -RulePath)";
                            return false;
                        }

                        var text = known.GetText(_owner._options.Culture);
                        list.Add(new IncidentCause(new CauseMatch(known, text, 0, Array.Empty<Evidence>(), "Named by the query result.")));
                    }

                    cause = string.Join("|", list.Select(c => c.Id));
                    causes = list;
                }

                var backend = cell("backend")?.Trim();
                key = new IncidentKey((int)status, cause, string.IsNullOrEmpty(backend) ? null : backend);
                reason = null;
                return true;
            }

            private static bool TryRequests(string? text, out long requests, out string? reason)
            {
                requests = 0;
                if (text == null)
                {
                    reason = "requests is empty";
                    return false;
                }

                if (!QueryResultValues.TryInteger(text.Trim(), 0, long.MaxValue, out requests, out reason))
                {
                    reason = "requests " + reason;
                    return false;
                }

                return true;
            }

            private static bool TryTime(string? text, string column, out DateTimeOffset? value, out string? reason)
            {
                value = null;
                reason = null;
                if (text == null)
                {
                    return true;
                }

                if (!QueryResultValues.TryTimestamp(text.Trim(), out var time, out reason))
                {
                    reason = column + " " + reason;
                    return false;
                }

                value = time;
                return true;
            }

            private static bool TryPercentiles(Func<string, string?> text, long requests, out LatencyPercentiles percentiles, out string? reason)
            {
                var values = new double?[3];
                string[] columns = { "p50_seconds", "p95_seconds", "p99_seconds" };
                for (int i = 0; i < columns.Length; i++)
                {
                    var cell = text(columns[i]);
                    if (cell == null)
                    {
                        continue;
                    }

                    if (!QueryResultValues.TrySeconds(cell.Trim(), out double seconds, out reason))
                    {
                        percentiles = null!;
                        reason = columns[i] + " " + reason;
                        return false;
                    }

                    values[i] = seconds;
                }

                reason = null;
                percentiles = new LatencyPercentiles(values.Any(v => v.HasValue) ? requests : 0, values[0], values[1], values[2], null);
                return true;
            }

            private static DateTimeOffset? Min(DateTimeOffset? a, DateTimeOffset? b) => a == null ? b : b == null ? a : (a < b ? a : b);

            private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset? b) => a == null ? b : b == null ? a : (a > b ? a : b);

            /// <summary>An incident or backend summed over the files that name it.</summary>
            public sealed class Aggregate
            {
                private readonly Dictionary<string, long> _paths = new Dictionary<string, long>(StringComparer.Ordinal);

                public Aggregate(IncidentKey key, IReadOnlyList<IncidentCause> causes)
                {
                    Key = key;
                    Causes = causes;
                }

                public IncidentKey Key { get; }

                public IReadOnlyList<IncidentCause> Causes { get; }

                public long Requests { get; private set; }

                public DateTimeOffset? First { get; private set; }

                public DateTimeOffset? Last { get; private set; }

                /// <summary>Of a backend in several files: the highest of each percentile (an upper bound; percentiles do not add up).</summary>
                public LatencyPercentiles Percentiles { get; private set; } = new LatencyPercentiles(0, null, null, null, null);

                public IEnumerable<PathCount> Paths => _paths.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => new PathCount(p.Key, p.Value, 0));

                public void Add(long requests, DateTimeOffset? first, DateTimeOffset? last, IReadOnlyList<PathCount> paths)
                {
                    Requests += requests;
                    First = Min(First, first);
                    Last = Max(Last, last);
                    foreach (var path in paths)
                    {
                        _paths.TryGetValue(path.Path, out long n);
                        _paths[path.Path] = n + path.Count;
                    }
                }

                public void AddPercentiles(LatencyPercentiles other)
                {
                    var p = Percentiles;
                    Percentiles = p.Count == 0 ? other : other.Count == 0 ? p : new LatencyPercentiles(p.Count + other.Count, Higher(p.P50, other.P50), Higher(p.P95, other.P95), Higher(p.P99, other.P99), null);
                }

                private static double? Higher(double? a, double? b) => a == null ? b : b == null ? a : Math.Max(a.Value, b.Value);
            }

            /// <summary>The keys one file has given, to catch a row repeated within it.</summary>
            public sealed class FileRows
            {
                public FileRows(string path)
                {
                    Path = path;
                }

                public string Path { get; }

                public bool HasWindow { get; set; }

                public HashSet<IncidentKey> Incidents { get; } = new HashSet<IncidentKey>();

                public HashSet<(IncidentKey, long)> Intervals { get; } = new HashSet<(IncidentKey, long)>();

                public HashSet<string> Backends { get; } = new HashSet<string>(StringComparer.Ordinal);
            }
        }
    }
}
