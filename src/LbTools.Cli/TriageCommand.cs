using System.Globalization;
using LbTools.Core.Diagnosis;
using LbTools.Core.Logs;

namespace LbTools.Cli;

/// <summary>lbtools triage PATH…: read logs, diagnose every error, print one incident per status, top cause and upstream.</summary>
internal static class TriageCommand
{
    public static int Run(IReadOnlyList<string> paths, LogFormat format, string? nginxLogFormat, CultureInfo culture, CancellationToken cancellationToken)
    {
        var sink = new ConsoleSink();
        var reader = new AccessLogReader(new AccessLogReadOptions { Format = format, NginxLogFormat = nginxLogFormat }, sink);
        var resolver = new StatusResolver(CauseCatalog.BuiltIn, culture);
        var files = paths.SelectMany(p => AccessLogReader.ExpandFiles(p, recurse: true, sink)).ToList();
        var summarizer = new IncidentSummarizer(culture);
        foreach (var record in reader.ReadFiles(files, cancellationToken))
        {
            var diagnosis = resolver.Resolve(record);
            if (diagnosis != null)
            {
                summarizer.Add(diagnosis);
            }
        }

        var stats = reader.Statistics;
        Console.WriteLine($"Read {stats.LinesRead} lines from {stats.Files.Count} file(s): {stats.Parsed} parsed, {stats.Rejected} rejected, {stats.Skipped} skipped; {summarizer.Total} record(s) diagnosed.");
        Console.WriteLine();
        Console.WriteLine($"{"Count",5}  {"Share",5}  {"Status",6}  {"Top cause",-32}  {"Upstream",-21}  Also possible");
        var incidents = summarizer.Summaries();
        foreach (var incident in incidents)
        {
            Console.WriteLine($"{incident.Count,5}  {incident.Share,5:P0}  {incident.Status,6}  {incident.TopCause ?? "-",-32}  {incident.Upstream ?? "-",-21}  {string.Join(", ", incident.AlsoPossible)}");
        }

        foreach (var incident in incidents.GroupBy(i => i.TopCause).Select(g => g.First()))
        {
            var cause = incident.Samples.Count > 0 && incident.Samples[0].Causes.Count > 0 ? incident.Samples[0].Causes[0] : null;
            if (cause == null)
            {
                continue;
            }

            Console.WriteLine();
            Console.WriteLine($"{cause.CauseId}: {cause.Title}");
            foreach (var evidence in cause.Evidence)
            {
                Console.WriteLine($"  evidence: {evidence.Sentence}");
            }

            Console.WriteLine($"  paths:    {string.Join(", ", incident.TopPaths)}");
            foreach (var step in incident.NextSteps)
            {
                Console.WriteLine($"  next:     {step}");
            }

            Console.WriteLine($"  remedy:   {cause.Remedy}");
            Console.WriteLine($"  source:   {cause.Source}");
        }

        return sink.Errors == 0 ? 0 : 1;
    }
}
