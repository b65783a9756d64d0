using System.Globalization;
using LbTools.Core.Common;
using LbTools.Core.Diagnosis;
using LbTools.Core.Logs;
using LbTools.Core.Tests.Support;
using LbTools.Core.Triage;

namespace LbTools.Core.Tests.Triage;

/// <summary>
/// The triage over the bundled ALB logs, counted by hand from examples/logs/aws-alb/*.log[.gz]:
/// 18 lines; elb_status_code 5xx on 10 of them (502 x5, 504 x3, 503, 500), 4xx on one (400).
/// The 11 lines of 2026-11-21 03:12-03:31 UTC: 10.0.3.21:8080 answered 502, 502, 200, 502;
/// 10.0.3.22:8080 502, 504, 500, 200; 10.0.3.23:8080 504, 504; one 503 had no target ("-").
/// Also over generated lines whose truth the test computes itself.
/// </summary>
public class TriageRunnerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 21, 3, 0, 0, TimeSpan.Zero);

    private static string Examples(string folder) => Path.Combine(AppContext.BaseDirectory, "examples", folder);

    private static TriageReport Run(TriageOptions options, IEnumerable<string> paths, CollectingSink? sink = null) =>
        new TriageRunner(options, sink ?? new CollectingSink()).Run(paths.SelectMany(p => AccessLogReader.ExpandFiles(p, recurse: true, NullOperationSink.Instance)).ToList(), CancellationToken.None);

    private static TriageOptions En() => new() { Culture = CultureInfo.GetCultureInfo("en"), Threads = 1 };

    [Fact]
    public void Bundled_alb_logs_give_the_hand_counted_totals_backends_and_incidents()
    {
        var report = Run(En(), new[] { Examples("aws-alb") });

        Assert.Equal(18, report.Totals.LinesRead);
        Assert.Equal(18, report.Totals.Parsed);
        Assert.Equal(18, report.Totals.Requests);
        Assert.Equal(10, report.Totals.ServerErrors);
        Assert.Equal(1, report.Totals.ClientErrors);
        Assert.Equal(2, report.Totals.Files.Count);

        var b21 = report.Backends.Single(b => b.Address == "10.0.3.21:8080");
        Assert.Equal(4, b21.Requests);
        Assert.Equal(3, b21.ServerErrors);
        Assert.Equal(0.75, b21.ServerErrorShare, 6);
        Assert.Equal(4, report.Backends.Single(b => b.Address == "10.0.3.22:8080").Requests);
        Assert.Equal(2, report.Backends.Single(b => b.Address == "10.0.3.23:8080").ServerErrors);

        // The three refused connects of 10.0.3.21 (target_processing_time -1, no target status) are one incident.
        var refused = report.Incidents.Single(i => i.Backend == "10.0.3.21:8080" && i.Status == 502);
        Assert.Equal(3, refused.Count);
        Assert.Equal("502.BackendConnectFailed", refused.Cause);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 3, 12, 5, 402, TimeSpan.Zero).AddTicks(1170), refused.FirstSeen);
        Assert.Contains(refused.Key, b21.Incidents);
        // Two refused connects are in node-a's plain log (lines 8 and 9 by grep -n), the third in node-b's .gz.
        Assert.Equal(new[] { "prod-web_node-a.log:8", "prod-web_node-a.log:9", "prod-web_node-b.log.gz:" }, refused.Samples.Select(s => Path.GetFileName(s.File!) + ":" + (s.File!.EndsWith(".gz", StringComparison.Ordinal) ? string.Empty : s.Line.ToString(CultureInfo.InvariantCulture))).OrderBy(f => f, StringComparer.Ordinal));
        Assert.NotEmpty(refused.Causes[0].Checks);
        Assert.Contains("10.0.3.21:8080", report.ImplicatedBackends);

        // Every diagnosed error sits in exactly one incident.
        Assert.Equal(report.Totals.Diagnosed, report.Incidents.Sum(i => i.Count));
        Assert.Equal(report.Timeline.Sum(i => i.Requests), report.Totals.Requests - report.Totals.Undated);
    }

    [Fact]
    public void Incidents_agree_with_resolve_lb_status_record_by_record_including_ties()
    {
        var options = En();
        var report = Run(options, new[] { Examples("") });
        var reader = new AccessLogReader(new AccessLogReadOptions(), new CollectingSink());
        var resolver = new StatusResolver(CauseCatalog.BuiltIn, options.Culture);
        var expected = reader.ReadFiles(AccessLogReader.ExpandFiles(Examples(""), recurse: true, NullOperationSink.Instance).ToList(), CancellationToken.None)
            .Select(resolver.Resolve)
            .Where(d => d != null)
            .GroupBy(d => (d!.Status, Cause: d.TopCause == null ? null : string.Join("|", d.TiedCauses.OrderBy(c => c, StringComparer.Ordinal)), d.Upstream))
            .ToDictionary(g => g.Key, g => (long)g.Count());

        Assert.Equal(expected.Count, report.Incidents.Count);
        foreach (var incident in report.Incidents)
        {
            Assert.Equal(expected[(incident.Status, incident.Cause, incident.Backend)], incident.Count);
            Assert.Equal(incident.Cause == null ? 0 : incident.Cause.Split('|').Length, incident.Causes.Count);
        }

        // The bundled Classic ELB 503 has no backend and two causes the log cannot tell apart.
        Assert.Contains(report.Incidents, i => i.IsTie && i.Cause == string.Join("|", i.Causes.Select(c => c.Id)));
    }

    [Fact]
    public void The_interval_is_chosen_from_the_span_and_counts_match_a_fixed_interval_run()
    {
        using var dir = new TempDirectory();
        var random = new Random(17);
        // Three hours of requests in random order: 3 h / 120 intervals is more than 1 min, so 5 min.
        var times = Enumerable.Range(0, 2000).Select(_ => T0.AddSeconds(random.Next(0, 3 * 3600))).ToArray();
        var lines = times.Select((t, i) => i % 10 == 0 ? AlbLines.ConnectFailed(t, "10.0.0.1:80") : AlbLines.Ok(t, "10.0.0.2:80"));
        var file = dir.File("a.log", AlbLines.Join(lines));

        var chosen = Run(En(), new[] { file });
        Assert.Equal(TimeSpan.FromMinutes(5), chosen.Interval);
        var expected = times.GroupBy(t => t.UtcTicks / TimeSpan.FromMinutes(5).Ticks).ToDictionary(g => g.Key, g => g.Count());
        foreach (var interval in chosen.Timeline)
        {
            expected.TryGetValue(interval.Start.UtcTicks / TimeSpan.FromMinutes(5).Ticks, out var n);
            Assert.Equal(n, interval.Requests);
        }

        var options = En();
        options.Interval = TimeSpan.FromMinutes(5);
        var fixedRun = Run(options, new[] { file });
        Assert.Equal(fixedRun.Timeline.Select(i => (i.Start, i.Requests, i.Status5xx)), chosen.Timeline.Select(i => (i.Start, i.Requests, i.Status5xx)));
        Assert.Equal(fixedRun.Incidents.Single().CountsByInterval, chosen.Incidents.Single().CountsByInterval);
        Assert.Equal(200, chosen.Incidents.Single().CountsByInterval.Sum());
    }

    [Fact]
    public void Last_counts_back_from_the_clock_and_accounts_for_every_line()
    {
        using var dir = new TempDirectory();
        var lines = Enumerable.Range(0, 120).Select(i => AlbLines.Ok(T0.AddMinutes(i), "10.0.0.2:80")).ToList();
        lines.Insert(50, "this is not a log line");
        lines.Insert(10, string.Empty);
        var file = dir.File("a.log", AlbLines.Join(lines));
        var options = En();
        options.Last = TimeSpan.FromMinutes(30);
        options.Now = () => T0.AddMinutes(119);
        var sink = new CollectingSink();

        var report = Run(options, new[] { file }, sink);

        Assert.Equal(T0.AddMinutes(89), report.Since);
        Assert.Equal(31, report.Totals.Requests); // minutes 89..119 inclusive
        Assert.Equal(120 - 31, report.Totals.OutsideWindow);
        Assert.Equal(1, report.Totals.Rejected);
        Assert.Equal(1, report.Totals.Skipped);
        Assert.Equal(report.Totals.LinesRead, report.Totals.Parsed + report.Totals.Rejected + report.Totals.Skipped);
        Assert.Equal(report.Totals.Parsed, report.Totals.Requests + report.Totals.OutsideWindow);
        var error = Assert.Single(sink.Errors);
        Assert.Equal($"{file}:52", error.Target);
    }

    [Fact]
    public void A_jump_is_the_interval_whose_5xx_rate_leaps_above_the_ones_before()
    {
        using var dir = new TempDirectory();
        var lines = new List<string>();
        for (int minute = 0; minute < 10; minute++)
        {
            for (int i = 0; i < 100; i++)
            {
                var t = T0.AddMinutes(minute).AddMilliseconds(i * 100);
                // 1 % 5xx for nine minutes, 40 % in minute 7.
                bool fail = minute == 7 ? i < 40 : i == 0;
                lines.Add(fail ? AlbLines.ConnectFailed(t, "10.0.0.1:80") : AlbLines.Ok(t, "10.0.0.2:80"));
            }
        }

        var options = En();
        options.Interval = TimeSpan.FromMinutes(1);
        var report = Run(options, new[] { dir.File("a.log", AlbLines.Join(lines)) });

        var jump = Assert.Single(report.Jumps);
        Assert.Equal(T0.AddMinutes(7), jump.Start);
        Assert.Equal(0.4, jump.Rate, 6);
        Assert.Equal(0.01, jump.BaselineRate, 6);
        Assert.True(report.Timeline[7].Jump);
        Assert.Equal(10, report.Timeline.Count);
    }

    [Theory]
    [InlineData(50.0, true, TriageOutcome.ThresholdCrossed)]
    [InlineData(60.0, false, TriageOutcome.BelowThreshold)]
    public void The_verdict_compares_the_5xx_share_with_the_threshold(double threshold, bool crossed, TriageOutcome outcome)
    {
        var options = En();
        options.Threshold = threshold;
        var report = Run(options, new[] { Examples("aws-alb") });

        Assert.Equal(100.0 * 10 / 18, report.Verdict.ServerErrorPercent, 6);
        Assert.Equal(crossed, report.Verdict.ThresholdCrossed);
        Assert.Equal(outcome, report.Verdict.Outcome);
        Assert.Equal(502, report.Verdict.WorstIncident!.Status);
        Assert.Equal(3, report.Verdict.WorstIncident.Count);
        Assert.Equal(3.0 / 18, report.Verdict.WorstShare, 6);
    }

    [Fact]
    public void Only_successes_give_a_clean_verdict_and_an_empty_window_says_no_requests()
    {
        using var dir = new TempDirectory();
        var file = dir.File("a.log", AlbLines.Join(Enumerable.Range(0, 5).Select(i => AlbLines.Ok(T0.AddSeconds(i), "10.0.0.2:80"))));
        Assert.Equal(TriageOutcome.Clean, Run(En(), new[] { file }).Verdict.Outcome);

        var options = En();
        options.Since = T0.AddDays(1);
        var empty = Run(options, new[] { file });
        Assert.Equal(TriageOutcome.NoRequests, empty.Verdict.Outcome);
        Assert.Equal(5, empty.Totals.OutsideWindow);
    }

    [Fact]
    public void Incidents_and_backends_stay_bounded_with_an_overflow_group()
    {
        using var dir = new TempDirectory();
        // 300 distinct backends, each refusing one connection.
        var lines = Enumerable.Range(0, 300).Select(i => AlbLines.ConnectFailed(T0.AddSeconds(i), $"10.1.{i / 250}.{i % 250}:80"));
        var options = En();
        options.MaxIncidents = 10;
        options.MaxBackends = 20;
        var report = Run(options, new[] { dir.File("a.log", AlbLines.Join(lines)) });

        Assert.Equal(11, report.Incidents.Count);
        var overflow = report.Incidents.Single(i => i.Backend == TriageAggregator.OverflowBackend);
        Assert.Equal(290, overflow.Count);
        Assert.Equal(21, report.Backends.Count);
        Assert.Equal(280, report.Backends.Single(b => b.Address == TriageAggregator.OverflowBackend).Requests);
        Assert.DoesNotContain(TriageAggregator.OverflowBackend, report.ImplicatedBackends);
    }

    [Fact]
    public void Backend_percentiles_are_those_of_the_logged_times()
    {
        using var dir = new TempDirectory();
        // target_processing_time 0.001 .. 1.000 s in steps of 1 ms: nearest-rank p50 = 0.500, p95 = 0.950, p99 = 0.990.
        var lines = Enumerable.Range(1, 1000).Select(i => AlbLines.Ok(T0.AddMilliseconds(i), "10.0.0.2:80", targetTime: i / 1000.0));
        var report = Run(En(), new[] { dir.File("a.log", AlbLines.Join(lines)) });

        var backend = report.Backends.Single();
        Assert.Equal(1000, backend.UpstreamTime.Count);
        Assert.Equal(0.500, backend.UpstreamTime.P50!.Value, 0.005);
        Assert.Equal(0.950, backend.UpstreamTime.P95!.Value, 0.0095);
        Assert.Equal(0.990, backend.UpstreamTime.P99!.Value, 0.0099);
        // Request time is the sum of the three: 0.001 + target + 0.000.
        Assert.Equal(0.501, backend.RequestTime.P50!.Value, 0.00501);
    }

    [Fact]
    public void The_checklist_is_given_once_for_the_report_not_per_incident()
    {
        var report = Run(En(), new[] { Examples("") });
        Assert.NotEmpty(report.Checklist);
        Assert.Equal(report.Checklist.Count, report.Checklist.Select(s => s.Id).Distinct().Count());
        Assert.DoesNotContain(report.Checklist, s => s.Phase == TriagePhase.Prevent);
        // Incidents carry their causes' own checks only.
        var generic = new HashSet<string>(TriageChecklist.BuiltIn.Steps(CultureInfo.GetCultureInfo("en")).Select(s => s.Text));
        Assert.All(report.Incidents.SelectMany(i => i.Causes).SelectMany(c => c.Checks), check => Assert.DoesNotContain(check, generic));
    }

    [Fact]
    public void Evidence_providers_add_to_the_incidents_after_the_read()
    {
        var options = En();
        var provider = new FakeEvidence();
        options.EvidenceProviders.Add(provider);
        var report = Run(options, new[] { Examples("aws-alb") });

        Assert.Equal(report.Incidents.Count, provider.Asked);
        var refused = report.Incidents.Single(i => i.Backend == "10.0.3.21:8080" && i.Status == 502);
        var added = Assert.Single(refused.Evidence, e => e.Kind == "error-log");
        Assert.Equal("connect() failed (111: Connection refused) while connecting to upstream", added.Sentence);
        Assert.Contains(refused.Evidence, e => e.Kind == "log");
    }

    [Fact]
    public void Japanese_culture_gives_the_cause_texts_in_japanese()
    {
        var options = En();
        options.Culture = CultureInfo.GetCultureInfo("ja");
        var report = Run(options, new[] { Examples("aws-alb") });
        var expected = CauseCatalog.BuiltIn.Find("502.BackendConnectFailed")!.GetText(CultureInfo.GetCultureInfo("ja")).Title;
        Assert.Equal(expected, report.Incidents.Single(i => i.Backend == "10.0.3.21:8080" && i.Status == 502).Causes[0].Title);
        Assert.NotEqual(CauseCatalog.BuiltIn.Find("502.BackendConnectFailed")!.GetText(CultureInfo.GetCultureInfo("en")).Title, expected);
    }

    [Fact]
    public void A_cancelled_triage_stops_with_operation_cancelled()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var runner = new TriageRunner(En(), new CollectingSink());
        Assert.ThrowsAny<OperationCanceledException>(() => runner.Run(AccessLogReader.ExpandFiles(Examples("aws-alb"), true, NullOperationSink.Instance).ToList(), cancel.Token));
    }

    [Theory]
    [InlineData("2h", 7200)]
    [InlineData("90s", 90)]
    [InlineData("15m", 900)]
    [InlineData("1d", 86400)]
    [InlineData("1w", 604800)]
    [InlineData("01:30:00", 5400)]
    public void Durations_read_as_people_type_them(string text, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Durations.Parse(text, "-Last"));

    [Theory]
    [InlineData("2")]
    [InlineData("-2h")]
    [InlineData("h")]
    [InlineData("two hours")]
    public void A_bad_duration_is_an_error_naming_it(string text)
    {
        var error = Assert.Throws<ArgumentException>(() => Durations.Parse(text, "-Last"));
        Assert.Contains($"'{text}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_diagnosis_settings_reach_the_rules()
    {
        // AWS ALB troubleshooting, HTTP 504: a target connection must open within 10 s. A 504
        // after 30 s without a target answer is no connect timeout with the default, but is when
        // the triage is told the connect timeout is 30 s.
        using var dir = new TempDirectory();
        var t = new DateTimeOffset(2026, 1, 1, 0, 0, 30, TimeSpan.Zero);
        var file = dir.File("a.log", AlbLines.Join(new[] { AlbLines.Line(t, "10.0.0.1:80", 504, "-", targetTime: -1, response: -1, created: t.AddSeconds(-30)) }));

        Assert.Equal("504.BackendResponseTimeout", Run(En(), new[] { file }).Incidents.Single().Cause);
        var options = En();
        options.Settings.ConnectTimeout = TimeSpan.FromSeconds(30);
        Assert.Equal("504.BackendConnectTimeout", Run(options, new[] { file }).Incidents.Single().Cause);
    }

    [Fact]
    public void Last_and_since_together_are_refused()
    {
        var options = new TriageOptions { Last = TimeSpan.FromHours(1), Since = T0 };
        Assert.Contains("-Last", Assert.Throws<ArgumentException>(options.Validate).Message, StringComparison.Ordinal);
    }

    private sealed class FakeEvidence : IIncidentEvidenceProvider
    {
        public int Asked { get; private set; }

        public string Name => "test error log";

        public IEnumerable<IncidentEvidence> EvidenceFor(TriageIncident incident, CancellationToken cancellationToken)
        {
            Asked++;
            if (incident.Backend == "10.0.3.21:8080")
            {
                yield return new IncidentEvidence("error-log", "502.BackendConnectFailed", "connect() failed (111: Connection refused) while connecting to upstream", where: "error.log:3");
            }
        }
    }
}

public class TriageFastPathTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 21, 3, 0, 0, TimeSpan.Zero);

    /// <summary>Everything a report says, as text, to compare two runs.</summary>
    private static string Shape(TriageReport r) => string.Join("\n", new[]
        {
            $"{r.Interval} {r.FirstRecord} {r.LastRecord} {r.Totals.LinesRead} {r.Totals.Parsed} {r.Totals.Requests} {r.Totals.ClientErrors} {r.Totals.ServerErrors} {r.Totals.Diagnosed} {r.Totals.OutsideWindow}",
        }
        .Concat(r.Timeline.Select(i => $"{i.Start:O} {i.Status2xx} {i.Status3xx} {i.Status4xx} {i.Status5xx} {i.RequestTime} {i.UpstreamTime}"))
        .Concat(r.Backends.Select(b => $"{b.Address} {b.Requests} {b.ServerErrors} {b.RequestTime} {b.UpstreamTime} {string.Join(",", b.Incidents)}"))
        .Concat(r.Incidents.Select(i => $"{i.Key} {i.Count} {i.FirstSeen:O} {i.LastSeen:O} {string.Join(",", i.CountsByInterval)}")));

    [Theory]
    [InlineData(1, null)]
    [InlineData(2, 0L)]
    public void Counting_from_the_fields_gives_the_report_building_every_record_gives(int threads, long? parallelFrom)
    {
        using var dir = new TempDirectory();
        var random = new Random(3);
        var lines = new List<string>();
        for (int i = 0; i < 20_000; i++)
        {
            var t = T0.AddSeconds(random.Next(0, 6 * 3600));
            string target = $"10.0.0.{random.Next(1, 6)}:80";
            lines.Add(random.Next(0, 50) switch
            {
                0 => AlbLines.ConnectFailed(t, target),
                1 => AlbLines.Line(t, target, 404, "404"),
                2 => AlbLines.Line(t, "-", 503, "-", targetTime: -1, response: -1),
                3 => AlbLines.Line(t, target, 301, "301"),
                _ => AlbLines.Ok(t, target, targetTime: random.NextDouble() * 2, path: "/p" + random.Next(0, 20)),
            });
        }

        var files = new[] { dir.File("a.log", AlbLines.Join(lines.Take(12_000))), dir.GzipFile("b.log.gz", AlbLines.Join(lines.Skip(12_000))) };
        TriageReport Run(bool fast)
        {
            var options = new TriageOptions { Culture = CultureInfo.GetCultureInfo("en"), Threads = threads, FastPath = fast, ParallelFrom = parallelFrom };
            options.Since = T0.AddHours(1);
            return new TriageRunner(options, new CollectingSink()).Run(files, CancellationToken.None);
        }

        var slow = Run(fast: false);
        var quick = Run(fast: true);
        Assert.Equal(0, slow.Totals.CountedFromFields);
        Assert.True(quick.Totals.CountedFromFields > 0.9 * quick.Totals.Requests, $"{quick.Totals.CountedFromFields} of {quick.Totals.Requests} counted from fields");
        Assert.Equal(Shape(slow), Shape(quick));
    }
}

public class TriageProgressTests
{
    [Fact]
    public void Progress_names_the_file_of_how_many_the_lines_per_second_and_ends_completed()
    {
        using var dir = new TempDirectory();
        var t0 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var lines = AlbLines.Join(Enumerable.Range(0, 3000).Select(i => AlbLines.Ok(t0.AddSeconds(i), "10.0.0.2:80")));
        var files = new[] { dir.File("a.log", lines), dir.File("b.log", lines) };
        var sink = new CollectingSink();
        var options = new TriageOptions { Threads = 1, ProgressInterval = TimeSpan.Zero };

        new TriageRunner(options, sink).Run(files, CancellationToken.None);

        Assert.Contains(sink.Progress, p => p.Activity == TriageRunner.ProgressActivity && p.Status.StartsWith("file 1 of 2: ", StringComparison.Ordinal) && p.Status.Contains("lines/s", StringComparison.Ordinal));
        var second = sink.Progress.First(p => p.Status.StartsWith("file 2 of 2: ", StringComparison.Ordinal));
        Assert.Equal(50, second.PercentComplete);
        Assert.Contains("left", second.Status, StringComparison.Ordinal);
        Assert.True(sink.Progress[^1].Completed);
        Assert.Empty(sink.Errors);
    }
}
