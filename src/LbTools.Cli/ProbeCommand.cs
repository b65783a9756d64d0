using LbTools.Core.Probes;

namespace LbTools.Cli;

/// <summary>lbtools probe TARGET…: run Test-LbBackend's probes and print one line per result.</summary>
internal static class ProbeCommand
{
    public static int Run(IReadOnlyList<string> targets, IReadOnlyList<ProbeKind> probes, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var sink = new ConsoleSink();
        var prober = new BackendProber(new ProbeOptions { Probes = probes, Timeout = timeout }, sink);
        bool allPassed = true;
        foreach (var text in targets)
        {
            if (!BackendTarget.TryParse(text, out var target, out var error))
            {
                Console.Error.WriteLine($"error InvalidTarget: '{text}' is not a valid target: {error}.");
                allPassed = false;
                continue;
            }

            foreach (var result in prober.Probe(target!, cancellationToken))
            {
                allPassed &= result.Succeeded;
                Console.WriteLine($"{result.Target,-24} {result.Address ?? "-",-16} {result.Probe,-8} {result.Outcome,-5} {(result.FailureReason == ProbeFailureReason.None ? string.Empty : result.FailureReason.ToString()),-14} {result.Message}");
            }
        }

        return allPassed ? 0 : 1;
    }
}
