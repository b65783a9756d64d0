using System;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace LbTools.Core.Probes.Network
{
    /// <summary>The outcome of one TCP handshake: a connected socket, or why there is none.</summary>
    internal sealed class ConnectAttempt
    {
        public Socket? Socket { get; set; }

        public ProbeFailureReason Failure { get; set; }

        public SocketError? SocketError { get; set; }

        public double ElapsedMs { get; set; }

        public string? ErrorText { get; set; }

        public bool Connected => Socket != null;
    }

    /// <summary>Opens a TCP connection with a deadline; honours cancellation by disposing the socket.</summary>
    internal static class SocketConnector
    {
        public static async Task<ConnectAttempt> ConnectAsync(IPAddress address, int port, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var clock = Stopwatch.StartNew();
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            var attempt = new ConnectAttempt();
            try
            {
                var connect = socket.ConnectAsync(address, port);
                bool finished = await Timed.WaitAsync(connect, timeout, cancellationToken).ConfigureAwait(false);
                attempt.ElapsedMs = clock.Elapsed.TotalMilliseconds;
                if (!finished)
                {
                    socket.Dispose();
                    attempt.Failure = ProbeFailureReason.TimedOut;
                    return attempt;
                }

                attempt.Socket = socket;
                return attempt;
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                attempt.ElapsedMs = clock.Elapsed.TotalMilliseconds;
                attempt.SocketError = ex.SocketErrorCode;
                attempt.Failure = SocketErrorMapping.ToReason(ex.SocketErrorCode);
                attempt.ErrorText = ex.Message;
                return attempt;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        public static string Endpoint(IPAddress address, int port) =>
            address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]:{port}" : $"{address}:{port}";
    }
}
