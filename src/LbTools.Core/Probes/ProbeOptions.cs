using System.Collections.Generic;
using System.Linq;
using System;
using LbTools.Core.Probes.Http;
using LbTools.Core.Probes.Network;

namespace LbTools.Core.Probes
{
    /// <summary>What Test-LbBackend probes, how it talks to the backend, and how long each step may take.</summary>
    public sealed class ProbeOptions
    {
        /// <summary>The set used when no probe is named: Tls only joins for https:// targets.</summary>
        public static IReadOnlyList<ProbeKind> DefaultProbes { get; } = new[] { ProbeKind.Dns, ProbeKind.Tcp, ProbeKind.Tls, ProbeKind.Http };

        /// <summary>Methods tried by the Methods probe (405 diagnosis).</summary>
        public static IReadOnlyList<string> DefaultMethods { get; } = new[] { "GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE" };

        /// <summary>
        /// The probes to run, in order. Null means <see cref="DefaultProbes"/>, where Tls is run
        /// only for https:// targets; a Tls named here is run for every target.
        /// </summary>
        public IReadOnlyList<ProbeKind>? Probes { get; set; }

        /// <summary>Default of <see cref="Timeout"/> in seconds (every front end's default).</summary>
        public const int DefaultTimeoutSeconds = 5;

        /// <summary>Default of <see cref="RequestTimeout"/> in seconds.</summary>
        public const int DefaultRequestTimeoutSeconds = 60;

        /// <summary>Default of <see cref="ThrottleLimit"/>.</summary>
        public const int DefaultThrottleLimit = 8;

        /// <summary>Default of <see cref="Concurrency"/>.</summary>
        public const int DefaultConcurrency = 20;

        /// <summary>Default of <see cref="Method"/>.</summary>
        public const string DefaultMethod = "GET";

        /// <summary>Default of <see cref="MaxHeaderBytes"/>.</summary>
        public const int DefaultMaxHeaderBytes = 64 * 1024;

        /// <summary>Upper bound for each single step (resolve, connect, handshake, first byte, read).</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(DefaultTimeoutSeconds);

        /// <summary>The balancer's request timeout the Latency probe measures against (Alibaba ALB/CLB and AWS ALB idle: 60 s).</summary>
        public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(DefaultRequestTimeoutSeconds);

        /// <summary>How many target addresses are probed at once.</summary>
        public int ThrottleLimit { get; set; } = DefaultThrottleLimit;

        /// <summary>Simultaneous connects of the Concurrency probe (1-200).</summary>
        public int Concurrency { get; set; } = DefaultConcurrency;

        /// <summary>TLS SNI and the name the certificate must match; default: the target's host name, else the Host header's.</summary>
        public string? ServerName { get; set; }

        /// <summary>Host header sent; default: the target's host (and port when it is not the scheme's default).</summary>
        public string? HostHeader { get; set; }

        /// <summary>Method of the Http and Latency probes (like curl -X).</summary>
        public string Method { get; set; } = DefaultMethod;

        /// <summary>Request path; default: the URL's path, or "/".</summary>
        public string? Path { get; set; }

        /// <summary>Statuses the Http probe accepts; empty means any status below 400.</summary>
        public IReadOnlyList<int> ExpectStatus { get; set; } = Array.Empty<int>();

        public IReadOnlyList<string> Methods { get; set; } = DefaultMethods;

        /// <summary>Largest response header block the strict reader accepts.</summary>
        public int MaxHeaderBytes { get; set; } = DefaultMaxHeaderBytes;

        /// <summary>Body bytes read at most; the rest is not downloaded.</summary>
        public long MaxBodyBytes { get; set; } = 8 * 1024 * 1024;

        /// <summary>Ladder of one request header's size (Limits probe).</summary>
        public IReadOnlyList<int> HeaderSizes { get; set; } = new[] { 4 * 1024, 8 * 1024, 16 * 1024, 32 * 1024, 64 * 1024 };

        /// <summary>Ladder of request-target lengths (Limits probe).</summary>
        public IReadOnlyList<int> UriLengths { get; set; } = new[] { 4 * 1024, 8 * 1024, 16 * 1024, 32 * 1024, 64 * 1024 };

        /// <summary>Ladder of POST body sizes: small ones fit one packet, large ones show an MTU problem.</summary>
        public IReadOnlyList<int> BodySizes { get; set; } = new[] { 512, 64 * 1024, 1024 * 1024 };

        /// <summary>Resolver for target names; tests inject a fake.</summary>
        public INameResolver Resolver { get; set; } = SystemNameResolver.Instance;

        /// <summary>The probes run for <paramref name="target"/>, in a fixed order.</summary>
        public IReadOnlyList<ProbeKind> ProbesFor(BackendTarget target)
        {
            var chosen = Probes ?? DefaultProbes;
            bool defaults = Probes == null;
            return chosen.Distinct()
                .Where(p => !(defaults && p == ProbeKind.Tls && !target.IsTls))
                .OrderBy(p => p)
                .ToArray();
        }

        /// <summary>Checks the values a caller may have set out of range.</summary>
        public void Validate()
        {
            if (Timeout <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(Timeout), "The step timeout must be positive.");
            }

            if (RequestTimeout <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(RequestTimeout), "The request timeout must be positive.");
            }

            if (Concurrency < 1 || Concurrency > 200)
            {
                throw new ArgumentOutOfRangeException(nameof(Concurrency), "Concurrency must be between 1 and 200.");
            }

            if (ThrottleLimit < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(ThrottleLimit), "The throttle limit must be at least 1.");
            }

            if (MaxHeaderBytes < 1024)
            {
                throw new ArgumentOutOfRangeException(nameof(MaxHeaderBytes), "The header cap must be at least 1024 bytes.");
            }

            if (string.IsNullOrWhiteSpace(Method) || Method.Any(c => c <= ' ' || c >= 127))
            {
                throw new ArgumentException($"'{WireText.Printable(Method)}' is not an HTTP method token.", nameof(Method));
            }

            // Nothing a user (or a log line) passes may add a line to the request head.
            WireText.Check(Path, "path", allowSpace: false, nameof(Path));
            WireText.Check(HostHeader, "Host header", allowSpace: false, nameof(HostHeader));
            WireText.Check(ServerName, "server name", allowSpace: false, nameof(ServerName));
        }
    }
}
