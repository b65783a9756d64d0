using LbTools.Core.Common;
using LbTools.Core.Probes;
using LbTools.Integration.Tests.Scenarios;

namespace LbTools.Integration.Tests;

/// <summary>
/// Test-LbBackend's TCP probe (already in Core) against the backends of the connect-level
/// scenarios, while they fail exactly as they did for nginx: the probe must report the same
/// failure and list the expected cause in its own Supports (what Test-LbBackend shows). All
/// probes and the resolver are checked in ScenarioCauseTests.
/// </summary>
public class TcpProbeConfirmationTests
{
    public static TheoryData<string> TcpScenarios() => new("PortClosed", "ConnectNeverCompletes", "RetryHidesFailingServer");

    [Theory]
    [MemberData(nameof(TcpScenarios))]
    public async Task Tcp_probe_confirms_what_nginx_logged(string name)
    {
        using var run = await NginxScenarios.All[name]();
        var outcome = run.Outcome;
        Assert.Equal(new[] { ProbeKind.Tcp }, outcome.ProbeWith);

        var prober = new BackendProber(new ProbeOptions { Probes = new[] { ProbeKind.Tcp }, Timeout = TimeSpan.FromSeconds(1) }, NullOperationSink.Instance);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var result = Assert.Single(prober.Probe(BackendTarget.Parse(outcome.ProbeTarget), cancel.Token));

        Assert.Equal(ProbeOutcome.Fail, result.Outcome);
        Assert.Equal(outcome.ExpectedProbeFailure, result.FailureReason);
        Assert.Contains(outcome.ExpectedTopCause, result.Supports);
    }
}
