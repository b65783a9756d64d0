using System.Collections.Generic;
using System.IO;
using System.Net.Sockets;
using System.Net;
using System.Text;
using System.Threading.Tasks;
using System.Threading;
using System;
using LbTools.Core.Probes.Checks;
using LbTools.Core.Probes.Network;

namespace LbTools.Core.Probes.Http
{
    /// <summary>One request a probe sends: method, path, Host header, extra headers and a body size.</summary>
    internal sealed class HttpRequestSpec
    {
        public HttpRequestSpec(string method, string path, string hostHeader)
        {
            Method = method;
            Path = path;
            HostHeader = hostHeader;
        }

        public string Method { get; }

        public string Path { get; }

        public string HostHeader { get; }

        public IList<KeyValuePair<string, string>> Headers { get; } = new List<KeyValuePair<string, string>>();

        /// <summary>Bytes of filler body to send (with Content-Length); 0 sends none.</summary>
        public long BodyBytes { get; set; }

        public static HttpRequestSpec For(BackendTarget target, ProbeOptions options, string? method = null) =>
            new HttpRequestSpec(method ?? options.Method, RequestDefaults.Path(target, options), RequestDefaults.HostHeader(target, options));

        public byte[] HeadBytes()
        {
            // The last guard: whatever path a value took, a line break never reaches the wire.
            WireText.Check(Method, "method", allowSpace: false, nameof(Method));
            WireText.Check(Path, "path", allowSpace: false, nameof(Path));
            WireText.Check(HostHeader, "Host header", allowSpace: false, nameof(HostHeader));
            foreach (var header in Headers)
            {
                WireText.Check(header.Key, "header name", allowSpace: false, nameof(Headers));
                WireText.Check(header.Value, "header value", allowSpace: true, nameof(Headers));
            }

            var text = new StringBuilder();
            text.Append(Method).Append(' ').Append(Path).Append(" HTTP/1.1\r\n");
            text.Append("Host: ").Append(HostHeader).Append("\r\n");
            text.Append("User-Agent: LbTools-Test-LbBackend\r\n");
            text.Append("Accept: */*\r\n");
            text.Append("Connection: close\r\n");
            if (BodyBytes > 0 || Method == "POST" || Method == "PUT" || Method == "PATCH")
            {
                text.Append("Content-Length: ").Append(BodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append("\r\n");
            }

            foreach (var header in Headers)
            {
                text.Append(header.Key).Append(": ").Append(header.Value).Append("\r\n");
            }

            text.Append("\r\n");
            return Encoding.ASCII.GetBytes(text.ToString());
        }
    }

    /// <summary>What happened to one request: how far it got, and the strict reader's report.</summary>
    internal sealed class HttpExchangeResult
    {
        public ConnectAttempt Connect { get; set; } = new ConnectAttempt();

        public double? TlsMs { get; set; }

        /// <summary>Set when the TLS handshake did not complete; the exchange stopped there.</summary>
        public string? TlsError { get; set; }

        /// <summary>The request could not be written completely (the backend closed or reset meanwhile).</summary>
        public string? WriteError { get; set; }

        public HttpResponseReport? Response { get; set; }

        /// <summary>
        /// For a TLS exchange: the backend certificate judged as <see cref="TlsProbe"/> judges it
        /// (validation always runs; the handshake goes on so the response can be read too).
        /// </summary>
        public (ProbeOutcome Outcome, ProbeFailureReason Reason, string[] Findings)? Certificate { get; set; }

        public double? TotalMs { get; set; }
    }

    /// <summary>
    /// Sends one HTTP/1.1 request with Connection: close over a fresh connection (TLS for https
    /// targets) and reads the answer with <see cref="StrictHttpResponseReader"/>.
    /// </summary>
    internal static class HttpExchange
    {
        private const int WriteChunk = 64 * 1024;

        public static async Task<HttpExchangeResult> RunAsync(BackendTarget target, IPAddress address, ProbeOptions options, HttpRequestSpec request, TimeSpan firstByteTimeout, CancellationToken cancellationToken)
        {
            var result = new HttpExchangeResult();
            result.Connect = await SocketConnector.ConnectAsync(address, target.Port, options.Timeout, cancellationToken).ConfigureAwait(false);
            if (!result.Connect.Connected)
            {
                return result;
            }

            Stream stream;
            TlsHandshake? session = null;
            if (target.IsTls)
            {
                session = await TlsHandshake.RunAsync(result.Connect.Socket!, RequestDefaults.ServerName(target, options), options.Timeout, cancellationToken).ConfigureAwait(false);
                result.TlsMs = session.ElapsedMs;
                if (!session.Completed)
                {
                    result.TlsError = session.Error?.Message ?? "the handshake did not complete";
                    session.Dispose();
                    return result;
                }

                stream = session.Stream;
                var facts = session.Certificate == null ? null : new CertificateFacts(session.Certificate, DateTime.UtcNow);
                result.Certificate = TlsProbe.Classify(session.PolicyErrors, session.ChainStatus, facts, DateTime.UtcNow);
            }
            else
            {
                stream = new NetworkStream(result.Connect.Socket!, ownsSocket: true);
            }

            try
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                await SendAsync(stream, request, options.Timeout, cancellationToken, result).ConfigureAwait(false);
                var reader = new StrictHttpResponseReader(stream, options.MaxHeaderBytes, options.MaxBodyBytes, options.Timeout, plainText: !target.IsTls);
                result.Response = await reader.ReadAsync(firstByteTimeout, request.Method == "HEAD", cancellationToken).ConfigureAwait(false);
                result.TotalMs = clock.Elapsed.TotalMilliseconds;
                return result;
            }
            finally
            {
                stream.Dispose();
                session?.Dispose();
            }
        }

        private static async Task SendAsync(Stream stream, HttpRequestSpec request, TimeSpan timeout, CancellationToken cancellationToken, HttpExchangeResult result)
        {
            try
            {
                byte[] head = request.HeadBytes();
                if (!await Timed.WaitAsync(stream.WriteAsync(head, 0, head.Length, CancellationToken.None), timeout, cancellationToken).ConfigureAwait(false))
                {
                    result.WriteError = $"the request head could not be sent within {timeout.TotalSeconds:0.#} s";
                    return;
                }

                if (request.BodyBytes > 0)
                {
                    var filler = new byte[(int)Math.Min(WriteChunk, request.BodyBytes)];
                    for (int i = 0; i < filler.Length; i++)
                    {
                        filler[i] = (byte)'x';
                    }

                    // Each write may take the step timeout, and the whole body two of them: a
                    // backend that takes a byte now and then cannot hold the probe for ever.
                    var sendLimit = TimeSpan.FromTicks(timeout.Ticks * 2);
                    var clock = System.Diagnostics.Stopwatch.StartNew();
                    long left = request.BodyBytes;
                    while (left > 0)
                    {
                        int n = (int)Math.Min(left, filler.Length);
                        var remaining = sendLimit - clock.Elapsed;
                        bool overall = remaining < timeout;
                        if (remaining <= TimeSpan.Zero || !await Timed.WaitAsync(stream.WriteAsync(filler, 0, n, CancellationToken.None), overall ? remaining : timeout, cancellationToken).ConfigureAwait(false))
                        {
                            result.WriteError = overall
                                ? $"the backend took only {request.BodyBytes - left} of {request.BodyBytes} request body bytes within {sendLimit.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} s"
                                : $"the backend stopped taking the request body after {request.BodyBytes - left} of {request.BodyBytes} bytes (nothing moved for {timeout.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} s)";
                            return;
                        }

                        left -= n;
                    }
                }

                await stream.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (NetworkErrors.IsNetworkFailure(ex) && !cancellationToken.IsCancellationRequested)
            {
                // The backend may have answered (413, 400) and closed; the reader still gets a chance.
                result.WriteError = $"sending the request failed: {ex.Message.TrimEnd('.')}";
            }
        }
    }
}
