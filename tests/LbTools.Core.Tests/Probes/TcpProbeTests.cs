using System.Net;
using System.Net.Sockets;
using LbTools.Core.Common;
using LbTools.Core.Probes;
using LbTools.Core.Tests.Support;

namespace LbTools.Core.Tests.Probes;

public class TcpProbeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task A_listening_port_passes_with_a_connect_time()
    {
        var listener = LoopbackListener.Start(IPAddress.Loopback);
        try
        {
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            var result = await TcpProbe.RunAsync(BackendTarget.Parse($"127.0.0.1:{port}"), IPAddress.Loopback, Timeout, CancellationToken.None);
            Assert.Equal(ProbeOutcome.Pass, result.Outcome);
            Assert.Equal(ProbeFailureReason.None, result.FailureReason);
            Assert.NotNull(result.ConnectMs);
            Assert.Contains("502.BackendConnectFailed", result.RulesOut);
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public async Task A_closed_port_is_refused_and_supports_connect_failed()
    {
        int port = LoopbackListener.ClosedPort();
        var result = await TcpProbe.RunAsync(BackendTarget.Parse($"127.0.0.1:{port}"), IPAddress.Loopback, Timeout, CancellationToken.None);
        Assert.Equal(ProbeOutcome.Fail, result.Outcome);
        Assert.Equal(ProbeFailureReason.Refused, result.FailureReason);
        Assert.Contains("502.BackendConnectFailed", result.Supports);
    }

    [SkippableFact]
    public async Task Ipv6_loopback_is_probed_when_available()
    {
        LoopbackListener.SkipUnlessIpv6Loopback();
        var listener = LoopbackListener.Start(IPAddress.IPv6Loopback);
        try
        {
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            var result = await TcpProbe.RunAsync(BackendTarget.Parse($"[::1]:{port}"), IPAddress.IPv6Loopback, Timeout, CancellationToken.None);
            Assert.Equal(ProbeOutcome.Pass, result.Outcome);
            Assert.Equal("::1", result.Address);
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public void Prober_resolves_an_address_literal_and_reports_dns_and_tcp()
    {
        int port = LoopbackListener.ClosedPort();
        var prober = new BackendProber(new ProbeOptions { Probes = new[] { ProbeKind.Dns, ProbeKind.Tcp }, Timeout = Timeout }, NullOperationSink.Instance);
        var results = prober.Probe(BackendTarget.Parse($"127.0.0.1:{port}"), CancellationToken.None).ToList();
        Assert.Equal(new[] { ProbeKind.Dns, ProbeKind.Tcp }, results.Select(r => r.Probe));
        Assert.Equal(ProbeOutcome.Pass, results[0].Outcome);
        Assert.Equal(ProbeFailureReason.Refused, results[1].FailureReason);
    }

    [Fact]
    public async Task Cancellation_ends_a_hanging_connect_promptly()
    {
        // A listener that never accepts, with its backlog filled, leaves further handshakes unanswered.
        var listener = LoopbackListener.Start(IPAddress.Loopback, backlog: 1);
        var fillers = new List<Socket>();
        try
        {
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            for (int i = 0; i < 8; i++)
            {
                var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { Blocking = false };
                try { s.Connect(IPAddress.Loopback, port); } catch (SocketException) { }
                fillers.Add(s);
            }

            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            var started = DateTime.UtcNow;
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                TcpProbe.RunAsync(BackendTarget.Parse($"127.0.0.1:{port}"), IPAddress.Loopback, TimeSpan.FromSeconds(30), cts.Token));
            Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10), "cancellation must not wait for the 30 s timeout");
        }
        finally
        {
            fillers.ForEach(s => s.Dispose());
            listener.Stop();
        }
    }
}
