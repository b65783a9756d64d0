using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace LbTools.Integration.Tests.Backends;

/// <summary>
/// An HTTPS backend on 127.0.0.1 that answers 200 to every request, presenting a self-signed
/// certificate for a name other than the one the proxy asks for.
/// </summary>
public sealed class TlsBackend : IDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;

    public TlsBackend(string certificateName)
    {
        Certificate = TestCertificates.SelfSigned(certificateName);
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start(64);
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public X509Certificate2 Certificate { get; }

    public int Port { get; }

    public string Address => $"127.0.0.1:{Port}";

    public string Url => $"https://127.0.0.1:{Port}/";

    /// <summary>Requests that arrived over a completed handshake.</summary>
    public int Requests { get; private set; }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _acceptLoop.Wait(TimeSpan.FromSeconds(5));
        Certificate.Dispose();
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException || ex is SocketException || ex is ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                using var tls = new SslStream(client.GetStream());
                using var handshake = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                handshake.CancelAfter(TimeSpan.FromSeconds(5));
                await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = Certificate }, handshake.Token);
                if (await RequestHead.ReadAsync(tls, handshake.Token) == null)
                {
                    return;
                }

                Requests++;
                await tls.WriteAsync(ScriptedBackend.Response(200, "OK"), _stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException || ex is IOException || ex is SocketException || ex is System.Security.Authentication.AuthenticationException || ex is ObjectDisposedException)
            {
                // A proxy that rejects the certificate aborts the handshake: expected here.
            }
        }
    }
}
