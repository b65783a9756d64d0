using System.Diagnostics;
using System.Management.Automation;
using System.Net;
using System.Net.Sockets;
using Xunit.Abstractions;

namespace LbTools.PowerShell.Tests.InProcess;

/// <summary>
/// Ctrl+C: PowerShell.Stop() calls StopProcessing, which cancels Core. A long read (-Wait on a
/// log nobody appends to) and a long probe (a backend that accepts and never answers) both end.
/// The bound below only keeps a broken stop from hanging the run; the time taken is written to
/// the test output (docs/powershell.md has the numbers), never asserted.
/// </summary>
public class StopTests
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);
    private readonly ITestOutputHelper _output;

    public StopTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Stop_ends_a_followed_read()
    {
        var file = LbPowerShell.TempFile("follow.log", LbPowerShell.AlbLine);
        using var shell = LbPowerShell.Create();
        shell.AddCommand("Get-LbAccessLog").AddParameter("LiteralPath", file).AddParameter("Format", "AwsAlb").AddParameter("Wait");
        var output = new PSDataCollection<PSObject>();
        using var firstRecord = new ManualResetEventSlim();
        output.DataAdded += (_, _) => firstRecord.Set();
        var pending = shell.BeginInvoke<PSObject, PSObject>(null, output);
        Assert.True(firstRecord.Wait(HangGuard), "the followed file's first record never came");

        StopAndMeasure(shell, pending, "Get-LbAccessLog -Wait");
        Assert.Single(output);
    }

    [Fact]
    public async Task Stop_ends_a_probe_waiting_on_a_silent_backend()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var clients = new List<TcpClient>();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            using var shell = LbPowerShell.Create();
            shell.AddCommand("Test-LbBackend").AddParameter("Target", $"http://127.0.0.1:{port}/")
                .AddParameter("Probe", "Http").AddParameter("TimeoutSec", 120).AddParameter("RequestTimeout", 120);
            var pending = shell.BeginInvoke();
            using var guard = new CancellationTokenSource(HangGuard);
            clients.Add(await listener.AcceptTcpClientAsync(guard.Token));

            StopAndMeasure(shell, pending, "Test-LbBackend -Probe Http");
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
            listener.Stop();
        }
    }

    private void StopAndMeasure(System.Management.Automation.PowerShell shell, IAsyncResult pending, string what)
    {
        var clock = Stopwatch.StartNew();
        var stop = shell.BeginStop(null, null);
        Assert.True(stop.AsyncWaitHandle.WaitOne(HangGuard), $"{what} did not stop");
        shell.EndStop(stop);
        Assert.True(pending.AsyncWaitHandle.WaitOne(HangGuard), $"{what} kept running after Stop");
        _output.WriteLine($"{what}: stopped {clock.Elapsed.TotalMilliseconds:F0} ms after Stop()");
        Assert.Equal(PSInvocationState.Stopped, shell.InvocationStateInfo.State);
    }
}
