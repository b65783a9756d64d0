using System;
using System.IO;
using System.Net.Sockets;

namespace LbTools.Core.Probes.Network
{
    /// <summary>Finds the socket error inside the IOExceptions streams wrap it in.</summary>
    internal static class NetworkErrors
    {
        public static SocketError? FindSocketError(Exception exception)
        {
            for (Exception? e = exception; e != null; e = e.InnerException)
            {
                if (e is SocketException socket)
                {
                    return socket.SocketErrorCode;
                }
            }

            return null;
        }

        /// <summary>Reset for RST/abort, else the socket mapping, else Other.</summary>
        public static ProbeFailureReason ToReason(Exception exception)
        {
            var error = FindSocketError(exception);
            if (error == SocketError.Shutdown || error == SocketError.ConnectionAborted || error == SocketError.ConnectionReset)
            {
                return ProbeFailureReason.Reset;
            }

            if (error.HasValue)
            {
                return SocketErrorMapping.ToReason(error.Value);
            }

            return exception is IOException ? ProbeFailureReason.Reset : ProbeFailureReason.Other;
        }

        public static bool IsNetworkFailure(Exception exception) =>
            exception is IOException || exception is SocketException || exception is ObjectDisposedException;
    }
}
