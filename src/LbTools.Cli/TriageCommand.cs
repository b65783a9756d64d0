using System.Globalization;
using LbTools.Core.Common;
using LbTools.Core.Logs;
using LbTools.Core.Queries;
using LbTools.Core.Reports;
using LbTools.Core.Triage;

namespace LbTools.Cli;

/// <summary>
/// lbtools triage PATH… [--since T] [--until T] [--last 2h] [--interval 5m] [--threshold 2] [--out report.html|report.md]:
/// the same Core triage as Invoke-LbTriage, printed as a short text (incidents once, the general
/// checklist once) and optionally written as an HTML or Markdown report.
/// Exit code: 0, 1 when a file or line could not be read, 3 when the 5xx share is above --threshold.
/// </summary>
internal static class TriageCommand
{
    public const string Usage = "lbtools triage PATH... | --query-result FILE[,FILE] --provider AwsAlb|AwsClb|CloudFront|AlibabaAlb|AlibabaClb [--format F] [--log-format FMT] [--since ISO] [--until ISO] [--last 2h] [--interval 5m] [--threshold PERCENT] [--error-log FILE[,FILE]] [--out report.html|report.md] [--culture en|ja]";

    public static int Run(IReadOnlyList<string> paths, IReadOnlyDictionary<string, string> args, CancellationToken cancellationToken)
    {
        var options = Options(args);
        var sink = new ConsoleSink();
        if (args.TryGetValue("query-result", out var results))
        {
            if (paths.Count > 0)
            {
                throw new ArgumentException($"--query-result reads a query's result instead of logs: give no log paths with it (got {string.Join(" ", paths)}).");
            }

            var provider = args.TryGetValue("provider", out var p) ? ArgumentValues.EnumName<LbProvider>("--provider", p) : throw new ArgumentException("--query-result needs --provider (the balancer type the query ran over: AwsAlb, AwsClb, CloudFront, AlibabaAlb or AlibabaClb).");
            var csvFiles = results.Split(',', StringSplitOptions.RemoveEmptyEntries).SelectMany(f => AccessLogReader.ExpandFiles(f.Trim(), recurse: false, sink)).ToList();
            TriageReport fromQuery;
            try
            {
                fromQuery = new QueryResultReader(options, provider, sink).Read(csvFiles, cancellationToken);
            }
            catch (InvalidDataException ex)
            {
                Console.Error.WriteLine($"error: {ex.Message}");
                return 1;
            }

            return Finish(fromQuery, args, sink);
        }

        var files = paths.SelectMany(p => AccessLogReader.ExpandFiles(p, recurse: true, sink)).ToList();
        if (args.TryGetValue("error-log", out var errorLog))
        {
            foreach (var file in errorLog.Split(',', StringSplitOptions.RemoveEmptyEntries).SelectMany(p => AccessLogReader.ExpandFiles(p.Trim(), recurse: false, sink)))
            {
                options.ErrorLogFiles.Add(file);
            }
        }

        return Finish(new TriageRunner(options, sink).Run(files, cancellationToken), args, sink);
    }

    private static int Finish(TriageReport report, IReadOnlyDictionary<string, string> args, ConsoleSink sink)
    {
        if (args.TryGetValue("out", out var outFile))
        {
            TriageReportFiles.Write(report, outFile);
            Console.WriteLine($"Report written to {outFile}");
        }

        Print(report);
        return report.Verdict.ThresholdCrossed ? 3 : sink.Errors == 0 ? 0 : 1;
    }

    internal static TriageOptions Options(IReadOnlyDictionary<string, string> args)
    {
        var options = new TriageOptions
        {
            Format = args.TryGetValue("format", out var f) ? ArgumentValues.EnumName<LogFormat>("--format", f) : LogFormat.Auto,
            Culture = args.TryGetValue("culture", out var c) ? CultureInfo.GetCultureInfo(c) : CultureInfo.GetCultureInfo("en"),
            NginxLogFormat = args.TryGetValue("log-format", out var lf) ? lf : null,
            Since = args.TryGetValue("since", out var since) ? Instant(since, "--since") : null,
            Until = args.TryGetValue("until", out var until) ? Instant(until, "--until") : null,
            Last = args.TryGetValue("last", out var last) ? Durations.Parse(last, "--last") : null,
            Interval = args.TryGetValue("interval", out var interval) ? Durations.Parse(interval, "--interval") : null,
            Threshold = args.TryGetValue("threshold", out var threshold) ? double.Parse(threshold, NumberStyles.Float, CultureInfo.InvariantCulture) : null,
        };
        if (args.TryGetValue("out", out var outFile) && !TriageReportFiles.IsSupported(outFile))
        {
            throw new ArgumentException($"--out '{outFile}' must end in .html, .htm, .md or .markdown.");
        }

        options.Validate();
        return options;
    }

    internal static DateTimeOffset Instant(string text, string what) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value
            : throw new ArgumentException($"{what} '{text}' is not a date and time (use ISO 8601, e.g. 2024-05-01T22:00:00Z).");

    private static void Print(TriageReport report)
    {
        var t = report.Totals;
        if (report.QueryResult is { } query)
        {
            Console.WriteLine($"Read {query.RowsRead} row(s) of a query result from {query.Files.Count} file(s): {query.RowsUsed} used, {query.RowsRejected} rejected, {query.RowsSkipped} blank; {t.Diagnosed} record(s) diagnosed by the query.");
        }
        else
        {
            Console.WriteLine($"Read {t.LinesRead} lines from {t.Files.Count} file(s): {t.Parsed} parsed, {t.Rejected} rejected, {t.Skipped} skipped; {t.Diagnosed} record(s) diagnosed.");
        }

        if (report.ErrorLog != null)
        {
            Console.WriteLine($"nginx error log: {report.ErrorLog}.");
        }

        Console.WriteLine($"{t.Requests} requests in the window{(report.QueryResult == null ? $" ({t.OutsideWindow} outside)" : string.Empty)}: {t.ClientErrors} 4xx, {t.ServerErrors} 5xx ({t.ServerErrorPercent:0.##} %). Verdict: {report.Verdict}");
        foreach (var jump in report.Jumps)
        {
            Console.WriteLine($"5xx jump at {jump.Start:u}: {jump.BaselineRate:P1} -> {jump.Rate:P1} ({jump.ServerErrors} 5xx)");
        }

        Console.WriteLine();
        Console.WriteLine($"{"Count",5}  {"Share",5}  {"Status",6}  {"Cause",-40}  Backend");
        foreach (var incident in report.Incidents)
        {
            Console.WriteLine($"{incident.Count,5}  {incident.Share.ToString("P0", CultureInfo.InvariantCulture),5}  {incident.Status,6}  {incident.Cause ?? "-",-40}  {incident.Backend ?? "-"}");
        }

        // Each cause's own checks once, however many incidents name it; the general checklist once at the end.
        foreach (var cause in report.Incidents.SelectMany(i => i.Causes).GroupBy(c => c.Id).Select(g => g.First()))
        {
            Console.WriteLine();
            Console.WriteLine($"{cause.Id}: {cause.Title}");
            foreach (var check in cause.Checks)
            {
                Console.WriteLine($"  check:  {check}");
            }

            Console.WriteLine($"  remedy: {cause.Remedy}");
            Console.WriteLine($"  source: {cause.Source}");
        }

        if (report.Checklist.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine("Checklist:");
            foreach (var step in report.Checklist)
            {
                Console.WriteLine($"  - {step.Text}");
            }
        }
    }
}
