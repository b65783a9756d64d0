using System.Net;
using System.Net.Sockets;

namespace LbTools.Integration.Tests.Backends;

/// <summary>
/// A TCP server on 127.0.0.1 on a port chosen at run time: accepts connections until disposed
/// and hands each to <see cref="ServeAsync"/>. Dispose stops the listener and every connection.
/// </summary>
public abstract class LoopbackServer : IDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _clients = new();
    private Task? _acceptLoop;

    protected LoopbackServer()
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start(64);
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
    }

    public int Port { get; }

    /// <summary>host:port as nginx logs it in upstream_addr and Test-LbBackend takes it.</summary>
    public string Address => $"127.0.0.1:{Port}";

    /// <summary>Cancelled when the server is disposed.</summary>
    protected CancellationToken Stopping => _stop.Token;

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_clients)
        {
            foreach (var client in _clients)
            {
                client.Dispose();
            }
        }

        _acceptLoop?.Wait(TimeSpan.FromSeconds(5));
        DisposeServer();
        _stop.Dispose();
    }

    /// <summary>Starts accepting; called by the subclass once it is fully constructed.</summary>
    protected void StartAccepting() => _acceptLoop = Task.Run(AcceptLoopAsync);

    /// <summary>Serves one connection; the connection is disposed afterwards.</summary>
    protected abstract Task ServeAsync(TcpClient client);

    protected virtual void DisposeServer()
    {
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

            lock (_clients)
            {
                _clients.Add(client);
            }

            _ = Task.Run(async () =>
            {
                using (client)
                {
                    try
                    {
                        await ServeAsync(client);
                    }
                    catch (Exception ex) when (ex is OperationCanceledException || ex is IOException || ex is SocketException || ex is ObjectDisposedException || ex is System.Security.Authentication.AuthenticationException)
                    {
                        // The scenario is over, or the peer went away or refused the handshake: expected here.
                    }
                }
            });
        }
    }
}
