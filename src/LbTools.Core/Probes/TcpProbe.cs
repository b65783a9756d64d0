using System;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace LbTools.Core.Probes
{
    /// <summary>A TCP handshake to one address: connect time, or why it failed.</summary>
    public static class TcpProbe
    {
        public static async Task<ProbeResult> RunAsync(BackendTarget target, IPAddress address, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var result = new ProbeResult(target.Original, target.Host, target.Port, address.ToString(), ProbeKind.Tcp);
            var clock = Stopwatch.StartNew();
            using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            var connect = socket.ConnectAsync(address, target.Port);
            try
            {
                bool connected;
                try
                {
                    connected = await Timed.WaitAsync(connect, timeout, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    socket.Dispose();
                    throw;
                }

                double elapsed = clock.Elapsed.TotalMilliseconds;
                result.DurationMs = elapsed;
                if (!connected)
                {
                    socket.Dispose();
                    result.Outcome = ProbeOutcome.Fail;
                    result.FailureReason = ProbeFailureReason.TimedOut;
                    result.Message = $"No answer to the TCP handshake with {Endpoint(address, target.Port)} within {timeout.TotalSeconds:0.#} s: packets are dropped (firewall, security group) or the accept backlog is full.";
                    result.Supports.Add("504.BackendConnectTimeout");
                    result.Supports.Add("502.FirewallBlocked");
                    return result;
                }

                result.ConnectMs = elapsed;
                result.Outcome = ProbeOutcome.Pass;
                result.Message = $"Connected to {Endpoint(address, target.Port)} in {elapsed:0.0} ms.";
                result.RulesOut.Add("502.BackendConnectFailed");
                result.RulesOut.Add("504.BackendConnectTimeout");
                return result;
            }
            catch (SocketException ex)
            {
                result.DurationMs = clock.Elapsed.TotalMilliseconds;
                result.Outcome = ProbeOutcome.Fail;
                result.FailureReason = SocketErrorMapping.ToReason(ex.SocketErrorCode);
                result.Message = result.FailureReason switch
                {
                    ProbeFailureReason.Refused => $"{Endpoint(address, target.Port)} refused the connection: nothing listens on that port, or a firewall rejects it.",
                    ProbeFailureReason.Unreachable => $"{Endpoint(address, target.Port)} is unreachable: no route to the host ({ex.SocketErrorCode}).",
                    ProbeFailureReason.Reset => $"{Endpoint(address, target.Port)} reset the connection during the handshake.",
                    _ => $"Connecting to {Endpoint(address, target.Port)} failed: {ex.Message} ({ex.SocketErrorCode}).",
                };
                result.Supports.Add("502.BackendConnectFailed");
                return result;
            }
        }

        private static string Endpoint(IPAddress address, int port) =>
            address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]:{port}" : $"{address}:{port}";
    }
}
