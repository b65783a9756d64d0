using System.Globalization;
using System.IO;
using System.Linq;
using LbTools.Core.Triage;
using static LbTools.Core.Reports.TriageReportFiles;

namespace LbTools.Core.Reports
{
    /// <summary>The triage report as Markdown for a ticket or a chat: verdict, totals, jumps, incidents, backends, probes, checklist.</summary>
    internal static class TriageMarkdown
    {
        public static string ToText(TriageReport report)
        {
            using var writer = new StringWriter();
            Write(report, writer);
            return writer.ToString();
        }

        public static void Write(TriageReport report, TextWriter w)
        {
            var t = new ReportText(report.Culture);
            var v = report.Verdict;
            w.WriteLine($"# {t["Title"]}");
            w.WriteLine();
            w.WriteLine($"- **{t["Window"]}**: {Window(report, t)}");
            w.WriteLine($"- **{t["Records"]}**: {Time(report.FirstRecord)} – {Time(report.LastRecord)} ({t["Interval"]} {Interval(report.Interval)})");
            w.WriteLine($"- **{t["Verdict"]}**: {t["Outcome." + v.Outcome]} (`{v.Outcome}`)");
            w.WriteLine($"- **{t["ServerErrorShare"]}**: {Percent(v.ServerErrorPercent / 100)}{(v.Threshold.HasValue ? $" ({t["Threshold"]} {Percent(v.Threshold.Value / 100)})" : string.Empty)}");
            w.WriteLine($"- **{t["Worst"]}**: {(v.WorstIncident == null ? t["None"] : $"{v.WorstIncident.Status} `{Cell(v.WorstIncident.Cause ?? "-")}` @ {Cell(Backend(t, v.WorstIncident.Backend))}, {Number(v.WorstIncident.Count)} ({Percent(v.WorstShare)})")}");
            w.WriteLine();

            var totals = report.Totals;
            w.WriteLine($"## {t["Totals"]}");
            w.WriteLine();
            if (report.QueryResult is { } query)
            {
                w.WriteLine(t.Format("QueryResult", Number(query.RowsRead), Number(query.RowsRejected), Number(query.RowsSkipped), string.Join(", ", query.Files.Select(f => $"`{Path.GetFileName(f)}`"))));
                w.WriteLine();
                w.WriteLine($"| {t["Requests"]} | {t["ClientErrors"]} | {t["ServerErrors"]} | {t["Diagnosed"]} |");
                w.WriteLine("|---:|---:|---:|---:|");
                w.WriteLine($"| {Number(totals.Requests)} | {Number(totals.ClientErrors)} | {Number(totals.ServerErrors)} | {Number(totals.Diagnosed)} |");
                w.WriteLine();
            }
            else
            {
                w.WriteLine($"| {t["LinesRead"]} | {t["Parsed"]} | {t["Rejected"]} | {t["Skipped"]} | {t["OutsideWindow"]} | {t["Requests"]} | {t["ClientErrors"]} | {t["ServerErrors"]} | {t["Diagnosed"]} |");
                w.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
                w.WriteLine($"| {Number(totals.LinesRead)} | {Number(totals.Parsed)} | {Number(totals.Rejected)} | {Number(totals.Skipped)} | {Number(totals.OutsideWindow)} | {Number(totals.Requests)} | {Number(totals.ClientErrors)} | {Number(totals.ServerErrors)} | {Number(totals.Diagnosed)} |");
                w.WriteLine();
                if (totals.RejectedByReason.Count > 0)
                {
                    w.WriteLine($"{t["RejectedBy"]}: " + string.Join(", ", totals.RejectedByReason.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {Number(p.Value)}")));
                    w.WriteLine();
                }
            }

            if (report.ErrorLog is { } errorLog)
            {
                w.WriteLine(string.Format(CultureInfo.InvariantCulture, t["ErrorLog"], Number(errorLog.Events), Number(errorLog.Joined), Number(errorLog.Unjoined), Number(errorLog.NotAboutRequest)));
                w.WriteLine();
            }

            w.WriteLine($"## {t["Jumps"]}");
            w.WriteLine();
            if (report.QueryResult is { TimelineHasAllRequests: false })
            {
                w.WriteLine(t["QueryErrorsOnly"]);
            }
            else if (report.Jumps.Count == 0)
            {
                w.WriteLine(t["NoJumps"]);
            }

            foreach (var jump in report.Jumps)
            {
                w.WriteLine("- " + t.Format("JumpLine", Time(jump.Start), Percent(jump.Rate), Percent(jump.BaselineRate), Number(jump.ServerErrors)));
            }

            w.WriteLine();
            w.WriteLine($"## {t["Incidents"]}");
            w.WriteLine();
            if (report.Incidents.Count == 0)
            {
                w.WriteLine(t["NoIncidents"]);
                w.WriteLine();
            }
            else
            {
                w.WriteLine($"| {t["Count"]} | {t["Share"]} | {t["Status"]} | {t["Cause"]} | {t["Backend"]} | {t["FirstSeen"]} | {t["LastSeen"]} |");
                w.WriteLine("|---:|---:|---:|---|---|---|---|");
                foreach (var i in report.Incidents)
                {
                    w.WriteLine($"| {Number(i.Count)} | {Percent(i.Share)} | {i.Status} | {Cell(i.Cause ?? t["NoCause"])} | {Cell(Backend(t, i.Backend))} | {Time(i.FirstSeen)} | {Time(i.LastSeen)} |");
                }

                w.WriteLine();
                foreach (var i in report.Incidents)
                {
                    w.WriteLine($"### {i.Status} {i.Cause ?? t["NoCause"]} @ {Backend(t, i.Backend)}");
                    w.WriteLine();
                    if (i.IsTie)
                    {
                        w.WriteLine($"_{t["Tie"]}_");
                        w.WriteLine();
                    }

                    foreach (var cause in i.Causes)
                    {
                        w.WriteLine($"**{cause.Id}** — {cause.Title}");
                        w.WriteLine();
                        foreach (var check in cause.Checks)
                        {
                            w.WriteLine($"- [ ] {check}");
                        }

                        w.WriteLine($"- {t["Remedy"]}: {cause.Remedy}");
                        w.WriteLine($"- {t["Source"]}: {cause.Source}");
                        w.WriteLine();
                    }

                    if (i.Evidence.Count > 0)
                    {
                        w.WriteLine($"{t["Evidence"]}:");
                        foreach (var e in i.Evidence)
                        {
                            w.WriteLine($"- [{e.Kind}] {e.Sentence}{(e.Where == null ? string.Empty : $" (`{e.Where}`)")}");
                        }

                        w.WriteLine();
                    }

                    if (i.AlsoPossible.Count > 0)
                    {
                        w.WriteLine($"{t["AlsoPossible"]}: {string.Join(", ", i.AlsoPossible)}");
                        w.WriteLine();
                    }

                    if (i.TopPaths.Count > 0)
                    {
                        w.WriteLine($"{t["TopPaths"]}: " + string.Join(", ", i.TopPaths.Select(p => $"`{p.Path}` ({Number(p.Count)})")));
                        w.WriteLine();
                    }

                    if (i.Samples.Count > 0)
                    {
                        w.WriteLine($"{t["Samples"]}:");
                        foreach (var s in i.Samples)
                        {
                            w.WriteLine($"- `{s.Location}` {Time(s.Time)} {s.Status} {s.Method} {s.Path}");
                        }

                        w.WriteLine();
                    }
                }
            }

            w.WriteLine($"## {t["Backends"]}");
            w.WriteLine();
            w.WriteLine($"| {t["Backend"]} | {t["Requests"]} | {t["ServerErrors"]} | {t["ServerErrorShare"]} | {t["RequestTime"]} p50/p95/p99 ({t["Seconds"]}) | {t["UpstreamTime"]} p50/p95/p99 ({t["Seconds"]}) | {t["ImplicatedBy"]} |");
            w.WriteLine("|---|---:|---:|---:|---|---|---|");
            foreach (var b in report.Backends)
            {
                w.WriteLine($"| {Cell(Backend(t, b.Address))} | {Number(b.Requests)} | {Number(b.ServerErrors)} | {Percent(b.ServerErrorShare)} | {Triple(b.RequestTime)} | {Triple(b.UpstreamTime)} | {Cell(string.Join(", ", b.Incidents.Select(k => $"{k.Status} {k.Cause ?? "-"}")))} |");
            }

            w.WriteLine();
            w.WriteLine($"## {t["Probes"]}");
            w.WriteLine();
            if (report.Probes.Count == 0)
            {
                w.WriteLine(t["NoProbes"]);
            }

            foreach (var p in report.Probes)
            {
                w.WriteLine($"- **{p.Backend}**: " + string.Join("; ", p.Results.Select(r => $"{r.Probe} {r.Outcome}")) + $" — {t["Confirms"]}: {(p.Confirms.Count == 0 ? t["None"] : string.Join(", ", p.Confirms))}; {t["RulesOut"]}: {(p.RulesOut.Count == 0 ? t["None"] : string.Join(", ", p.RulesOut))}");
            }

            w.WriteLine();
            if (report.Checklist.Count > 0)
            {
                w.WriteLine($"## {t["Checklist"]}");
                w.WriteLine();
                foreach (var step in report.Checklist)
                {
                    w.WriteLine($"- [ ] {step.Text}{(step.Command == null ? string.Empty : $" (`{step.Command}`)")}");
                }

                w.WriteLine();
            }

            w.WriteLine($"_{t["Generated"]}_");
        }

        internal static string Backend(ReportText t, string? backend) => backend ?? t["NoBackend"];

        /// <summary>The window asked for; a query result's window is the query's own.</summary>
        internal static string Window(TriageReport report, ReportText t) =>
            report.QueryResult != null && report.Since == null && report.Until == null
                ? t["QueryWindow"]
                : $"{(report.Since == null ? t["Open"] : Time(report.Since))} – {(report.Until == null ? t["Open"] : Time(report.Until))}";

        private static string Triple(LatencyPercentiles p) => p.Count == 0 ? "-" : $"{Seconds(p.P50)} / {Seconds(p.P95)} / {Seconds(p.P99)}";

        private static string Cell(string text) => text.Replace("\\", "\\\\").Replace("|", "\\|").Replace("\r", " ").Replace("\n", " ");
    }
}
