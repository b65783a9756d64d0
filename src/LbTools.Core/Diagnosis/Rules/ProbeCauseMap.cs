using System.Collections.Generic;
using System.Linq;
using LbTools.Core.Probes;

namespace LbTools.Core.Diagnosis.Rules
{
    /// <summary>
    /// Which causes a probe result confirms or rules out, from its FailureReason and kind — so the
    /// engine does not depend on the prober filling Supports/RulesOut (it honours them as well).
    /// The mapping itself is data: Data/probe-observations.json, read by <see cref="ProbeObservationTable"/>.
    /// </summary>
    internal static class ProbeCauseMap
    {
        public static IReadOnlyList<string> Supports(ProbeResult probe)
        {
            var own = MapFailure(probe.FailureReason, probe.Probe);
            if (probe.FailureReason == ProbeFailureReason.UnexpectedStatus && probe.StatusCode >= 500)
            {
                // A 5xx from the backend itself is its own failure (the prober adds <status>.FromBackend),
                // not a sign that requests reach the wrong service (502.RoutingMisconfigured).
                own = own.Where(id => id != "502.RoutingMisconfigured").ToArray();
            }

            return probe.Outcome == ProbeOutcome.Pass && probe.FailureReason == ProbeFailureReason.None
                ? probe.Supports.ToArray()
                : own.Concat(probe.Supports).Distinct().ToArray();
        }

        public static IReadOnlyList<string> RulesOut(ProbeResult probe)
        {
            // A failure's own entry may rule causes out (a TCP connect that times out never reached a TLS handshake to time out).
            var own = probe.Outcome == ProbeOutcome.Pass ? ProbeObservationTable.BuiltIn.Pass(probe.Probe).RulesOut
                : ProbeObservationTable.BuiltIn.Failure(probe.FailureReason, probe.Probe).RulesOut;
            return own.Concat(probe.RulesOut).Distinct().ToArray();
        }

        /// <summary>The probe kinds whose failures confirm one of these causes (what could decide between them).</summary>
        public static IReadOnlyList<ProbeKind> KindsConfirming(IEnumerable<string> causeIds)
        {
            var ids = new HashSet<string>(causeIds, System.StringComparer.OrdinalIgnoreCase);
            var kinds = new List<ProbeKind>();
            foreach (ProbeFailureReason reason in System.Enum.GetValues(typeof(ProbeFailureReason)))
            {
                var kind = NaturalKind(reason);
                if (kind != null && !kinds.Contains(kind.Value) && MapFailure(reason, kind.Value).Any(ids.Contains))
                {
                    kinds.Add(kind.Value);
                }
            }

            kinds.Sort();
            return kinds;
        }

        /// <summary>The probe that reports a failure reason first (Test-LbBackend runs Dns, Tcp, Tls, Http… in that order).</summary>
        private static ProbeKind? NaturalKind(ProbeFailureReason reason)
        {
            switch (reason)
            {
                case ProbeFailureReason.NameNotFound:
                case ProbeFailureReason.NoAddress:
                case ProbeFailureReason.DnsTimeout:
                    return ProbeKind.Dns;
                case ProbeFailureReason.Refused:
                case ProbeFailureReason.Unreachable:
                case ProbeFailureReason.TimedOut:
                    return ProbeKind.Tcp;
                case ProbeFailureReason.BacklogFull:
                    return ProbeKind.Concurrency;
                case ProbeFailureReason.TlsNameMismatch:
                case ProbeFailureReason.TlsExpired:
                case ProbeFailureReason.TlsNotYetValid:
                case ProbeFailureReason.TlsUntrusted:
                case ProbeFailureReason.TlsHandshakeFailed:
                case ProbeFailureReason.TlsToPlainPort:
                    return ProbeKind.Tls;
                case ProbeFailureReason.Reset:
                case ProbeFailureReason.PlainHttpToTlsPort:
                case ProbeFailureReason.MalformedResponse:
                case ProbeFailureReason.IncompleteBody:
                case ProbeFailureReason.HeaderTooLarge:
                case ProbeFailureReason.ClosedWithoutResponse:
                case ProbeFailureReason.UnexpectedStatus:
                    return ProbeKind.Http;
                case ProbeFailureReason.SlowResponse:
                    return ProbeKind.Latency;
                case ProbeFailureReason.MethodNotAllowed:
                    return ProbeKind.Methods;
                case ProbeFailureReason.LimitReached:
                    return ProbeKind.Limits;
                default:
                    return null;
            }
        }

        private static IReadOnlyList<string> MapFailure(ProbeFailureReason reason, ProbeKind kind) =>
            ProbeObservationTable.BuiltIn.Failure(reason, kind).Supports;

        /// <summary>True when the probe was aimed at one of the record's upstream addresses.</summary>
        public static bool Matches(ProbeResult probe, IEnumerable<string> upstreamAddresses)
        {
            foreach (var upstream in upstreamAddresses)
            {
                string normalized = upstream.Trim();
                if (probe.Address != null && Same(normalized, probe.Address, probe.Port))
                {
                    return true;
                }

                if (string.Equals(normalized, probe.Target, System.StringComparison.OrdinalIgnoreCase) || Same(normalized, probe.Host, probe.Port))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool Same(string upstream, string host, int port)
        {
            string portText = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return string.Equals(upstream, host + ":" + portText, System.StringComparison.OrdinalIgnoreCase)
                || string.Equals(upstream, "[" + host.Trim('[', ']') + "]:" + portText, System.StringComparison.OrdinalIgnoreCase);
        }
    }
}
