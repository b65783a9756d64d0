using System.Net;
using System.Net.Sockets;

namespace LbTools.Integration.Tests.Backends;

/// <summary>
/// A listener that never calls accept, with its accept queue filled by connections of its own.
/// Linux then drops further SYNs on the floor (no RST, tcp_abort_on_overflow is 0 by default),
/// so a connect to it hangs: the loopback stand-in for a backend whose backlog is full or whose
/// firewall drops packets. This is what makes nginx hit proxy_connect_timeout without any
/// address outside 127.0.0.1.
/// </summary>
public sealed class NeverAcceptingBackend : IDisposable
{
    private const int Backlog = 1;
    private readonly Socket _listener;
    private readonly List<Socket> _fillers = new();

    public NeverAcceptingBackend()
    {
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(Backlog);
        Port = ((IPEndPoint)_listener.LocalEndPoint!).Port;
        FillQueue();
    }

    public int Port { get; }

    public string Address => $"127.0.0.1:{Port}";

    /// <summary>Filler connections that completed their handshake before the queue was full.</summary>
    public int QueuedConnections { get; private set; }

    public void Dispose()
    {
        foreach (var socket in _fillers)
        {
            socket.Dispose();
        }

        _listener.Dispose();
    }

    /// <summary>Connects until one connect does not complete: from then on the queue is full.</summary>
    private void FillQueue()
    {
        for (int i = 0; i < 16; i++)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            _fillers.Add(socket);
            var connect = socket.ConnectAsync(IPAddress.Loopback, Port);
            bool completed;
            try
            {
                completed = connect.Wait(TimeSpan.FromMilliseconds(300));
            }
            catch (AggregateException)
            {
                completed = false;
            }

            if (!completed)
            {
                return;
            }

            QueuedConnections++;
        }

        throw new InvalidOperationException($"The accept queue of 127.0.0.1:{Port} (backlog {Backlog}) never filled after 16 connections; connects would not hang.");
    }
}
