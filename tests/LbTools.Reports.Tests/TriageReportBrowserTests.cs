using System.Globalization;
using LbTools.Core.Common;
using LbTools.Core.Logs;
using LbTools.Core.Reports;
using LbTools.Core.Triage;
using PuppeteerSharp;

namespace LbTools.Reports.Tests;

/// <summary>
/// The HTML report of the bundled examples, opened from disk in headless Chromium at 1280 and
/// 390 px: no console error and no request but the file itself, a mark in every chart for every
/// interval and backend, the incident table equal to the report object, no text wider than its
/// box, and a screenshot kept under the test output folder (screenshots/).
/// </summary>
public sealed class TriageReportBrowserTests : IClassFixture<ChromiumFixture>, IDisposable
{
    private static readonly string Screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");
    private readonly ChromiumFixture _chromium;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "lbtools-report-" + Guid.NewGuid().ToString("N"));

    public TriageReportBrowserTests(ChromiumFixture chromium)
    {
        _chromium = chromium;
        Directory.CreateDirectory(_folder);
        Directory.CreateDirectory(Screenshots);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private (TriageReport Report, string File) WriteExampleReport(string culture)
    {
        var options = new TriageOptions { Culture = CultureInfo.GetCultureInfo(culture), Threads = 1 };
        var files = AccessLogReader.ExpandFiles(Path.Combine(AppContext.BaseDirectory, "examples"), recurse: true, NullOperationSink.Instance).ToList();
        var report = new TriageRunner(options, new NullSink()).Run(files, CancellationToken.None);
        var path = Path.Combine(_folder, $"report-{culture}.html");
        TriageReportFiles.Write(report, path);
        return (report, path);
    }

    [Theory]
    [InlineData("en", 1280)]
    [InlineData("en", 390)]
    [InlineData("ja", 1280)]
    [InlineData("ja", 390)]
    public async Task The_example_report_loads_offline_with_every_mark_and_incident_and_fits(string culture, int width)
    {
        var (report, file) = WriteExampleReport(culture);
        Assert.NotEmpty(report.Incidents);
        Assert.True(report.Timeline.Count > 1, "the examples span several intervals");

        await using var page = await _chromium.Browser.NewPageAsync();
        var consoleErrors = new List<string>();
        var requests = new List<string>();
        page.Console += (_, e) =>
        {
            if (e.Message.Type == ConsoleType.Error)
            {
                consoleErrors.Add(e.Message.Text);
            }
        };
        page.PageError += (_, e) => consoleErrors.Add(e.Message);
        page.Request += (_, e) => requests.Add(e.Request.Url);
        await page.SetViewportAsync(new ViewPortOptions { Width = width, Height = 900 });
        var url = new Uri(file).AbsoluteUri;
        await page.GoToAsync(url, new NavigationOptions { Timeout = 30_000, WaitUntil = new[] { WaitUntilNavigation.Load } });

        Assert.Empty(consoleErrors);
        Assert.Equal(new[] { url }, requests);
        Assert.Equal(culture, await page.EvaluateExpressionAsync<string>("document.documentElement.lang"));

        // Timeline: one group per interval, each with at least one bar.
        Assert.Equal(report.Timeline.Count, await Count(page, "#timeline-chart g.interval"));
        Assert.Equal(0, await Count(page, "#timeline-chart g.interval:not(:has(rect))"));
        Assert.Equal(report.Timeline.Select(i => i.Requests), await page.EvaluateExpressionAsync<long[]>("[...document.querySelectorAll('#timeline-chart g.interval')].map(g => +g.dataset.requests)"));

        // Backends: one bar each; latency: a point per interval with latencies, per percentile.
        Assert.Equal(report.Backends.Count, await Count(page, "#backend-chart g.backend rect.backend-bar"));
        int withLatency = report.Timeline.Count(i => i.RequestTime.Count > 0);
        Assert.True(withLatency > 0);
        foreach (var p in new[] { "p50", "p95", "p99" })
        {
            Assert.Equal(withLatency, await Count(page, $"#latency-chart circle.point.{p}"));
        }

        // Bars and points are drawn with a size the eye can see (not collapsed by CSS).
        Assert.Equal(0, await page.EvaluateExpressionAsync<int>("[...document.querySelectorAll('#timeline-chart rect, #backend-chart rect.backend-bar')].filter(r => { const b = r.getBoundingClientRect(); return b.width <= 0 || b.height <= 0; }).length"));

        // The incident table holds the report's incidents, in order.
        var rows = await page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('#incidents tr.incident-row')].map(r => r.dataset.status + ' ' + r.dataset.cause + ' ' + r.dataset.backend + ' ' + r.dataset.count)");
        Assert.Equal(report.Incidents.Select(i => $"{i.Status} {i.Cause} {i.Backend} {i.Count}"), rows);
        Assert.Equal(report.Incidents.Count, await Count(page, "section.incident"));

        // Text fits: the page does not scroll sideways and no block's content is wider than it.
        var sticking = await page.EvaluateExpressionAsync<string[]>(
            "[...document.body.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).map(e => e.tagName + (e.id ? '#' + e.id : '') + ' ' + Math.round(e.getBoundingClientRect().right) + ': ' + (e.textContent || '').slice(0, 40))");
        Assert.True(await page.EvaluateExpressionAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), $"the page is wider than {width} px: " + string.Join(" | ", sticking.Take(8)));
        var overflowing = await page.EvaluateExpressionAsync<string[]>(
            "[...document.querySelectorAll('h1,h2,h3,p,li,dt,dd,th,td,table,section')].filter(e => e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1).map(e => e.tagName + ': ' + e.textContent.slice(0, 60))");
        Assert.Empty(overflowing);

        var shot = Path.Combine(Screenshots, $"triage-{culture}-{width}.png");
        await page.ScreenshotAsync(shot, new ScreenshotOptions { FullPage = true });
        Assert.True(new FileInfo(shot).Length > 10_000, "the screenshot holds a rendered page");
    }

    [Theory]
    [InlineData("en", 390)]
    [InlineData("ja", 1280)]
    public async Task A_report_from_a_query_result_says_where_its_counts_came_from_and_fits(string culture, int width)
    {
        // A triage query result written by hand (columns of the result contract): 3 refused
        // connects at one backend over two 5-minute intervals, a tie at another, a 404 without a cause.
        var csv = Path.Combine(_folder, "result.csv");
        File.WriteAllText(csv, "row_kind,status,cause,backend,interval_start,requests,first_seen,last_seen,p50_seconds,p95_seconds,p99_seconds,top_paths\n"
            + "window,,,,,40,2026-11-21 03:10:02,2026-11-21 03:19:59,,,,\n"
            + "incident,502,502.BackendConnectFailed,10.0.3.21:8080,,3,2026-11-21 03:12:05,2026-11-21 03:16:00,,,,\"{\"\"/api/cart\"\": 3}\"\n"
            + "incident,502,502.AllBackendsUnhealthy|502.BackendConnectFailed,10.0.3.22:8080,,2,2026-11-21 03:15:00,2026-11-21 03:15:30,,,,\n"
            + "incident,404,,,,1,2026-11-21 03:11:00,2026-11-21 03:11:00,,,,\n"
            + "interval,502,502.BackendConnectFailed,10.0.3.21:8080,2026-11-21 03:10:00,2,,,,,,\n"
            + "interval,502,502.BackendConnectFailed,10.0.3.21:8080,2026-11-21 03:15:00,1,,,,,,\n"
            + "backend,,,10.0.3.21:8080,,20,2026-11-21 03:10:02,2026-11-21 03:19:00,0.012,0.2,0.31,\n"
            + "backend,,,10.0.3.22:8080,,12,2026-11-21 03:10:30,2026-11-21 03:18:15,0.02,0.4,0.9,\n");
        var options = new TriageOptions { Culture = CultureInfo.GetCultureInfo(culture) };
        var report = new LbTools.Core.Queries.QueryResultReader(options, LbProvider.AwsAlb, new NullSink()).Read(new[] { csv }, CancellationToken.None);
        var file = Path.Combine(_folder, $"query-{culture}.html");
        TriageReportFiles.Write(report, file);

        await using var page = await _chromium.Browser.NewPageAsync();
        var errors = new List<string>();
        var requests = new List<string>();
        page.Console += (_, e) => { if (e.Message.Type == ConsoleType.Error) { errors.Add(e.Message.Text); } };
        page.PageError += (_, e) => errors.Add(e.Message);
        page.Request += (_, e) => requests.Add(e.Request.Url);
        await page.SetViewportAsync(new ViewPortOptions { Width = width, Height = 900 });
        var url = new Uri(file).AbsoluteUri;
        await page.GoToAsync(url, new NavigationOptions { Timeout = 30_000, WaitUntil = new[] { WaitUntilNavigation.Load } });

        Assert.Empty(errors);
        Assert.Equal(new[] { url }, requests);
        Assert.Equal(1, await Count(page, "#query-result"));
        Assert.Equal(1, await Count(page, "#query-errors-only"));
        Assert.Equal(0, await Count(page, "#files"));
        var rows = await page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('#incidents tr.incident-row')].map(r => r.dataset.status + ' ' + r.dataset.cause + ' ' + r.dataset.backend + ' ' + r.dataset.count)");
        Assert.Equal(report.Incidents.Select(i => $"{i.Status} {i.Cause} {i.Backend} {i.Count}"), rows);
        Assert.Equal(report.Backends.Count, await Count(page, "#backend-chart g.backend rect.backend-bar"));
        Assert.True(await page.EvaluateExpressionAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), $"the page is wider than {width} px");
        var overflowing = await page.EvaluateExpressionAsync<string[]>(
            "[...document.querySelectorAll('h1,h2,h3,p,li,dt,dd,th,td,table,section')].filter(e => e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1).map(e => e.tagName + ': ' + e.textContent.slice(0, 60))");
        Assert.Empty(overflowing);
        await page.ScreenshotAsync(Path.Combine(Screenshots, $"triage-query-{culture}-{width}.png"), new ScreenshotOptions { FullPage = true });
    }

    private static Task<int> Count(IPage page, string selector) =>
        page.EvaluateExpressionAsync<int>($"document.querySelectorAll({System.Text.Json.JsonSerializer.Serialize(selector)}).length");

    private sealed class NullSink : LbTools.Core.Common.IOperationSink
    {
        public void ReportError(LbTools.Core.Common.LbError error)
        {
        }

        public void ReportProgress(LbTools.Core.Common.LbProgress progress)
        {
        }
    }
}
