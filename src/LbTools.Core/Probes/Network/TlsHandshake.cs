using System.Diagnostics;
using System.Linq;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using System.Threading;
using System;
using LbTools.Core.Probes.Http;

namespace LbTools.Core.Probes.Network
{
    /// <summary>
    /// One TLS client handshake. Certificate validation is not switched off: the callback records
    /// the policy errors and chain status, then lets the handshake finish so the facts can be
    /// reported (a balancer that does verify would stop at the same point).
    /// </summary>
    internal sealed class TlsHandshake : IDisposable
    {
        // SslProtocols.Tls13 is missing from the netstandard2.0 enum.
        private const SslProtocols Tls13 = (SslProtocols)12288;

        private readonly RecordingStream _recording;

        private TlsHandshake(Socket socket)
        {
            _recording = new RecordingStream(new NetworkStream(socket, ownsSocket: true));
            Stream = new SslStream(_recording, false, Record);
        }

        public SslStream Stream { get; }

        public bool Completed { get; private set; }

        public Exception? Error { get; private set; }

        public double ElapsedMs { get; private set; }

        public SslPolicyErrors PolicyErrors { get; private set; }

        public string[] ChainStatus { get; private set; } = Array.Empty<string>();

        public X509Certificate2? Certificate { get; private set; }

        public byte[] FirstServerBytes => _recording.FirstBytesRead;

        /// <summary>Handshakes over <paramref name="socket"/> (which it then owns); never throws for TLS or network failures.</summary>
        public static async Task<TlsHandshake> RunAsync(Socket socket, string serverName, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var session = new TlsHandshake(socket);
            var clock = Stopwatch.StartNew();
            try
            {
                var handshake = session.Stream.AuthenticateAsClientAsync(serverName, null, SslProtocols.Tls12 | Tls13, checkCertificateRevocation: false);
                if (!await Timed.WaitAsync(handshake, timeout, cancellationToken).ConfigureAwait(false))
                {
                    session.Error = new StepTimeoutException("TLS handshake", timeout);
                    session.Stream.Dispose();
                }
                else
                {
                    session.Completed = true;
                }
            }
            catch (OperationCanceledException)
            {
                session.Dispose();
                throw;
            }
            catch (Exception ex) when (ex is AuthenticationException || NetworkErrors.IsNetworkFailure(ex))
            {
                session.Error = ex;
                session.Stream.Dispose();
            }

            session.ElapsedMs = clock.Elapsed.TotalMilliseconds;
            return session;
        }

        /// <summary>The negotiated cipher suite name where the runtime exposes it (.NET Core 3+), else the algorithm.</summary>
        public string CipherSuite()
        {
            var property = Stream.GetType().GetProperty("NegotiatedCipherSuite");
            object? value = null;
            try
            {
                value = property?.GetValue(Stream);
            }
            catch (Exception ex) when (ex is InvalidOperationException || ex is System.Reflection.TargetInvocationException)
            {
                // Not available on this platform.
            }

            return value?.ToString() ?? $"{Stream.CipherAlgorithm} {Stream.CipherStrength}";
        }

        public void Dispose()
        {
            Stream.Dispose();
            Certificate?.Dispose();
        }

        private bool Record(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
        {
            PolicyErrors = errors;
            if (certificate != null)
            {
                Certificate = new X509Certificate2(certificate);
            }

            if (chain != null)
            {
                ChainStatus = chain.ChainStatus
                    .Where(s => s.Status != X509ChainStatusFlags.NoError)
                    .Select(s => s.Status.ToString())
                    .Distinct()
                    .ToArray();
            }

            return true;
        }
    }
}
