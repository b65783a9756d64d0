using System.Globalization;
using LbTools.Core.Diagnosis;
using LbTools.Core.Logs;
using LbTools.Core.Queries;
using LbTools.Core.Reports;
using LbTools.Core.Tests.Support;
using LbTools.Core.Triage;

namespace LbTools.Core.Tests.Queries;

/// <summary>
/// The triage query result read back, on CSV text written by hand from the result's contract:
/// columns row_kind,status,cause,backend,interval_start,requests,first_seen,last_seen,
/// p50_seconds,p95_seconds,p99_seconds,top_paths; one window row, incident rows per (status,
/// cause, backend), interval rows per incident and interval, backend rows per upstream.
/// The expected numbers are counted from the CSV text in each test.
/// </summary>
public class QueryResultReaderTests
{
    private const string Header = "row_kind,status,cause,backend,interval_start,requests,first_seen,last_seen,p50_seconds,p95_seconds,p99_seconds,top_paths";

    // 40 requests in the window; 5 x 502 connect failures at .21 (3 in 03:10, 2 in 03:15), 2 x 504
    // at .23, 1 x 404 without a cause or backend; backends .21 (20 requests) and .23 (10 requests).
    private const string Sample = Header + "\r\n"
        + "window,,,,,40,2026-11-21 03:10:02,2026-11-21 03:19:59.5,,,,\r\n"
        + "incident,502,502.BackendConnectFailed,10.0.3.21:8080,,5,2026-11-21 03:12:05.402117,2026-11-21 03:16:00,0.001,0.002,0.002,\"{\"\"/api/cart\"\": 3, \"\"/api/orders\"\": 2}\"\r\n"
        + "incident,504,504.BackendConnectTimeout,10.0.3.23:8080,,2,2026-11-21 03:15:10,2026-11-21 03:18:15,10,10,10,\"{\"\"/api/recommendations\"\": 2}\"\r\n"
        + "incident,404,,,,1,2026-11-21 03:11:00,2026-11-21 03:11:00,,,,\r\n"
        + "interval,502,502.BackendConnectFailed,10.0.3.21:8080,2026-11-21 03:10:00,3,,,,,,\r\n"
        + "interval,502,502.BackendConnectFailed,10.0.3.21:8080,2026-11-21 03:15:00,2,,,,,,\r\n"
        + "interval,504,504.BackendConnectTimeout,10.0.3.23:8080,2026-11-21 03:15:00,2,,,,,,\r\n"
        + "interval,404,,,2026-11-21 03:10:00,1,,,,,,\r\n"
        + "backend,,,10.0.3.21:8080,,20,2026-11-21 03:10:02,2026-11-21 03:19:00,0.012,0.2,0.31,\r\n"
        + "backend,,,10.0.3.23:8080,,10,2026-11-21 03:10:30,2026-11-21 03:18:15,,,,\r\n";

    private static TriageOptions En(double? threshold = null) => new() { Culture = CultureInfo.GetCultureInfo("en"), Threshold = threshold };

    private static TriageReport Read(TempDirectory dir, string csv, CollectingSink? sink = null, TriageOptions? options = null, string name = "result.csv") =>
        new QueryResultReader(options ?? En(), LbProvider.AwsAlb, sink ?? new CollectingSink()).Read(new[] { dir.File(name, csv) }, CancellationToken.None);

    [Fact]
    public void A_result_becomes_the_incidents_backends_timeline_and_verdict_of_a_triage_report()
    {
        using var dir = new TempDirectory();
        var sink = new CollectingSink();
        var report = Read(dir, Sample, sink, En(threshold: 10));

        Assert.Empty(sink.Errors);
        Assert.Equal(40, report.Totals.Requests);
        Assert.Equal(7, report.Totals.ServerErrors);
        Assert.Equal(1, report.Totals.ClientErrors);
        Assert.Equal(8, report.Totals.Diagnosed);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 3, 10, 2, TimeSpan.Zero), report.FirstRecord);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 3, 19, 59, 500, TimeSpan.Zero), report.LastRecord);

        // Largest first, as the in-process triage orders them.
        Assert.Equal(new[] { 5L, 2, 1 }, report.Incidents.Select(i => i.Count));
        var refused = report.Incidents[0];
        Assert.Equal(new IncidentKey(502, "502.BackendConnectFailed", "10.0.3.21:8080"), refused.Key);
        Assert.Equal(LbProvider.AwsAlb, refused.Provider);
        var catalog = CauseCatalog.BuiltIn.Get("502.BackendConnectFailed");
        var cause = Assert.Single(refused.Causes);
        Assert.Equal(catalog.GetText(CultureInfo.GetCultureInfo("en")).Title, cause.Title);
        Assert.Equal(catalog.GetText(CultureInfo.GetCultureInfo("en")).Checks, cause.Checks);
        Assert.Equal(catalog.Source, cause.Source);
        Assert.Equal(cause.Title, refused.Title);
        Assert.Equal(5.0 / 40, refused.Share, 9);
        Assert.Equal(5.0 / 8, refused.ErrorShare, 9);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 3, 12, 5, TimeSpan.Zero).AddTicks(4021170), refused.FirstSeen);
        Assert.Equal(new[] { ("/api/cart", 3L), ("/api/orders", 2L) }, refused.TopPaths.Select(p => (p.Path, p.Count)));
        Assert.Empty(refused.Samples);
        Assert.Empty(refused.Evidence);

        var noCause = report.Incidents[2];
        Assert.Null(noCause.Cause);
        Assert.Null(noCause.Backend);
        Assert.Empty(noCause.Causes);
        Assert.Null(noCause.Title);

        // Two 5-minute intervals (03:10 and 03:15), inferred from the interval_start values; the window fits in them.
        Assert.Equal(TimeSpan.FromMinutes(5), report.Interval);
        Assert.Equal(2, report.Timeline.Count);
        Assert.Equal(new[] { 3L, 2 }, refused.CountsByInterval);
        Assert.Equal(new[] { 0L, 2 }, report.Incidents[1].CountsByInterval);
        Assert.Equal(new[] { 1L, 0 }, noCause.CountsByInterval);
        Assert.Equal(3, report.Timeline[0].Status5xx);
        Assert.Equal(1, report.Timeline[0].Status4xx);
        Assert.Equal(4, report.Timeline[1].Status5xx);
        // The interval rows cover the 8 errors, not the 40 requests: no jump is computed from them.
        Assert.False(report.QueryResult!.TimelineHasAllRequests);
        Assert.Empty(report.Jumps);

        // Backends: the two rows, plus the 10 requests without a backend the window counts beyond them.
        Assert.Equal(new string?[] { "10.0.3.21:8080", "10.0.3.23:8080", null }, report.Backends.Select(b => b.Address));
        var b21 = report.Backends[0];
        Assert.Equal(20, b21.Requests);
        Assert.Equal(5, b21.ServerErrors);
        Assert.Equal(0.012, b21.UpstreamTime.P50);
        Assert.Equal(0.31, b21.UpstreamTime.P99);
        Assert.Equal(new[] { refused.Key }, b21.Incidents);
        Assert.Equal(0, report.Backends[1].UpstreamTime.Count);
        Assert.Equal(10, report.Backends[2].Requests);
        Assert.Equal(1, report.Backends[2].ClientErrors);

        Assert.Equal(new[] { "10.0.3.21:8080", "10.0.3.23:8080" }, report.ImplicatedBackends);
        Assert.NotEmpty(report.Checklist);
        // 7 of 40 answers are 5xx: 17.5 % > 10 %.
        Assert.Equal(TriageOutcome.ThresholdCrossed, report.Verdict.Outcome);
        Assert.Same(refused, report.Verdict.WorstIncident);
        Assert.Equal(17.5, report.Verdict.ServerErrorPercent, 9);

        Assert.Equal(10, report.QueryResult.RowsRead);
        Assert.Equal(10, report.QueryResult.RowsUsed);
    }

    [Fact]
    public void Quoted_fields_hold_commas_quotes_and_line_breaks_and_line_numbers_count_physical_lines()
    {
        using var dir = new TempDirectory();
        var sink = new CollectingSink();
        // A BOM, LF line ends, every field quoted as Athena writes them, and a top_paths cell
        // printed over two lines holding a path with a comma and one with quotes (JSON-escaped,
        // then doubled for CSV); then a bad row on physical line 5.
        string csv = "\uFEFF" + string.Join(",", Header.Split(',').Select(h => $"\"{h}\"")) + "\n"
            + "\"window\",\"\",\"\",\"\",\"\",\"3\",\"2026-11-21 03:10:00\",\"2026-11-21 03:10:09\",\"\",\"\",\"\",\"\"\n"
            + "\"incident\",\"502\",\"502.BackendConnectFailed\",\"10.0.3.21:8080\",\"\",\"2\",\"\",\"\",\"\",\"\",\"\","
            + @"""{""""/a,b"""": 1,
 """"/say \""""hi\"""""""": 1}""" + "\n"
            + "incident,503,503.NoBackend,,,x,,,,,,\n";

        var report = Read(dir, csv, sink);

        var incident = Assert.Single(report.Incidents);
        Assert.Equal(2, incident.Count);
        Assert.Equal(new[] { "/a,b", "/say \"hi\"" }, incident.TopPaths.Select(p => p.Path));
        var error = Assert.Single(sink.Errors);
        Assert.Equal("QueryResultRowRejected", error.ErrorId);
        Assert.Equal($"{Path.Combine(dir.Path, "result.csv")}:5", error.Target);
        Assert.Contains("requests 'x' is not a whole number", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, report.QueryResult!.RowsRead);
        Assert.Equal(1, report.QueryResult.RowsRejected);
        Assert.Equal(report.QueryResult.RowsRead, report.QueryResult.RowsUsed + report.QueryResult.RowsRejected + report.QueryResult.RowsSkipped);
    }

    [Theory]
    [InlineData("2026-11-21 03:12:05.402117")]
    [InlineData("2026-11-21T03:12:05.402117")]
    [InlineData("2026-11-21 03:12:05.402117Z")]
    [InlineData("2026-11-21T03:12:05.402117Z")]
    [InlineData("2026-11-21 03:12:05.402117 UTC")]
    [InlineData("2026-11-21 03:12:05.402117000")]
    [InlineData("2026-11-21 03:12:05.402117+00")]
    [InlineData("2026-11-21 12:12:05.402117+09:00")]
    [InlineData("2026-11-21 03:12:05.402117-00:00")]
    [InlineData("1795230725.402117")]
    public void Timestamps_in_the_shapes_Athena_SLS_and_DuckDB_print_are_the_same_instant(string shape)
    {
        // 1795230725 = 2026-11-21 03:12:05 UTC (date -u -d @1795230725).
        var expected = new DateTimeOffset(2026, 11, 21, 3, 12, 5, TimeSpan.Zero).AddTicks(4021170);

        Assert.True(QueryResultValues.TryTimestamp(shape, out var value, out var reason), reason);
        Assert.Equal(expected, value);
        Assert.Equal(TimeSpan.Zero, value.Offset);
    }

    [Theory]
    [InlineData("21/Nov/2026:03:12:05 +0000")]
    [InlineData("2026-11-21")]
    [InlineData("2026-13-21 03:12:05")]
    [InlineData("2026-11-21 03:12")]
    [InlineData("yesterday")]
    [InlineData("2026-11-21 03:12:05 JST")]
    public void Other_timestamps_are_refused_with_the_shapes_that_are_accepted(string shape)
    {
        Assert.False(QueryResultValues.TryTimestamp(shape, out _, out var reason));
        Assert.Contains(shape, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tie_names_several_catalog_causes_in_ordinal_order()
    {
        using var dir = new TempDirectory();
        // Written in reverse order: the key is normalized to the in-process form "A|B" (ordinal).
        var report = Read(dir, Header + "\nwindow,,,,,4,,,,,,\nincident,502,502.BackendConnectFailed|502.AllBackendsUnhealthy,10.0.3.21:8080,,4,,,,,,\n");

        var incident = Assert.Single(report.Incidents);
        Assert.Equal("502.AllBackendsUnhealthy|502.BackendConnectFailed", incident.Cause);
        Assert.True(incident.IsTie);
        Assert.Equal(new[] { "502.AllBackendsUnhealthy", "502.BackendConnectFailed" }, incident.Causes.Select(c => c.Id));
        Assert.Equal(string.Join(" / ", incident.Causes.Select(c => c.Title)), incident.Title);
        // No dated row at all: no timeline, nothing to align to.
        Assert.Empty(report.Timeline);
        Assert.Empty(incident.CountsByInterval);
    }

    [Fact]
    public void Causes_and_report_text_follow_the_culture()
    {
        using var dir = new TempDirectory();
        var ja = new TriageOptions { Culture = CultureInfo.GetCultureInfo("ja") };
        var report = Read(dir, Sample, options: ja);

        var expected = CauseCatalog.BuiltIn.Get("502.BackendConnectFailed").GetText(CultureInfo.GetCultureInfo("ja")).Title;
        Assert.Equal(expected, report.Incidents[0].Causes[0].Title);
        Assert.Contains("クエリ結果から集計", TriageMarkdown.ToText(report), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("incident,502,502.NoSuchCause,10.0.3.21:8080,,1,,,,,,", "cause '502.NoSuchCause' is not in the cause catalog")]
    [InlineData("incident,,502.BackendConnectFailed,10.0.3.21:8080,,1,,,,,,", "status is empty")]
    [InlineData("incident,5o2,,,,1,,,,,,", "status '5o2' is not a whole number")]
    [InlineData("incident,502,,,,-1,,,,,,", "requests '-1' is not a whole number")]
    [InlineData("incident,502,,,,1,2026-11-21 3:12,,,,,", "first_seen '2026-11-21 3:12' is not a timestamp")]
    [InlineData("incident,502,,,,1,,,fast,,,", "p50_seconds 'fast' is not a number of seconds")]
    [InlineData("incident,502,,,,1,,,,,,[1]", "top_paths must be a JSON object")]
    [InlineData("incident,502,,,,1,,,,,,\"{\"\"/a\"\": \"\"many\"\"}\"", "top_paths: the count of '/a' is not a whole number")]
    [InlineData("interval,502,,,,1,,,,,,", "interval_start is empty")]
    [InlineData("backend,,,,,1,,,,,,", "backend is empty")]
    [InlineData("summary,,,,,1,,,,,,", "row_kind 'summary' is none of window, incident, interval, backend")]
    [InlineData("incident,502,,,,1,,,,,", "11 fields, the header names 12")]
    [InlineData("incident,502,,\"10.0.3.21\"x,,1,,,,,,", "text after the closing quote of field 4")]
    [InlineData("incident,502,,10.0.3.\"21,,1,,,,,,", "a double quote inside unquoted field 4")]
    [InlineData("window,,,,,1,,,,,,", "a second window row in the same file")]
    [InlineData("incident,404,,,,1,,,,,,", "a second incident row for 404 - @ - in the same file")]
    public void A_bad_row_is_an_error_naming_file_and_line_and_the_other_rows_still_count(string row, string message)
    {
        using var dir = new TempDirectory();
        var sink = new CollectingSink();
        string csv = Header + "\n" + "window,,,,,10,,,,,,\n" + "incident,404,,,,1,,,,,,\n" + row + "\n" + "incident,500,500.FromBackend,10.0.3.22:8080,,2,,,,,,\n";

        var report = Read(dir, csv, sink);

        var error = Assert.Single(sink.Errors);
        Assert.Equal($"{Path.Combine(dir.Path, "result.csv")}:4", error.Target);
        Assert.Equal(LbTools.Core.Common.LbErrorCategory.InvalidData, error.Category);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(new[] { 404, 500 }, report.Incidents.Select(i => i.Status).OrderBy(s => s));
        Assert.Equal(10, report.Totals.Requests);
        Assert.Equal(4, report.QueryResult!.RowsRead);
        Assert.Equal(1, report.QueryResult.RowsRejected);
    }

    [Fact]
    public void A_quote_left_open_is_an_error_naming_the_line_it_opened_on()
    {
        using var dir = new TempDirectory();
        var sink = new CollectingSink();

        var report = Read(dir, Header + "\nwindow,,,,,1,,,,,,\n\nincident,502,,\"10.0.3.21:8080,,1,,,,,,\nmore\n", sink);

        var error = Assert.Single(sink.Errors);
        Assert.Equal($"{Path.Combine(dir.Path, "result.csv")}:4", error.Target);
        Assert.Contains("a quoted field opened on line 4 is never closed", error.Message, StringComparison.Ordinal);
        Assert.Empty(report.Incidents);
        // The window row, the blank line, the broken row.
        Assert.Equal(3, report.QueryResult!.RowsRead);
        Assert.Equal(1, report.QueryResult.RowsSkipped);
    }

    [Fact]
    public void Missing_required_columns_fail_the_file_naming_them_and_extra_columns_are_ignored()
    {
        using var dir = new TempDirectory();
        var reader = new QueryResultReader(En(), LbProvider.AwsAlb, new CollectingSink());
        var missing = dir.File("missing.csv", "row_kind,status,backend,requests,first_seen\nwindow,,,1,\n");

        var ex = Assert.Throws<InvalidDataException>(() => reader.Read(new[] { missing }, CancellationToken.None));
        Assert.Contains("missing.csv", ex.Message, StringComparison.Ordinal);
        Assert.Contains("no column cause, interval_start, last_seen", ex.Message, StringComparison.Ordinal);

        // Extra columns (an engine's own, in any place) and no percentile or top_paths columns.
        var extra = dir.File("extra.csv", "query_id,row_kind,status,cause,backend,interval_start,requests,first_seen,last_seen,bytes\nq1,window,,,,,3,,,9\nq1,incident,503,503.NoBackend,,,3,,,9\n");
        var report = reader.Read(new[] { extra }, CancellationToken.None);
        Assert.Equal(3, Assert.Single(report.Incidents).Count);
    }

    [Fact]
    public void A_file_without_its_window_row_or_without_a_header_fails_naming_the_file()
    {
        using var dir = new TempDirectory();
        var reader = new QueryResultReader(En(), LbProvider.AwsAlb, new CollectingSink());
        var noWindow = dir.File("nowindow.csv", Header + "\nincident,502,,,,1,,,,,,\n");
        var empty = dir.File("empty.csv", string.Empty);

        var ex = Assert.Throws<InvalidDataException>(() => reader.Read(new[] { noWindow }, CancellationToken.None));
        Assert.Contains("nowindow.csv: no row with row_kind 'window'", ex.Message, StringComparison.Ordinal);
        ex = Assert.Throws<InvalidDataException>(() => reader.Read(new[] { empty }, CancellationToken.None));
        Assert.Contains("empty.csv: the file is empty", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_result_files_add_up_and_backend_percentiles_take_the_higher_value()
    {
        using var dir = new TempDirectory();
        var first = dir.File("day1.csv", Header + "\nwindow,,,,,10,2026-11-20 10:00:00,2026-11-20 11:00:00,,,,\nincident,502,502.BackendConnectFailed,10.0.3.21:8080,,2,2026-11-20 10:30:00,2026-11-20 10:40:00,,,,\"{\"\"/a\"\": 2}\"\nbackend,,,10.0.3.21:8080,,5,,,0.1,0.5,0.9,\n");
        var second = dir.File("day2.csv", Header + "\nwindow,,,,,30,2026-11-21 10:00:00,2026-11-21 11:00:00,,,,\nincident,502,502.BackendConnectFailed,10.0.3.21:8080,,3,2026-11-21 10:30:00,2026-11-21 10:31:00,,,,\"{\"\"/b\"\": 2, \"\"/a\"\": 1}\"\nbackend,,,10.0.3.21:8080,,15,,,0.2,0.4,1.5,\n");

        var report = new QueryResultReader(En(), LbProvider.AwsAlb, new CollectingSink()).Read(new[] { first, second }, CancellationToken.None);

        Assert.Equal(40, report.Totals.Requests);
        var incident = Assert.Single(report.Incidents);
        Assert.Equal(5, incident.Count);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 10, 30, 0, TimeSpan.Zero), incident.FirstSeen);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 10, 31, 0, TimeSpan.Zero), incident.LastSeen);
        Assert.Equal(new[] { ("/a", 3L), ("/b", 2L) }, incident.TopPaths.Select(p => (p.Path, p.Count)));
        var backend = report.Backends.Single(b => b.Address == "10.0.3.21:8080");
        Assert.Equal(20, backend.Requests);
        Assert.Equal((0.2, 0.5, 1.5), (backend.UpstreamTime.P50!.Value, backend.UpstreamTime.P95!.Value, backend.UpstreamTime.P99!.Value));
        Assert.Equal(new[] { first, second }, report.QueryResult!.Files);
    }

    [Fact]
    public void Interval_rows_that_cover_every_request_give_a_full_timeline_with_jumps()
    {
        using var dir = new TempDirectory();
        // 12 x 200 per minute for 4 minutes, then a minute of 6 x 200 and 6 x 502: 60 requests.
        var rows = new List<string> { Header, "window,,,,,60,2026-11-21 03:00:00,2026-11-21 03:04:59,,,," };
        for (int m = 0; m < 4; m++)
        {
            rows.Add($"interval,200,,10.0.3.21:8080,2026-11-21 03:0{m}:00,12,,,,,,");
        }

        rows.Add("interval,200,,10.0.3.21:8080,2026-11-21 03:04:00,6,,,,,,");
        rows.Add("interval,502,502.BackendConnectFailed,10.0.3.21:8080,2026-11-21 03:04:00,6,,,,,,");
        rows.Add("incident,502,502.BackendConnectFailed,10.0.3.21:8080,,6,2026-11-21 03:04:00,2026-11-21 03:04:59,,,,");

        var options = En();
        options.Interval = TimeSpan.FromMinutes(1);
        var report = Read(dir, string.Join("\n", rows) + "\n", options: options);

        Assert.True(report.QueryResult!.TimelineHasAllRequests);
        Assert.Equal(5, report.Timeline.Count);
        Assert.Equal(new[] { 12L, 12, 12, 12, 12 }, report.Timeline.Select(i => i.Requests));
        var jump = Assert.Single(report.Jumps);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 3, 4, 0, TimeSpan.Zero), jump.Start);
        // The 200 rows belong to no incident: only the 502 one is an incident, counted in its minute.
        Assert.Equal(new[] { 0L, 0, 0, 0, 6 }, Assert.Single(report.Incidents).CountsByInterval);
    }

    [Fact]
    public void An_interval_start_off_the_given_interval_is_refused()
    {
        using var dir = new TempDirectory();
        var sink = new CollectingSink();
        var options = En();
        options.Interval = TimeSpan.FromMinutes(5);

        Read(dir, Header + "\nwindow,,,,,1,,,,,,\ninterval,502,,,2026-11-21 03:12:00,1,,,,,,\n", sink, options);

        Assert.Contains("is not a multiple of the interval", Assert.Single(sink.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_already_split_into_named_cells_read_like_the_file()
    {
        using var dir = new TempDirectory();
        var fromFile = Read(dir, Sample);
        var lines = Sample.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var names = lines[0].Split(',');
        var rows = new List<IReadOnlyDictionary<string, string?>>();
        foreach (var line in lines.Skip(1))
        {
            var csv = new CsvRecordReader(new StringReader(line));
            var cells = csv.Next(out _, out _)!;
            rows.Add(names.Zip(cells).ToDictionary(p => p.First.ToUpperInvariant(), p => (string?)p.Second));
        }

        var fromRows = new QueryResultReader(En(), LbProvider.AwsAlb, new CollectingSink()).ReadRows(rows, "pipeline", CancellationToken.None);

        Assert.Equal(fromFile.Incidents.Select(i => (i.Key, i.Count, i.FirstSeen)), fromRows.Incidents.Select(i => (i.Key, i.Count, i.FirstSeen)));
        Assert.Equal(fromFile.Backends.Select(b => (b.Address, b.Requests)), fromRows.Backends.Select(b => (b.Address, b.Requests)));
        Assert.Equal(new[] { "pipeline" }, fromRows.QueryResult!.Files);
    }

    [Fact]
    public void The_reader_knows_every_column_the_triage_query_writes_and_requires_the_counting_ones()
    {
        // The generated query's columns (Get-LbQuery), in its order; the reader needs the first eight.
        Assert.Equal(Header.Split(','), TriageQuery.ResultColumns);
        Assert.Equal(TriageQuery.ResultColumns.Take(8), QueryResultReader.RequiredColumns);
    }

    [Fact]
    public void A_cancelled_read_stops_with_OperationCanceledException()
    {
        using var dir = new TempDirectory();
        var file = dir.File("result.csv", Sample);
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => new QueryResultReader(En(), LbProvider.AwsAlb, new CollectingSink()).Read(new[] { file }, cancel.Token));
    }

    [Fact]
    public void The_markdown_and_html_reports_say_the_counts_came_from_a_query_result()
    {
        using var dir = new TempDirectory();
        var report = Read(dir, Sample);

        var markdown = TriageMarkdown.ToText(report);
        Assert.Contains("Counts from a query result: 10 rows read (0 rejected, 0 blank) from `result.csv`", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("Lines read", markdown, StringComparison.Ordinal);
        Assert.Contains("- **Window**: set by the query", markdown, StringComparison.Ordinal);
        Assert.Contains("no jump in the 5xx rate can be computed", markdown, StringComparison.Ordinal);
        Assert.Contains("| 5 | 12.5 % | 502 | 502.BackendConnectFailed | 10.0.3.21:8080 |", markdown, StringComparison.Ordinal);

        var html = TriageHtml.ToText(report);
        Assert.Contains("id=\"query-result\"", html, StringComparison.Ordinal);
        Assert.Contains("A query result has no latencies per interval.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"files\"", html, StringComparison.Ordinal);
    }
}
