using System.Globalization;
using LbTools.Core.Common;
using LbTools.Core.Diagnosis;
using LbTools.Core.Logs;
using LbTools.Core.Queries;
using LbTools.Core.Triage;

namespace LbTools.Cli;

/// <summary>
/// lbtools query ENGINE PROVIDER [PATH...] [--kind Table|Triage] ...: the same Core query writer as
/// Get-LbQuery. The SQL goes to standard output (pipe it into duckdb or a file); the notes and
/// the parameters go to standard error.
/// </summary>
internal static class QueryCommand
{
    public const string Usage = "lbtools query Athena|Sls|DuckDb AwsAlb|AwsClb|CloudFront|AlibabaAlb|AlibabaClb [PATH...] [--kind Table|Triage] [--location s3://...] [--table NAME] [--since ISO] [--until ISO] [--last 2h] [--interval 5m] [--status 502,504] [--connect-timeout S] [--request-timeout S] [--idle-timeout S]";

    public static int Run(IReadOnlyList<string> positional, IReadOnlyDictionary<string, string> args)
    {
        if (positional.Count < 1)
        {
            throw new ArgumentException("usage: " + Usage);
        }

        string? Get(string name) => args.TryGetValue(name, out var value) ? value : null;
        TimeSpan? Seconds(string name) => Get(name) is { } text ? ArgumentValues.Seconds("--" + name, text, 0.001, 86400) : null;
        var request = new QueryRequest
        {
            Engine = ArgumentValues.EnumName<QueryEngine>("ENGINE", positional[0]),
            Provider = positional.Count > 1 ? ArgumentValues.EnumName<LbProvider>("PROVIDER", positional[1]) : throw new ArgumentException("usage: " + Usage),
            Kind = Get("kind") is { } kind ? ArgumentValues.EnumName<QueryKind>("--kind", kind) : QueryKind.Triage,
            Paths = positional.Skip(2).Select(Path.GetFullPath).ToArray(),
            Location = Get("location"),
            TableName = Get("table"),
            Since = Get("since") is { } since ? TriageCommand.Instant(since, "--since") : null,
            Until = Get("until") is { } until ? TriageCommand.Instant(until, "--until") : null,
            Last = Get("last") is { } last ? Durations.Parse(last, "--last") : null,
            Statuses = Get("status")?.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => ArgumentValues.Integer("--status", s.Trim(), 0, 999)).ToArray() ?? Array.Empty<int>(),
            Settings = new DiagnosisSettings { ConnectTimeout = Seconds("connect-timeout"), RequestTimeout = Seconds("request-timeout"), IdleTimeout = Seconds("idle-timeout") },
        };
        if (Get("interval") is { } interval)
        {
            request.Interval = Durations.Parse(interval, "--interval");
        }

        var query = QueryWriter.Write(request);
        Console.Out.WriteLine(query.Text);
        foreach (var note in query.Notes)
        {
            Console.Error.WriteLine("note: " + note);
        }

        foreach (var rule in query.NarrowOnly)
        {
            Console.Error.WriteLine("narrow only: " + rule);
        }

        Console.Error.WriteLine("parameters: " + string.Join(", ", query.Parameters.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} = {p.Value}"))));
        return 0;
    }
}
