using System.Net;
using System.Net.Sockets;

namespace LbTools.Integration.Tests.Nginx;

/// <summary>Loopback ports chosen at run time, so parallel runs and other services never collide.</summary>
public static class FreePort
{
    /// <summary>A port on 127.0.0.1 that was free a moment ago (bound to port 0, then released).</summary>
    public static int Next()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }
}
