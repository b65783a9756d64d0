using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using LbTools.Core.Triage;
using static LbTools.Core.Reports.TriageReportFiles;

namespace LbTools.Core.Reports
{
    /// <summary>
    /// The triage report as one self-contained HTML page: inline CSS and inline SVG charts drawn
    /// here (timeline by status class, 5xx share per backend, request time percentiles over
    /// time), the incident table with its evidence, the backends, the probes and the checklist.
    /// No script, no external font, image or style sheet: it opens offline and as a mail attachment.
    /// </summary>
    internal static class TriageHtml
    {
        private const double ChartWidth = 960, ChartHeight = 240, Left = 56, Right = 12, Top = 12, Bottom = 36;

        private static readonly (string Name, string Color)[] Classes =
        {
            ("Other", "#7b4fa3"), ("1xx", "#9e9e9e"), ("2xx", "#3a8f4b"), ("3xx", "#3f74b5"), ("4xx", "#e08a1e"), ("5xx", "#c62828"),
        };

        private const string Style = @"
:root{color-scheme:light}
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans','Noto Sans CJK JP','Hiragino Sans',Meiryo,sans-serif;margin:0;padding:16px;color:#1d1d1f;background:#fff;line-height:1.45;max-width:1200px;margin:0 auto}
h1{font-size:1.5rem;margin:.2em 0 .6em}
h2{font-size:1.2rem;margin:1.6em 0 .5em;border-bottom:1px solid #ddd;padding-bottom:.2em}
h3{font-size:1rem;margin:1.2em 0 .4em}
.verdict{padding:.6em .9em;border-radius:6px;border:1px solid #ccc;background:#f6f6f6}
.verdict.ThresholdCrossed{border-color:#c62828;background:#fdecea}
.verdict.BelowThreshold{border-color:#e08a1e;background:#fff4e5}
.verdict.Clean{border-color:#3a8f4b;background:#edf7ee}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em;margin:.6em 0}
dl.facts dt{font-weight:600}
dl.facts dd{margin:0;overflow-wrap:anywhere}
table{border-collapse:collapse;width:100%;table-layout:auto;margin:.4em 0 1em;font-size:.9rem}
th,td{border:1px solid #ddd;padding:.25em .45em;text-align:left;vertical-align:top;overflow-wrap:anywhere;word-break:break-word}
th{background:#f3f3f3;overflow-wrap:break-word;word-break:normal}
td.n{text-align:right;font-variant-numeric:tabular-nums}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em;overflow-wrap:anywhere}
svg.chart{width:100%;height:auto;display:block;margin:.4em 0;font-size:12px}
svg.chart text{fill:#444}
.legend{display:flex;flex-wrap:wrap;gap:.3em 1em;font-size:.85rem;margin:.2em 0}
.legend span::before{content:'';display:inline-block;width:.8em;height:.8em;margin-right:.3em;vertical-align:-.05em;background:var(--c)}
.incident{border:1px solid #ddd;border-radius:6px;padding:.2em .9em .6em;margin:.8em 0}
.tie{color:#8a4b00;font-style:italic}
p,.source{overflow-wrap:anywhere}
ul{padding-left:1.3em}
li{overflow-wrap:anywhere}
footer{margin-top:2em;color:#777;font-size:.8rem}
@media (max-width:600px){body{padding:8px}table{font-size:.85rem}th,td{padding:.2em .25em}dl.facts{grid-template-columns:1fr}
table.cards,table.cards tbody,table.cards tr,table.cards td{display:block;width:100%}
table.cards thead,table.cards tr:first-child:has(th){display:none}
table.cards tr{border:1px solid #ddd;border-radius:4px;margin:.4em 0}
table.cards td{border:none;text-align:left}
table.cards td[data-label]::before{content:attr(data-label) ': ';font-weight:600}}
";

        public static string ToText(TriageReport report)
        {
            using var writer = new StringWriter();
            Write(report, writer);
            return writer.ToString();
        }

        public static void Write(TriageReport report, TextWriter w)
        {
            if (report == null)
            {
                throw new ArgumentNullException(nameof(report));
            }

            var t = new ReportText(report.Culture);
            var v = report.Verdict;
            w.WriteLine("<!DOCTYPE html>");
            w.WriteLine($"<html lang=\"{t.Language}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">");
            w.WriteLine("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">");
            w.WriteLine($"<title>{E(t["Title"])}</title><style>{Style}</style></head><body>");
            w.WriteLine($"<h1>{E(t["Title"])}</h1>");

            w.WriteLine($"<section class=\"verdict {v.Outcome}\" id=\"verdict\" data-outcome=\"{v.Outcome}\"><dl class=\"facts\">");
            Fact(w, t["Verdict"], t["Outcome." + v.Outcome]);
            Fact(w, t["ServerErrorShare"], Percent(v.ServerErrorPercent / 100) + (v.Threshold.HasValue ? $" ({t["Threshold"]} {Percent(v.Threshold.Value / 100)})" : string.Empty));
            Fact(w, t["Worst"], v.WorstIncident == null ? t["None"] : $"{v.WorstIncident.Status} {v.WorstIncident.Cause ?? t["NoCause"]} @ {TriageMarkdown.Backend(t, v.WorstIncident.Backend)} — {Number(v.WorstIncident.Count)} ({Percent(v.WorstShare)})");
            Fact(w, t["Window"], TriageMarkdown.Window(report, t));
            Fact(w, t["Records"], $"{Time(report.FirstRecord)} – {Time(report.LastRecord)}");
            Fact(w, t["Interval"], Interval(report.Interval));
            w.WriteLine("</dl></section>");

            WriteTotals(report, t, w);
            w.WriteLine($"<h2>{E(t["Timeline"])}</h2>");
            WriteTimelineChart(report, t, w);
            w.WriteLine($"<h2>{E(t["Jumps"])}</h2>");
            if (report.QueryResult is { TimelineHasAllRequests: false })
            {
                w.WriteLine($"<p id=\"query-errors-only\">{E(t["QueryErrorsOnly"])}</p>");
            }
            else if (report.Jumps.Count == 0)
            {
                w.WriteLine($"<p>{E(t["NoJumps"])}</p>");
            }
            else
            {
                w.WriteLine("<ul id=\"jumps\">");
                foreach (var jump in report.Jumps)
                {
                    w.WriteLine($"<li>{E(t.Format("JumpLine", Time(jump.Start), Percent(jump.Rate), Percent(jump.BaselineRate), Number(jump.ServerErrors)))}</li>");
                }

                w.WriteLine("</ul>");
            }

            w.WriteLine($"<h2>{E(t["LatencyChart"])}</h2>");
            WriteLatencyChart(report, t, w);
            WriteIncidents(report, t, w);
            w.WriteLine($"<h2>{E(t["ErrorShareChart"])}</h2>");
            WriteBackendChart(report, t, w);
            WriteBackends(report, t, w);
            WriteProbes(report, t, w);
            if (report.Checklist.Count > 0)
            {
                w.WriteLine($"<h2>{E(t["Checklist"])}</h2><ol id=\"checklist\">");
                foreach (var step in report.Checklist)
                {
                    w.WriteLine($"<li>{E(step.Text)}{(step.Command == null ? string.Empty : $" <code>{E(step.Command)}</code>")}</li>");
                }

                w.WriteLine("</ol>");
            }

            w.WriteLine($"<footer>{E(t["Generated"])}</footer></body></html>");
        }

        private static void WriteTotals(TriageReport report, ReportText t, TextWriter w)
        {
            var s = report.Totals;
            w.WriteLine($"<h2>{E(t["Totals"])}</h2>");
            if (report.QueryResult is { } query)
            {
                w.WriteLine($"<p id=\"query-result\">{E(t.Format("QueryResult", Number(query.RowsRead), Number(query.RowsRejected), Number(query.RowsSkipped), string.Join(", ", query.Files.Select(Path.GetFileName))))}</p>");
                w.WriteLine("<table id=\"totals\" style=\"width:auto\">");
                foreach (var (key, value) in new[] { ("Requests", s.Requests), ("ClientErrors", s.ClientErrors), ("ServerErrors", s.ServerErrors), ("Diagnosed", s.Diagnosed) })
                {
                    w.WriteLine($"<tr><th>{E(t[key])}</th><td class=\"n\">{Number(value)}</td></tr>");
                }

                w.WriteLine("</table>");
                return;
            }

            // One row per count: fits a phone as well as a desktop.
            w.WriteLine("<table id=\"totals\" style=\"width:auto\">");
            var keys = new[] { "LinesRead", "Parsed", "Rejected", "Skipped", "OutsideWindow", "Requests", "ClientErrors", "ServerErrors", "Diagnosed" };
            var values = new[] { s.LinesRead, s.Parsed, s.Rejected, s.Skipped, s.OutsideWindow, s.Requests, s.ClientErrors, s.ServerErrors, s.Diagnosed };
            for (int i = 0; i < keys.Length; i++)
            {
                w.WriteLine($"<tr><th>{E(t[keys[i]])}</th><td class=\"n\">{Number(values[i])}</td></tr>");
            }

            w.WriteLine("</table>");
            if (s.RejectedByReason.Count > 0)
            {
                w.WriteLine($"<p>{E(t["RejectedBy"])}: {E(string.Join(", ", s.RejectedByReason.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {Number(p.Value)}")))}</p>");
            }

            if (report.ErrorLog is { } errorLog)
            {
                w.WriteLine($"<p id=\"errorlog\">{E(string.Format(CultureInfo.InvariantCulture, t["ErrorLog"], Number(errorLog.Events), Number(errorLog.Joined), Number(errorLog.Unjoined), Number(errorLog.NotAboutRequest)))}</p>");
            }

            if (s.Files.Count > 0)
            {
                var fileLabels = new[] { t["File"], t["Format"], t["LinesRead"], t["Parsed"], t["Rejected"], t["Skipped"] };
                w.WriteLine($"<table id=\"files\" class=\"cards\"><tr><th>{E(t["File"])}</th><th>{E(t["Format"])}</th><th>{E(t["LinesRead"])}</th><th>{E(t["Parsed"])}</th><th>{E(t["Rejected"])}</th><th>{E(t["Skipped"])}</th></tr>");
                foreach (var f in s.Files)
                {
                    w.WriteLine(Labelled($"<tr><td><code>{E(Path.GetFileName(f.Source))}</code></td><td>{E(f.Format.ToString())}</td><td class=\"n\">{Number(f.LinesRead)}</td><td class=\"n\">{Number(f.Parsed)}</td><td class=\"n\">{Number(f.Rejected)}</td><td class=\"n\">{Number(f.Skipped)}</td></tr>", fileLabels));
                }

                w.WriteLine("</table>");
            }
        }

        private static void WriteTimelineChart(TriageReport report, ReportText t, TextWriter w)
        {
            var timeline = report.Timeline;
            w.Write("<div class=\"legend\">");
            for (int c = 1; c < Classes.Length; c++)
            {
                w.Write($"<span style=\"--c:{Classes[c].Color}\">{Classes[c].Name}</span>");
            }

            w.WriteLine($"<span style=\"--c:{Classes[0].Color}\">000/{Classes[0].Name}</span></div>");
            if (timeline.Count == 0)
            {
                w.WriteLine($"<p>{E(t["NoData"])}</p>");
                return;
            }

            long max = Math.Max(1, timeline.Max(i => i.Requests));
            double plotW = ChartWidth - Left - Right, plotH = ChartHeight - Top - Bottom;
            double slot = plotW / timeline.Count;
            double bar = Math.Max(1, slot * 0.8);
            OpenChart(w, "timeline-chart", t["Timeline"]);
            Axes(w, max.ToString("N0", CultureInfo.InvariantCulture), Time(timeline[0].Start), Time(timeline[timeline.Count - 1].Start));
            for (int i = 0; i < timeline.Count; i++)
            {
                var interval = timeline[i];
                double x = Left + (i * slot) + ((slot - bar) / 2);
                double y = Top + plotH;
                w.Write($"<g class=\"interval{(interval.Jump ? " jump" : string.Empty)}\" data-start=\"{Time(interval.Start)}\" data-requests=\"{interval.Requests}\"><title>{E($"{Time(interval.Start)}: {interval.Requests} {t["Requests"]}, 4xx {interval.Status4xx}, 5xx {interval.Status5xx}")}</title>");
                long[] counts = { interval.Other, interval.Status1xx, interval.Status2xx, interval.Status3xx, interval.Status4xx, interval.Status5xx };
                bool any = false;
                foreach (int c in new[] { 2, 3, 1, 4, 5, 0 })
                {
                    if (counts[c] == 0)
                    {
                        continue;
                    }

                    double h = plotH * counts[c] / max;
                    y -= h;
                    any = true;
                    w.Write($"<rect class=\"bar s{Classes[c].Name}\" x=\"{F(x)}\" y=\"{F(y)}\" width=\"{F(bar)}\" height=\"{F(h)}\" fill=\"{Classes[c].Color}\"/>");
                }

                if (!any)
                {
                    w.Write($"<rect class=\"bar empty\" x=\"{F(x)}\" y=\"{F(Top + plotH - 1)}\" width=\"{F(bar)}\" height=\"1\" fill=\"#ddd\"/>");
                }

                if (interval.Jump)
                {
                    w.Write($"<text x=\"{F(x + (bar / 2))}\" y=\"{F(Top + 10)}\" text-anchor=\"middle\" fill=\"#c62828\">▲</text>");
                }

                w.WriteLine("</g>");
            }

            w.WriteLine("</svg>");
        }

        private static void WriteLatencyChart(TriageReport report, ReportText t, TextWriter w)
        {
            var timeline = report.Timeline;
            var lines = new (string Name, Func<TimelineInterval, double?> Value, string Color)[]
            {
                ("p50", i => i.RequestTime.P50, "#3f74b5"), ("p95", i => i.RequestTime.P95, "#e08a1e"), ("p99", i => i.RequestTime.P99, "#c62828"),
            };
            w.Write("<div class=\"legend\">");
            foreach (var line in lines)
            {
                w.Write($"<span style=\"--c:{line.Color}\">{E(t["RequestTime"])} {line.Name}</span>");
            }

            w.WriteLine("</div>");
            var withData = timeline.Where(i => i.RequestTime.Count > 0).ToArray();
            if (withData.Length == 0)
            {
                w.WriteLine($"<p>{E(report.QueryResult == null ? t["NoData"] : t["QueryNoLatency"])}</p>");
                return;
            }

            double max = Math.Max(0.001, withData.Max(i => i.RequestTime.P99 ?? 0));
            double plotW = ChartWidth - Left - Right, plotH = ChartHeight - Top - Bottom;
            double slot = plotW / timeline.Count;
            OpenChart(w, "latency-chart", t["LatencyChart"]);
            Axes(w, Seconds(max) + " " + t["Seconds"], Time(timeline[0].Start), Time(timeline[timeline.Count - 1].Start));
            foreach (var line in lines)
            {
                var points = timeline
                    .Select((interval, i) => (interval, i))
                    .Where(p => p.interval.RequestTime.Count > 0)
                    .Select(p => (X: Left + (p.i * slot) + (slot / 2), Y: Top + plotH - (plotH * (line.Value(p.interval) ?? 0) / max), p.interval))
                    .ToArray();
                w.WriteLine($"<polyline class=\"line {line.Name}\" fill=\"none\" stroke=\"{line.Color}\" stroke-width=\"1.5\" points=\"{string.Join(" ", points.Select(p => $"{F(p.X)},{F(p.Y)}"))}\"/>");
                foreach (var p in points)
                {
                    w.WriteLine($"<circle class=\"point {line.Name}\" cx=\"{F(p.X)}\" cy=\"{F(p.Y)}\" r=\"2.5\" fill=\"{line.Color}\"><title>{E($"{Time(p.interval.Start)} {line.Name} {Seconds(line.Value(p.interval))} {t["Seconds"]}")}</title></circle>");
                }
            }

            w.WriteLine("</svg>");
        }

        private static void WriteBackendChart(TriageReport report, ReportText t, TextWriter w)
        {
            var backends = report.Backends;
            if (backends.Count == 0)
            {
                w.WriteLine($"<p>{E(t["NoData"])}</p>");
                return;
            }

            const double rowH = 22, labelW = 260, valueW = 80;
            double height = Top + (rowH * backends.Count) + 8;
            double plotW = ChartWidth - labelW - valueW - Right;
            double maxShare = Math.Max(0.01, backends.Max(b => b.ServerErrorShare));
            w.WriteLine($"<svg class=\"chart\" id=\"backend-chart\" viewBox=\"0 0 {F(ChartWidth)} {F(height)}\" role=\"img\" aria-label=\"{E(t["ErrorShareChart"])}\" xmlns=\"http://www.w3.org/2000/svg\">");
            for (int i = 0; i < backends.Count; i++)
            {
                var b = backends[i];
                double y = Top + (i * rowH);
                double width = Math.Max(1, plotW * b.ServerErrorShare / maxShare);
                string name = TriageMarkdown.Backend(t, b.Address);
                w.WriteLine($"<g class=\"backend\" data-backend=\"{E(b.Address ?? string.Empty)}\"><title>{E($"{name}: {b.ServerErrors}/{b.Requests} 5xx")}</title>"
                    + $"<text x=\"{F(labelW - 6)}\" y=\"{F(y + 15)}\" text-anchor=\"end\">{E(Shorten(name, 34))}</text>"
                    + $"<rect class=\"bar backend-bar\" x=\"{F(labelW)}\" y=\"{F(y + 3)}\" width=\"{F(width)}\" height=\"{F(rowH - 6)}\" fill=\"{(b.ServerErrors > 0 ? "#c62828" : "#3a8f4b")}\"/>"
                    + $"<text x=\"{F(labelW + width + 6)}\" y=\"{F(y + 15)}\">{E(Percent(b.ServerErrorShare))}</text></g>");
            }

            w.WriteLine("</svg>");
        }

        private static void WriteIncidents(TriageReport report, ReportText t, TextWriter w)
        {
            w.WriteLine($"<h2>{E(t["Incidents"])}</h2>");
            if (report.Incidents.Count == 0)
            {
                w.WriteLine($"<p>{E(t["NoIncidents"])}</p>");
                return;
            }

            var labels = new[] { t["Count"], t["Share"], t["Status"], t["Cause"], t["Backend"], t["FirstSeen"], t["LastSeen"] };
            w.WriteLine($"<table id=\"incidents\" class=\"cards\"><thead><tr><th>{E(t["Count"])}</th><th>{E(t["Share"])}</th><th>{E(t["Status"])}</th><th>{E(t["Cause"])}</th><th>{E(t["Backend"])}</th><th>{E(t["FirstSeen"])}</th><th>{E(t["LastSeen"])}</th></tr></thead><tbody>");
            int n = 0;
            foreach (var i in report.Incidents)
            {
                n++;
                w.WriteLine(Labelled($"<tr class=\"incident-row\" data-status=\"{i.Status}\" data-cause=\"{E(i.Cause ?? string.Empty)}\" data-backend=\"{E(i.Backend ?? string.Empty)}\" data-count=\"{i.Count}\"><td class=\"n\">{Number(i.Count)}</td><td class=\"n\">{Percent(i.Share)}</td><td>{i.Status}</td><td><a href=\"#incident-{n}\"><code>{E(i.Cause ?? t["NoCause"])}</code></a></td><td><code>{E(TriageMarkdown.Backend(t, i.Backend))}</code></td><td>{Time(i.FirstSeen)}</td><td>{Time(i.LastSeen)}</td></tr>", labels));
            }

            w.WriteLine("</tbody></table>");
            n = 0;
            foreach (var i in report.Incidents)
            {
                n++;
                w.WriteLine($"<section class=\"incident\" id=\"incident-{n}\"><h3>{i.Status} <code>{E(i.Cause ?? t["NoCause"])}</code> @ <code>{E(TriageMarkdown.Backend(t, i.Backend))}</code></h3>");
                if (i.IsTie)
                {
                    w.WriteLine($"<p class=\"tie\">{E(t["Tie"])}</p>");
                }

                foreach (var cause in i.Causes)
                {
                    w.WriteLine($"<p><strong><code>{E(cause.Id)}</code></strong> — {E(cause.Title)}</p>");
                    if (cause.Checks.Count > 0)
                    {
                        w.WriteLine($"<p>{E(t["Checks"])}:</p><ul>{string.Concat(cause.Checks.Select(c => $"<li>{E(c)}</li>"))}</ul>");
                    }

                    w.WriteLine($"<p>{E(t["Remedy"])}: {E(cause.Remedy)}</p><p>{E(t["Source"])}: {Source(cause.Source)}</p>");
                }

                if (i.Evidence.Count > 0)
                {
                    w.WriteLine($"<p>{E(t["Evidence"])}:</p><ul class=\"evidence\">{string.Concat(i.Evidence.Select(e => $"<li data-kind=\"{E(e.Kind)}\">[{E(e.Kind)}] {E(e.Sentence)}{(e.Where == null ? string.Empty : $" <code>{E(e.Where)}</code>")}</li>"))}</ul>");
                }

                if (i.AlsoPossible.Count > 0)
                {
                    w.WriteLine($"<p>{E(t["AlsoPossible"])}: {E(string.Join(", ", i.AlsoPossible))}</p>");
                }

                if (i.TopPaths.Count > 0)
                {
                    w.WriteLine($"<p>{E(t["TopPaths"])}: {string.Join(", ", i.TopPaths.Select(p => $"<code>{E(p.Path)}</code> ({Number(p.Count)})"))}</p>");
                }

                if (i.Samples.Count > 0)
                {
                    w.WriteLine($"<p>{E(t["Samples"])}:</p><ul class=\"samples\">{string.Concat(i.Samples.Select(s => $"<li><code>{E(Path.GetFileName(s.File ?? "-"))}:{s.Line}</code> {Time(s.Time)} {s.Status} {E(s.Method ?? string.Empty)} <code>{E(s.Path ?? string.Empty)}</code></li>"))}</ul>");
                }

                w.WriteLine("</section>");
            }
        }

        private static void WriteBackends(TriageReport report, ReportText t, TextWriter w)
        {
            var labels = new[] { t["Backend"], t["Requests"], "5xx", t["ServerErrorShare"], t["RequestTime"] + " p50/p95/p99", t["UpstreamTime"] + " p50/p95/p99", t["ImplicatedBy"] };
            w.WriteLine($"<table id=\"backends\" class=\"cards\"><thead><tr><th>{E(t["Backend"])}</th><th>{E(t["Requests"])}</th><th>5xx</th><th>{E(t["ServerErrorShare"])}</th><th>{E(t["RequestTime"])} p50/p95/p99</th><th>{E(t["UpstreamTime"])} p50/p95/p99</th><th>{E(t["ImplicatedBy"])}</th></tr></thead><tbody>");
            foreach (var b in report.Backends)
            {
                w.WriteLine(Labelled($"<tr class=\"backend-row\" data-backend=\"{E(b.Address ?? string.Empty)}\"><td><code>{E(TriageMarkdown.Backend(t, b.Address))}</code></td><td class=\"n\">{Number(b.Requests)}</td><td class=\"n\">{Number(b.ServerErrors)}</td><td class=\"n\">{Percent(b.ServerErrorShare)}</td><td>{Triple(b.RequestTime)}</td><td>{Triple(b.UpstreamTime)}</td><td>{E(string.Join(", ", b.Incidents.Select(k => $"{k.Status} {k.Cause ?? "-"}")))}</td></tr>", labels));
            }

            w.WriteLine("</tbody></table>");
        }

        private static void WriteProbes(TriageReport report, ReportText t, TextWriter w)
        {
            w.WriteLine($"<h2>{E(t["Probes"])}</h2>");
            if (report.Probes.Count == 0)
            {
                w.WriteLine($"<p>{E(t["NoProbes"])}</p>");
                return;
            }

            var labels = new[] { t["Backend"], t["Probe"], t["Outcome"], t["Detail"] };
            w.WriteLine($"<table id=\"probes\" class=\"cards\"><thead><tr><th>{E(t["Backend"])}</th><th>{E(t["Probe"])}</th><th>{E(t["Outcome"])}</th><th>{E(t["Detail"])}</th></tr></thead><tbody>");
            foreach (var p in report.Probes)
            {
                foreach (var r in p.Results)
                {
                    w.WriteLine(Labelled($"<tr class=\"probe-row\"><td><code>{E(p.Backend)}</code></td><td>{r.Probe}</td><td>{r.Outcome}</td><td>{E(r.Message)}</td></tr>", labels));
                }

                w.WriteLine($"<tr><td><code>{E(p.Backend)}</code></td><td colspan=\"3\">{E(t["Confirms"])}: {E(p.Confirms.Count == 0 ? t["None"] : string.Join(", ", p.Confirms))}; {E(t["RulesOut"])}: {E(p.RulesOut.Count == 0 ? t["None"] : string.Join(", ", p.RulesOut))}</td></tr>");
            }

            w.WriteLine("</tbody></table>");
        }

        private static void OpenChart(TextWriter w, string id, string label) =>
            w.WriteLine($"<svg class=\"chart\" id=\"{id}\" viewBox=\"0 0 {F(ChartWidth)} {F(ChartHeight)}\" role=\"img\" aria-label=\"{E(label)}\" xmlns=\"http://www.w3.org/2000/svg\">");

        private static void Axes(TextWriter w, string maxLabel, string firstLabel, string lastLabel)
        {
            double bottom = ChartHeight - Bottom;
            w.WriteLine($"<line x1=\"{F(Left)}\" y1=\"{F(Top)}\" x2=\"{F(Left)}\" y2=\"{F(bottom)}\" stroke=\"#999\"/><line x1=\"{F(Left)}\" y1=\"{F(bottom)}\" x2=\"{F(ChartWidth - Right)}\" y2=\"{F(bottom)}\" stroke=\"#999\"/>");
            w.WriteLine($"<text x=\"{F(Left - 4)}\" y=\"{F(Top + 10)}\" text-anchor=\"end\">{E(maxLabel)}</text><text x=\"{F(Left - 4)}\" y=\"{F(bottom)}\" text-anchor=\"end\">0</text>");
            w.WriteLine($"<text x=\"{F(Left)}\" y=\"{F(bottom + 20)}\">{E(firstLabel)}</text><text x=\"{F(ChartWidth - Right)}\" y=\"{F(bottom + 20)}\" text-anchor=\"end\">{E(lastLabel)}</text>");
        }

        /// <summary>Gives the n-th cell of the row the n-th column name, which narrow screens show in front of it.</summary>
        private static string Labelled(string row, string[] labels)
        {
            var sb = new System.Text.StringBuilder(row.Length + 64);
            int from = 0, n = 0;
            int at;
            while ((at = row.IndexOf("<td", from, StringComparison.Ordinal)) >= 0)
            {
                sb.Append(row, from, at + 3 - from);
                if (n < labels.Length)
                {
                    sb.Append(" data-label=\"").Append(E(labels[n])).Append('"');
                }

                n++;
                from = at + 3;
            }

            return sb.Append(row, from, row.Length - from).ToString();
        }

        private static void Fact(TextWriter w, string name, string value) => w.WriteLine($"<dt>{E(name)}</dt><dd>{E(value)}</dd>");

        private static string Triple(LatencyPercentiles p) => p.Count == 0 ? "-" : $"{Seconds(p.P50)} / {Seconds(p.P95)} / {Seconds(p.P99)}";

        /// <summary>A source (title and address) as plain text: the page makes no request, even on a click.</summary>
        private static string Source(string source) => $"<span class=\"source\">{E(source)}</span>";

        private static string Shorten(string text, int max) => text.Length <= max ? text : text.Substring(0, max - 1) + "…";

        private static string E(string text) => WebUtility.HtmlEncode(text);

        private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
    }
}
