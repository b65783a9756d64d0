using System.Net.Sockets;

namespace LbTools.Core.Probes.Network
{
    /// <summary>Turns socket errors into the stable failure reasons scripts match on.</summary>
    internal static class SocketErrorMapping
    {
        public static ProbeFailureReason ToReason(SocketError error) => error switch
        {
            SocketError.ConnectionRefused => ProbeFailureReason.Refused,
            SocketError.TimedOut => ProbeFailureReason.TimedOut,
            SocketError.HostUnreachable => ProbeFailureReason.Unreachable,
            SocketError.NetworkUnreachable => ProbeFailureReason.Unreachable,
            SocketError.HostDown => ProbeFailureReason.Unreachable,
            SocketError.NetworkDown => ProbeFailureReason.Unreachable,
            SocketError.AddressNotAvailable => ProbeFailureReason.Unreachable,
            SocketError.ConnectionReset => ProbeFailureReason.Reset,
            SocketError.ConnectionAborted => ProbeFailureReason.Reset,
            SocketError.HostNotFound => ProbeFailureReason.NameNotFound,
            SocketError.NoData => ProbeFailureReason.NoAddress,
            SocketError.TryAgain => ProbeFailureReason.DnsTimeout,
            _ => ProbeFailureReason.Other,
        };
    }
}
