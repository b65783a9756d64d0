using System.Net.Sockets;
using System.Text;

namespace LbTools.Integration.Tests.Backends;

/// <summary>
/// A backend on the port nginx reaches with proxy_pass https:// that does not speak TLS: it reads
/// whatever arrives first (the ClientHello) and answers with a plain-HTTP 400, as a plain web
/// server does to bytes it cannot parse, then closes. The TLS client gets bytes that are no TLS
/// record, so its handshake fails at once (not the timeout of TlsToPlainBackend, whose backend
/// waits for a request head that never comes).
/// </summary>
public sealed class NotTlsBackend : LoopbackServer
{
    private static readonly byte[] Answer = Encoding.ASCII.GetBytes("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    private int _hellos;

    public NotTlsBackend() => StartAccepting();

    /// <summary>Connections that sent something before being answered.</summary>
    public int Hellos => Volatile.Read(ref _hellos);

    protected override async Task ServeAsync(TcpClient client)
    {
        var stream = client.GetStream();
        var buffer = new byte[4096];
        using var read = CancellationTokenSource.CreateLinkedTokenSource(Stopping);
        read.CancelAfter(TimeSpan.FromSeconds(5));
        if (await stream.ReadAsync(buffer, read.Token) == 0)
        {
            return;
        }

        Interlocked.Increment(ref _hellos);
        await stream.WriteAsync(Answer, Stopping);
        await stream.FlushAsync(Stopping);
    }
}
