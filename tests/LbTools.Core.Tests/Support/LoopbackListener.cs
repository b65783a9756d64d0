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

    /// <summary>
    /// Reports the calling [SkippableFact] as skipped (never passed) when this host has no IPv6 loopback:
    /// the OS lacks IPv6, or ::1 cannot be bound. On a host with ::1 the test runs.
    /// </summary>
    public static void SkipUnlessIpv6Loopback()
    {
        Skip.IfNot(Socket.OSSupportsIPv6, "This host's OS has no IPv6 support.");
        try
        {
            Start(IPAddress.IPv6Loopback).Stop();
        }
        catch (SocketException ex)
        {
            throw new SkipException($"::1 cannot be bound on this host ({ex.SocketErrorCode}).");
        }
    }

    public static TcpListener Start(IPAddress address, int backlog = 16)
    {
        var listener = new TcpListener(address, 0);
        listener.Start(backlog);
        return listener;
    }
}
