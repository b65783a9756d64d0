using System.Globalization;
using System.Text.RegularExpressions;
using LbTools.Core.Common;
using LbTools.Core.Logs;
using LbTools.Core.Probes;
using LbTools.Core.Reports;
using LbTools.Core.Tests.Support;
using LbTools.Core.Triage;

namespace LbTools.Core.Tests.Triage;

public class TriageReportWriterTests
{
    private static TriageReport Examples(string culture)
    {
        var files = AccessLogReader.ExpandFiles(Path.Combine(AppContext.BaseDirectory, "examples"), recurse: true, NullOperationSink.Instance).ToList();
        return new TriageRunner(new TriageOptions { Culture = CultureInfo.GetCultureInfo(culture), Threads = 1 }, new CollectingSink()).Run(files, CancellationToken.None);
    }

    [Fact]
    public void Html_is_one_file_that_loads_nothing_from_anywhere()
    {
        var html = TriageHtml.ToText(Examples("en"));
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(Regex.Matches(html, @"\b(src|href)\s*=\s*""(?!#)[^""]*""", RegexOptions.IgnoreCase));
        Assert.Contains("default-src 'none'", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_name_public_documents_never_the_projects_own_notes()
    {
        var report = Examples("en");
        foreach (var text in new[] { TriageHtml.ToText(report), TriageMarkdown.ToText(report) })
        {
            Assert.DoesNotContain("seed 0", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("log-formats-and-status-codes", text, StringComparison.Ordinal);
            Assert.Contains("https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-troubleshooting.html", text, StringComparison.Ordinal);
            Assert.Contains(System.Net.WebUtility.HtmlEncode(report.Incidents.SelectMany(i => i.Causes).First().Source), TriageHtml.ToText(report), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Markdown_lists_every_incident_with_its_sample_lines_and_the_checklist_once()
    {
        var report = Examples("en");
        var md = TriageMarkdown.ToText(report);
        foreach (var incident in report.Incidents)
        {
            Assert.Contains($"### {incident.Status} {incident.Cause ?? "no cause supported by the evidence"} @ {incident.Backend ?? "(no backend)"}", md, StringComparison.Ordinal);
            foreach (var sample in incident.Samples)
            {
                Assert.Contains($"`{sample.Location}`", md, StringComparison.Ordinal);
            }
        }

        Assert.Single(Regex.Matches(md, "^## General checklist$", RegexOptions.Multiline));
        foreach (var step in report.Checklist)
        {
            Assert.Single(Regex.Matches(md, Regex.Escape($"- [ ] {step.Text}")));
        }
    }

    [Fact]
    public void Japanese_reports_use_japanese_headings_and_lang()
    {
        var report = Examples("ja");
        var md = TriageMarkdown.ToText(report);
        var html = TriageHtml.ToText(report);
        Assert.StartsWith("# ロードバランサー調査レポート", md, StringComparison.Ordinal);
        Assert.Contains("## インシデント", md, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"ja\">", html, StringComparison.Ordinal);
        Assert.Contains(report.Checklist[0].Text, md, StringComparison.Ordinal);
    }

    [Fact]
    public void Files_are_written_by_extension_and_other_extensions_are_refused()
    {
        using var dir = new TempDirectory();
        var report = Examples("en");
        var html = Path.Combine(dir.Path, "r.html");
        var md = Path.Combine(dir.Path, "r.md");
        TriageReportFiles.Write(report, html);
        TriageReportFiles.Write(report, md);
        Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(html), StringComparison.Ordinal);
        Assert.StartsWith("# Load balancer triage", File.ReadAllText(md), StringComparison.Ordinal);
        var error = Assert.Throws<ArgumentException>(() => TriageReportFiles.Write(report, Path.Combine(dir.Path, "r.pdf")));
        Assert.Contains("r.pdf", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_probe_of_the_implicated_backend_confirms_the_connect_failure()
    {
        // A real loopback port with nothing listening: the TCP probe gets a refusal, as the backend did.
        int port = LoopbackListener.ClosedPort();
        string backend = $"127.0.0.1:{port}";
        using var dir = new TempDirectory();
        var t0 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var file = dir.File("a.log", AlbLines.Join(Enumerable.Range(0, 5).Select(i => AlbLines.ConnectFailed(t0.AddSeconds(i), backend)).Append(AlbLines.Ok(t0, "10.0.0.2:80"))));
        var options = new TriageOptions { Culture = CultureInfo.GetCultureInfo("en"), Threads = 1 };
        var runner = new TriageRunner(options, new CollectingSink());
        var report = runner.Run(new[] { file }, CancellationToken.None);
        Assert.Equal(new[] { backend }, report.ImplicatedBackends);

        var sink = new CollectingSink();
        var probeOptions = new ProbeOptions { Probes = new[] { ProbeKind.Tcp }, Timeout = TimeSpan.FromSeconds(2) };
        TriageProbing.Run(report, report.ImplicatedBackends, probeOptions, runner.CreateResolver(), sink, CancellationToken.None);

        var probe = Assert.Single(report.Probes);
        Assert.Equal(ProbeFailureReason.Refused, Assert.Single(probe.Results).FailureReason);
        Assert.Contains("502.BackendConnectFailed", probe.Confirms);
        var incident = report.Incidents.Single(i => i.Backend == backend);
        Assert.Contains(incident.Evidence, e => e.Kind == "probe" && e.CauseId == "502.BackendConnectFailed");
        Assert.True(incident.Causes.Single(c => c.Id == "502.BackendConnectFailed").ProbeVerdict);
        Assert.Contains("probe-row", TriageHtml.ToText(report), StringComparison.Ordinal);
    }
}
