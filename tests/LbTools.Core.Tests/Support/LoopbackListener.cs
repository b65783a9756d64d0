using System.Net;
using System.Net.Sockets;

namespace LbTools.Core.Tests.Support;

/// <summary>Loopback ports for network tests: a listening one, and one known to be closed.</summary>
internal static class LoopbackListener
{
    /// <summary>A port on 127.0.0.1 that nothing listens on (bound then released).</summary>
    public static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public static TcpListener Start(IPAddress address, int backlog = 16)
    {
        var listener = new TcpListener(address, 0);
        listener.Start(backlog);
        return listener;
    }
}
