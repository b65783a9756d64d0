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

        /// <summary>What the probe observed (ProbeObservation codes), in order; Supports and RulesOut are what Diagnosis's table makes of them.</summary>
        internal List<string> Observations { get; } = new List<string>();

        public bool Succeeded => Outcome != ProbeOutcome.Fail;

        /// <summary>Records an observation and adds the causes Diagnosis's table says it supports and rules out.</summary>
        internal void Observe(string code)
        {
            Observations.Add(code);
            var meaning = Diagnosis.ProbeObservationTable.BuiltIn.Observation(code);
            foreach (var id in meaning.Supports)
            {
                Supports.Add(id);
            }

            foreach (var id in meaning.RulesOut)
            {
                RulesOut.Add(id);
            }
        }

        /// <summary>Records an observation once.</summary>
        internal void ObserveOnce(string code)
        {
            if (!Observations.Contains(code))
            {
                Observe(code);
            }
        }

        /// <summary>Starts over: no observation, no supported or ruled-out cause.</summary>
        internal void ForgetObservations()
        {
            Observations.Clear();
            Supports.Clear();
            RulesOut.Clear();
        }

        public override string ToString() => $"{Target} {Address} {Probe}: {Outcome} {FailureReason}";
    }
}
