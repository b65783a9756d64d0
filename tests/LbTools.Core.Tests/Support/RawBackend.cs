using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using LbTools.Core.Probes;

namespace LbTools.Core.Tests.Support;

/// <summary>
/// A misbehaving backend on loopback: every accepted connection runs a scripted handler over
/// raw bytes (optionally inside server-side TLS). It stops on Dispose and, in any case, after
/// a bounded lifetime, so a failing test cannot leave it running.
/// </summary>
internal sealed class RawBackend : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new(Lifetime);
    private readonly Func<Stream, Socket, CancellationToken, Task> _handler;
    private readonly X509Certificate2? _certificate;
    private readonly List<Socket> _open = new();
    private int _connections;

    private RawBackend(IPAddress address, Func<Stream, Socket, CancellationToken, Task> handler, X509Certificate2? certificate, int backlog)
    {
        _handler = handler;
        _certificate = certificate;
        _listener = new TcpListener(address, 0);
        _listener.Start(backlog);
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        Address = address;
        _ = AcceptLoopAsync();
    }

    public int Port { get; }

    public IPAddress Address { get; }

    public int Connections => Volatile.Read(ref _connections);

    public string Authority => Address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{Address}]:{Port}" : $"{Address}:{Port}";

    public BackendTarget Target(string? scheme = null, string path = "/") =>
        BackendTarget.Parse(scheme == null ? Authority : $"{scheme}://{Authority}{path}");

    public static RawBackend Start(Func<Stream, Socket, CancellationToken, Task> handler, X509Certificate2? certificate = null, IPAddress? address = null, int backlog = 16) =>
        new(address ?? IPAddress.Loopback, handler, certificate, backlog);

    /// <summary>Reads the request head, answers with <paramref name="response"/> and closes.</summary>
    public static RawBackend Answering(string response, X509Certificate2? certificate = null) =>
        Start(async (stream, _, token) =>
        {
            await ReadRequestAsync(stream, token);
            await WriteAsync(stream, response, token);
        }, certificate);

    /// <summary>Reads one request head (and a Content-Length body); returns the head, or null at a close.</summary>
    public static async Task<string?> ReadRequestAsync(Stream stream, CancellationToken token, bool readBody = true)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (!EndsWithBlankLine(head))
        {
            if (await stream.ReadAsync(one, token) == 0)
            {
                return null;
            }

            head.Add(one[0]);
        }

        string text = Encoding.ASCII.GetString(head.ToArray());
        if (readBody)
        {
            await ReadBodyAsync(stream, text, token);
        }

        return text;
    }

    /// <summary>Reads and drops the Content-Length body announced in <paramref name="head"/>.</summary>
    public static async Task ReadBodyAsync(Stream stream, string head, CancellationToken token)
    {
        var length = head.Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        if (length == null)
        {
            return;
        }

        long left = long.Parse(length["Content-Length:".Length..].Trim());
        var buffer = new byte[65536];
        while (left > 0)
        {
            int n = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), token);
            if (n == 0)
            {
                break;
            }

            left -= n;
        }
    }

    public static async Task WriteAsync(Stream stream, string text, CancellationToken token)
    {
        await stream.WriteAsync(Encoding.Latin1.GetBytes(text), token);
        await stream.FlushAsync(token);
    }

    /// <summary>Closes with RST instead of FIN.</summary>
    public static void Reset(Socket socket)
    {
        socket.LingerState = new LingerOption(true, 0);
        socket.Close();
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_open)
        {
            _open.ForEach(s => s.Dispose());
        }

        _stop.Dispose();
    }

    private static bool EndsWithBlankLine(List<byte> bytes) =>
        bytes.Count >= 4 && bytes[^4] == '\r' && bytes[^3] == '\n' && bytes[^2] == '\r' && bytes[^1] == '\n';

    private async Task AcceptLoopAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var socket = await _listener.AcceptSocketAsync(_stop.Token);
                Interlocked.Increment(ref _connections);
                lock (_open)
                {
                    _open.Add(socket);
                }

                _ = ServeAsync(socket);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException || ex is SocketException || ex is ObjectDisposedException)
        {
            // Stopped.
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        try
        {
            Stream stream = new NetworkStream(socket, ownsSocket: false);
            if (_certificate != null)
            {
                var tls = new SslStream(stream, leaveInnerStreamOpen: false);
                await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _certificate }, _stop.Token);
                stream = tls;
            }

            await using (stream)
            {
                await _handler(stream, socket, _stop.Token);
            }

            socket.Dispose();
        }
        catch (Exception)
        {
            // The client went away, the handler reset the connection, or the backend stopped.
            socket.Dispose();
        }
    }
}
