using System;
using System.Collections.Generic;

namespace LbTools.Core.Probes
{
    /// <summary>One probe of one address of one target. Durations are in milliseconds.</summary>
    public sealed class ProbeResult
    {
        public ProbeResult(string target, string host, int port, string? address, ProbeKind probe)
        {
            Target = target;
            Host = host;
            Port = port;
            Address = address;
            Probe = probe;
        }

        /// <summary>The target as the user named it.</summary>
        public string Target { get; }

        public string Host { get; }

        public int Port { get; }

        /// <summary>The IP address probed; null when the name did not resolve.</summary>
        public string? Address { get; }

        public ProbeKind Probe { get; }

        public ProbeOutcome Outcome { get; set; }

        public ProbeFailureReason FailureReason { get; set; }

        /// <summary>One plain sentence on what was found.</summary>
        public string Message { get; set; } = string.Empty;

        /// <summary>Total time of this probe.</summary>
        public double? DurationMs { get; set; }

        public double? DnsMs { get; set; }

        public double? ConnectMs { get; set; }

        public double? TlsMs { get; set; }

        /// <summary>Time to first byte after the request was sent (not cumulative).</summary>
        public double? FirstByteMs { get; set; }

        public double? TransferMs { get; set; }

        public int? StatusCode { get; set; }

        /// <summary>Probe-specific measurements (protocol, cipher, certificate subject, limits found…).</summary>
        public IDictionary<string, object?> Details { get; } = new SortedDictionary<string, object?>(StringComparer.Ordinal);

        /// <summary>Catalog cause ids this result confirms.</summary>
        public IList<string> Supports { get; } = new List<string>();

        /// <summary>Catalog cause ids this result rules out.</summary>
        public IList<string> RulesOut { get; } = new List<string>();

        public bool Succeeded => Outcome != ProbeOutcome.Fail;

        public override string ToString() => $"{Target} {Address} {Probe}: {Outcome} {FailureReason}";
    }
}
