using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace LbTools.Integration.Tests.Backends;

/// <summary>
/// An HTTPS backend on 127.0.0.1 that answers 200 to every request, presenting a self-signed
/// certificate for a name other than the one the proxy asks for.
/// </summary>
public sealed class TlsBackend : LoopbackServer
{
    private int _requests;

    public TlsBackend(string certificateName)
    {
        Certificate = TestCertificates.SelfSigned(certificateName);
        StartAccepting();
    }

    public X509Certificate2 Certificate { get; }

    public string Url => $"https://{Address}/";

    /// <summary>Requests that arrived over a completed handshake.</summary>
    public int Requests => Volatile.Read(ref _requests);

    protected override async Task ServeAsync(TcpClient client)
    {
        using var tls = new SslStream(client.GetStream());
        using var handshake = CancellationTokenSource.CreateLinkedTokenSource(Stopping);
        handshake.CancelAfter(TimeSpan.FromSeconds(5));
        await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = Certificate }, handshake.Token);
        if (await RequestHead.ReadAsync(tls, handshake.Token) == null)
        {
            return;
        }

        Interlocked.Increment(ref _requests);
        await tls.WriteAsync(ScriptedBackend.Response(200, "OK"), Stopping);
    }

    protected override void DisposeServer() => Certificate.Dispose();
}
