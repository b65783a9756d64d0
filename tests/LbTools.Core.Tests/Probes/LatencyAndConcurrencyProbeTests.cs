using System.Net.Sockets;
using System.Net;
using LbTools.Core.Probes.Checks;
using LbTools.Core.Probes;
using LbTools.Core.Tests.Support;

namespace LbTools.Core.Tests.Probes;

/// <summary>
/// Latency against the balancer's request timeout (catalog 504.BackendResponseTimeout: "backend
/// slower than the request timeout (e.g. 60 s; 60.001 s fails)") and simultaneous connects
/// against a full accept backlog (502.BacklogFull: "probe: concurrent connects time out").
/// </summary>
public class LatencyAndConcurrencyProbeTests
{
    [Theory]
    [InlineData(47_000, ProbeOutcome.Pass)]
    [InlineData(48_000, ProbeOutcome.Warn)] // 80 % of 60 s
    [InlineData(60_000, ProbeOutcome.Warn)]
    [InlineData(60_001, ProbeOutcome.Fail)] // the catalog's example: 60.001 s against 60 s fails
    public void Response_time_is_judged_against_the_request_timeout(int responseMs, ProbeOutcome expected)
    {
        var (outcome, _) = LatencyProbe.Classify(TimeSpan.FromMilliseconds(responseMs), TimeSpan.FromSeconds(60));
        Assert.Equal(expected, outcome);
    }

    [Fact]
    public void The_default_request_timeout_is_60_seconds()
    {
        // Alibaba ALB/CLB request timeout and AWS ALB idle timeout default to 60 s (issue 5).
        Assert.Equal(TimeSpan.FromSeconds(60), new ProbeOptions().RequestTimeout);
    }

    [Fact]
    public async Task A_first_byte_slower_than_the_request_timeout_is_a_slow_response()
    {
        using var backend = RawBackend.Start(async (stream, _, token) =>
        {
            await RawBackend.ReadRequestAsync(stream, token);
            await Task.Delay(TimeSpan.FromSeconds(5), token);
            await RawBackend.WriteAsync(stream, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", token);
        });
        var options = new ProbeOptions { Timeout = TimeSpan.FromSeconds(2), RequestTimeout = TimeSpan.FromSeconds(0.5) };
        var result = await LatencyProbe.RunAsync(backend.Target(), IPAddress.Loopback, options, CancellationToken.None);
        Assert.Equal(ProbeOutcome.Fail, result.Outcome);
        Assert.Equal(ProbeFailureReason.SlowResponse, result.FailureReason);
        Assert.Equal(new[] { "504.BackendResponseTimeout" }, result.Supports);
    }

    [Fact]
    public async Task A_quick_response_rules_out_the_response_timeout()
    {
        using var backend = RawBackend.Answering("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        var options = new ProbeOptions { Timeout = TimeSpan.FromSeconds(2), RequestTimeout = TimeSpan.FromSeconds(30) };
        var result = await LatencyProbe.RunAsync(backend.Target(), IPAddress.Loopback, options, CancellationToken.None);
        Assert.Equal(ProbeOutcome.Pass, result.Outcome);
        Assert.Contains("504.BackendResponseTimeout", result.RulesOut);
        Assert.NotNull(result.Details["ResponseMs"]);
    }

    [Fact]
    public async Task Simultaneous_connects_to_an_accepting_backend_all_pass()
    {
        using var backend = RawBackend.Start((_, _, token) => Task.Delay(TimeSpan.FromSeconds(3), token));
        var options = new ProbeOptions { Timeout = TimeSpan.FromSeconds(2), Concurrency = 10 };
        var result = await ConcurrencyProbe.RunAsync(backend.Target(), IPAddress.Loopback, options, CancellationToken.None);
        Assert.Equal(ProbeOutcome.Pass, result.Outcome);
        Assert.Equal(10, result.Details["Connected"]);
        Assert.Contains("502.BacklogFull", result.RulesOut);
    }

    [Fact]
    public async Task A_full_accept_backlog_is_backlog_full()
    {
        // Listen backlog 1 and never accept: the kernel completes a couple of handshakes into the
        // accept queue and drops the SYNs of the rest, so those connects time out.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start(1);
        try
        {
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            var options = new ProbeOptions { Timeout = TimeSpan.FromSeconds(1), Concurrency = 20 };
            var result = await ConcurrencyProbe.RunAsync(BackendTarget.Parse($"127.0.0.1:{port}"), IPAddress.Loopback, options, CancellationToken.None);
            Assert.Equal(ProbeOutcome.Fail, result.Outcome);
            Assert.Equal(ProbeFailureReason.BacklogFull, result.FailureReason);
            Assert.InRange((int)result.Details["Connected"]!, 1, 19);
            Assert.InRange((int)result.Details["TimedOut"]!, 1, 19);
            Assert.Contains("502.BacklogFull", result.Supports);
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public async Task Concurrency_against_a_closed_port_is_refused()
    {
        var options = new ProbeOptions { Timeout = TimeSpan.FromSeconds(1), Concurrency = 5 };
        var result = await ConcurrencyProbe.RunAsync(BackendTarget.Parse($"127.0.0.1:{LoopbackListener.ClosedPort()}"), IPAddress.Loopback, options, CancellationToken.None);
        Assert.Equal(ProbeFailureReason.Refused, result.FailureReason);
        Assert.Equal(0, result.Details["Connected"]);
    }
}
