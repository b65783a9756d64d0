using System;
using System.Net;
using System.Threading.Tasks;
using System.Threading;
using LbTools.Core.Probes.Http;
using LbTools.Core.Probes.Network;

namespace LbTools.Core.Probes.Checks
{
    /// <summary>
    /// One request the way a balancer sends it (method, path, Host header), read strictly, with
    /// per-phase durations like httpstat: connect, TLS, first byte, transfer, each on its own.
    /// </summary>
    internal static class HttpProbe
    {
        public static async Task<ProbeResult> RunAsync(BackendTarget target, IPAddress address, ProbeOptions options, CancellationToken cancellationToken)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var result = new ProbeResult(target.Original, target.Host, target.Port, address.ToString(), ProbeKind.Http);
            var request = HttpRequestSpec.For(target, options);
            result.Details["Method"] = request.Method;
            result.Details["Path"] = request.Path;
            result.Details["HostHeader"] = request.HostHeader;
            var exchange = await HttpExchange.RunAsync(target, address, options, request, options.Timeout, cancellationToken).ConfigureAwait(false);
            string endpoint = SocketConnector.Endpoint(address, target.Port);
            if (ExchangeFindings.Apply(result, exchange, endpoint, options))
            {
                ExchangeFindings.JudgeStatus(result, exchange, options, $"{request.Method} {request.Path} on {endpoint}");
                if (result.StatusCode == 405)
                {
                    result.Message += " The backend itself refuses this method; the Methods probe gives the full list.";
                }
            }

            else if (!target.IsTls && (result.FailureReason == ProbeFailureReason.ClosedWithoutResponse || result.FailureReason == ProbeFailureReason.Reset)
                && exchange.Response?.FirstBytes.Length == 0
                && await SpeaksTlsAsync(target, address, options, cancellationToken).ConfigureAwait(false))
            {
                // Many TLS servers just close on a plain request; a handshake on a fresh connection tells.
                result.FailureReason = ProbeFailureReason.PlainHttpToTlsPort;
                result.Supports.Clear();
                result.Observe(ProbeObservation.PlainHttpToTlsPort);
                result.Message = $"{endpoint} closed the plain HTTP request without an answer but completes a TLS handshake: the port expects HTTPS.";
            }

            // The duration covers the whole probe, a fallback check on a second connection included.
            result.DurationMs = Math.Max(result.DurationMs ?? 0, clock.Elapsed.TotalMilliseconds);

            return result;
        }

        private static async Task<bool> SpeaksTlsAsync(BackendTarget target, IPAddress address, ProbeOptions options, CancellationToken cancellationToken)
        {
            var attempt = await SocketConnector.ConnectAsync(address, target.Port, options.Timeout, cancellationToken).ConfigureAwait(false);
            if (!attempt.Connected)
            {
                return false;
            }

            using var session = await TlsHandshake.RunAsync(attempt.Socket!, RequestDefaults.ServerName(target, options), options.Timeout, cancellationToken).ConfigureAwait(false);
            byte[] first = session.FirstServerBytes;
            return session.Completed || (first.Length >= 2 && first[0] == 0x16 && first[1] == 0x03);
        }
    }
}
