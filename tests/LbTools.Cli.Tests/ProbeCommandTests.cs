using System.Net;
using System.Net.Sockets;

namespace LbTools.Cli.Tests;

/// <summary>lbtools probe against loopback ports: one listening, one closed, and a text that is no target.</summary>
public class ProbeCommandTests
{
    // Issue 14: values the cmdlet parameters refuse are refused here too, naming the option (Core: CommandLineValueTests).
    [Theory]
    [InlineData("--timeout", "1e300", "out of range")]
    [InlineData("--request-timeout", "1e300", "out of range")]
    [InlineData("--concurrency", "99999999999", "out of range")]
    [InlineData("--probe", "999", "is not one of")]
    public void A_value_out_of_range_is_reported_with_exit_code_2(string option, string value, string message)
    {
        var run = LbToolsProcess.Run("probe", "127.0.0.1:9", option, value);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(option, run.Error);
        Assert.Contains(message, run.Error);
        Assert.DoesNotContain("Unhandled exception", run.Error);
    }

    [Fact]
    public void A_listening_loopback_port_passes_the_tcp_probe()
    {
        using var listening = new LoopbackPort();

        var run = LbToolsProcess.Run("probe", $"127.0.0.1:{listening.Port}", "--probe", "Tcp", "--timeout", "5");

        Assert.True(run.ExitCode == 0, run.Out + run.Error);
        Assert.Matches($@"^127\.0\.0\.1:{listening.Port}\s+127\.0\.0\.1\s+Tcp\s+Pass\b", run.Out);
    }

    [Fact]
    public void A_closed_loopback_port_is_refused_and_exits_1()
    {
        int port;
        using (var released = new LoopbackPort())
        {
            port = released.Port;
        }

        var run = LbToolsProcess.Run("probe", $"127.0.0.1:{port}", "--probe", "Tcp", "--timeout", "5");

        Assert.Equal(1, run.ExitCode);
        Assert.Matches($@"127\.0\.0\.1:{port}\s+127\.0\.0\.1\s+Tcp\s+Fail\s+Refused\b", run.Out);
    }

    [Fact]
    public void A_text_that_is_no_target_is_named_and_the_others_still_run()
    {
        using var listening = new LoopbackPort();

        var run = LbToolsProcess.Run("probe", $"no:port:x, 127.0.0.1:{listening.Port}", "--probe", "Tcp");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error InvalidTarget: 'no:port:x' is not a valid target", run.Error);
        Assert.Matches($@"127\.0\.0\.1:{listening.Port}\s+127\.0\.0\.1\s+Tcp\s+Pass\b", run.Out);
    }

    [Fact]
    public void An_unknown_probe_name_is_an_error_and_exits_2()
    {
        var run = LbToolsProcess.Run("probe", "127.0.0.1:80", "--probe", "Ping");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("'Ping'", run.Error);
        Assert.Equal(string.Empty, run.Out);
    }

    /// <summary>A port on 127.0.0.1 that accepts connections until disposed (the kernel completes the handshake).</summary>
    private sealed class LoopbackPort : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

        public LoopbackPort()
        {
            _listener.Start();
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        }

        public int Port { get; }

        public void Dispose() => _listener.Stop();
    }
}
