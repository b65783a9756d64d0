using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LbTools.Integration.Tests.Clients;

/// <summary>
/// A client on raw sockets, because the scenarios send what HttpClient refuses to send (a
/// garbage request line, TRACE, a 10 KB URI, a 20 KB header) and hang up on purpose.
/// </summary>
public static class RawHttpClient
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <summary>A GET with Connection: close, as the scenarios' normal client sends it.</summary>
    public static byte[] Get(string path, string host = "localhost", string? extraHeaders = null) =>
        Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: lbtools-integration\r\n{extraHeaders}Connection: close\r\n\r\n");

    /// <summary>Sends the bytes to 127.0.0.1:<paramref name="port"/> and reads until the server closes.</summary>
    public static Task<ClientResult> SendAsync(int port, byte[] request, TimeSpan? timeout = null) =>
        SendAsync(new IPEndPoint(IPAddress.Loopback, port), request, timeout);

    /// <summary>
    /// Sends the bytes and reads until the server closes; the answer's status line, or null when none came.
    /// The end point is a loopback port or a unix socket (nginx in a network namespace of its own).
    /// </summary>
    public static async Task<ClientResult> SendAsync(EndPoint server, byte[] request, TimeSpan? timeout = null)
    {
        using var socket = Open(server);
        using var cancel = new CancellationTokenSource(timeout ?? DefaultTimeout);
        await socket.ConnectAsync(server, cancel.Token);
        await socket.SendAsync(request, SocketFlags.None, cancel.Token);
        var received = new MemoryStream();
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                int read = await socket.ReceiveAsync(buffer, SocketFlags.None, cancel.Token);
                if (read == 0)
                {
                    break;
                }

                received.Write(buffer, 0, read);
            }
        }
        catch (SocketException)
        {
            // A reset after the answer still leaves the answer readable below.
        }

        return new ClientResult(Encoding.Latin1.GetString(received.ToArray()));
    }

    /// <summary>Sends the request, waits, then closes the connection before any answer: the client that gives up.</summary>
    public static async Task<TimeSpan> SendAndHangUpAsync(EndPoint server, byte[] request, TimeSpan hangUpAfter)
    {
        var clock = Stopwatch.StartNew();
        using var socket = Open(server);
        await socket.ConnectAsync(server);
        await socket.SendAsync(request, SocketFlags.None);
        await Task.Delay(hangUpAfter);
        socket.Shutdown(SocketShutdown.Both);
        socket.Close();
        return clock.Elapsed;
    }

    private static Socket Open(EndPoint server) => server is UnixDomainSocketEndPoint
        ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
        : new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
}

/// <summary>What the client received: the raw answer and its status code (null when the server sent nothing).</summary>
public sealed record ClientResult(string Raw)
{
    /// <summary>The client closed the connection itself and read nothing.</summary>
    public static readonly ClientResult HungUp = new(string.Empty);

    public int? Status =>
        Raw.StartsWith("HTTP/", StringComparison.Ordinal) && Raw.Length >= 12 && int.TryParse(Raw.AsSpan(9, 3), out var status) ? status : null;

    public string StatusLine => Raw.Split("\r\n", 2)[0];
}
