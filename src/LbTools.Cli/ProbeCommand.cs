using LbTools.Core.Common;
using LbTools.Core.Probes;

namespace LbTools.Cli;

/// <summary>lbtools probe TARGET…: run Test-LbBackend's probes and print one line per result.</summary>
internal static class ProbeCommand
{
    public const string Usage = "lbtools probe TARGET... [--probe Dns,Tcp,Tls,Http,Methods,Limits,Latency,Concurrency] [--timeout SECONDS] [--request-timeout SECONDS] [--server-name NAME] [--host-header HOST] [--method M] [--path /P] [--expect-status 200,204] [--concurrency N] [--throttle N]";

    /// <summary>Builds probe options from the command line's --name value pairs.</summary>
    public static ProbeOptions Options(IReadOnlyDictionary<string, string> options)
    {
        string? Get(string name) => options.TryGetValue(name, out var value) ? value : null;
        // The ranges of Test-LbBackend's -Timeout and -RequestTimeout.
        TimeSpan Seconds(string name, double fallback, double max) => Get(name) is { } text ? ArgumentValues.Seconds("--" + name, text, 0.001, max) : TimeSpan.FromSeconds(fallback);
        var result = new ProbeOptions
        {
            Probes = Get("probe")?.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => ArgumentValues.EnumName<ProbeKind>("--probe", s)).ToArray(),
            Timeout = Seconds("timeout", ProbeOptions.DefaultTimeoutSeconds, 600),
            RequestTimeout = Seconds("request-timeout", ProbeOptions.DefaultRequestTimeoutSeconds, 3600),
            ServerName = Get("server-name"),
            HostHeader = Get("host-header"),
            Method = (Get("method") ?? ProbeOptions.DefaultMethod).ToUpperInvariant(),
            Path = Get("path"),
            ExpectStatus = Get("expect-status")?.Split(',').Select(s => ArgumentValues.Integer("--expect-status", s, 100, 599)).ToArray() ?? Array.Empty<int>(),
        };
        if (Get("concurrency") is { } concurrency)
        {
            result.Concurrency = ArgumentValues.Integer("--concurrency", concurrency, 1, 200);
        }

        if (Get("throttle") is { } throttle)
        {
            result.ThrottleLimit = ArgumentValues.Integer("--throttle", throttle, 1, 64);
        }

        return result;
    }

    public static int Run(IReadOnlyList<string> targets, ProbeOptions options, CancellationToken cancellationToken)
    {
        var sink = new ConsoleSink();
        var prober = new BackendProber(options, sink);
        bool allPassed = true;
        var parsed = BackendTarget.ParseAll(targets, (text, error) =>
        {
            Console.Error.WriteLine("error InvalidTarget: " + BackendTarget.InvalidMessage(text, error));
            allPassed = false;
        });

        foreach (var result in prober.ProbeAll(parsed, cancellationToken))
        {
            allPassed &= result.Succeeded;
            string reason = result.FailureReason == ProbeFailureReason.None ? string.Empty : result.FailureReason.ToString();
            Console.WriteLine($"{result.Target,-24} {result.Address ?? "-",-16} {result.Probe,-11} {result.Outcome,-5} {reason,-21} {result.Message}");
        }

        return allPassed ? 0 : 1;
    }
}
