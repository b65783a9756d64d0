using System.Globalization;
using LbTools.Core.Diagnosis;
using LbTools.Core.Logs;

namespace LbTools.Cli;

/// <summary>lbtools triage PATH…: read logs, diagnose every error, print the causes by count.</summary>
internal static class TriageCommand
{
    public static int Run(IReadOnlyList<string> paths, LogFormat format, string? nginxLogFormat, CultureInfo culture, CancellationToken cancellationToken)
    {
        var sink = new ConsoleSink();
        var reader = new AccessLogReader(new AccessLogReadOptions { Format = format, NginxLogFormat = nginxLogFormat }, sink);
        var resolver = new StatusResolver(CauseCatalog.BuiltIn, culture);
        var files = paths.SelectMany(p => AccessLogReader.ExpandFiles(p, recurse: true)).ToList();
        var diagnoses = new List<StatusDiagnosis>();
        foreach (var record in reader.ReadFiles(files, cancellationToken))
        {
            var diagnosis = resolver.Resolve(record);
            if (diagnosis != null)
            {
                diagnoses.Add(diagnosis);
            }
        }

        var stats = reader.Statistics;
        Console.WriteLine($"Read {stats.LinesRead} lines from {stats.Files.Count} file(s): {stats.Parsed} parsed, {stats.Rejected} rejected, {stats.Skipped} skipped; {diagnoses.Count} error record(s).");
        Console.WriteLine();
        Console.WriteLine($"{"Count",5}  {"Status",6}  {"Top cause",-30}  {"Upstream",-21}  Also possible");
        foreach (var group in diagnoses
            .GroupBy(d => (d.Status, d.TopCause, d.Upstream))
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key.Status))
        {
            var sample = group.First();
            var others = string.Join(", ", sample.Causes.Skip(1).Where(c => c.Score > 10).Select(c => c.CauseId));
            Console.WriteLine($"{group.Count(),5}  {group.Key.Status,6}  {group.Key.TopCause ?? "-",-30}  {group.Key.Upstream ?? "-",-21}  {others}");
        }

        foreach (var cause in diagnoses.Select(d => d.Causes.FirstOrDefault()).Where(c => c != null).GroupBy(c => c!.CauseId).Select(g => g.First()!))
        {
            Console.WriteLine();
            Console.WriteLine($"{cause.CauseId}: {cause.Title}");
            foreach (var evidence in cause.Evidence)
            {
                Console.WriteLine($"  evidence: {evidence.Sentence}");
            }

            foreach (var check in cause.Checks)
            {
                Console.WriteLine($"  check:    {check}");
            }

            Console.WriteLine($"  remedy:   {cause.Remedy}");
            Console.WriteLine($"  source:   {cause.Source}");
        }

        return sink.Errors == 0 ? 0 : 1;
    }
}
