using System.Collections.Generic;
using System.Linq;
using LbTools.Core.Probes;

namespace LbTools.Core.Diagnosis.Rules
{
    /// <summary>
    /// Which causes a probe result confirms or rules out, from its FailureReason and kind — so the
    /// engine does not depend on the prober filling Supports/RulesOut (it honours them as well).
    /// </summary>
    internal static class ProbeCauseMap
    {
        private static readonly string[] None = new string[0];

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
            // A TCP connect that times out never reached a TLS handshake to time out.
            var own = probe.Outcome == ProbeOutcome.Pass ? MapPass(probe.Probe)
                : probe.Probe == ProbeKind.Tcp && probe.FailureReason == ProbeFailureReason.TimedOut ? new[] { "504.TlsHandshakeTimeout" }
                : None;
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

        private static string[] MapFailure(ProbeFailureReason reason, ProbeKind kind)
        {
            switch (reason)
            {
                case ProbeFailureReason.Refused:
                    return new[] { "502.BackendConnectFailed" };
                case ProbeFailureReason.TimedOut:
                    return kind switch
                    {
                        ProbeKind.Dns => new[] { "502.DnsMisconfigured", "502.OriginDnsError" },
                        ProbeKind.Tls => new[] { "504.TlsHandshakeTimeout", "502.TlsToBackendFailed" },
                        ProbeKind.Http or ProbeKind.Latency => new[] { "504.BackendResponseTimeout", "502.BackendOverloaded", "499.BackendSlow" },
                        _ => new[] { "502.FirewallBlocked", "504.ReturnTrafficBlocked", "502.OriginConnectError" },
                    };
                case ProbeFailureReason.Unreachable:
                    return new[] { "502.FirewallBlocked", "502.BackendConnectFailed", "502.OriginConnectError" };
                case ProbeFailureReason.Reset:
                    return kind == ProbeKind.Tcp ? new[] { "502.BackendConnectFailed" } : new[] { "502.BackendClosedConnection" };
                case ProbeFailureReason.NameNotFound:
                case ProbeFailureReason.NoAddress:
                case ProbeFailureReason.DnsTimeout:
                    return new[] { "502.DnsMisconfigured", "502.OriginDnsError" };
                case ProbeFailureReason.TlsNameMismatch:
                case ProbeFailureReason.TlsExpired:
                case ProbeFailureReason.TlsNotYetValid:
                case ProbeFailureReason.TlsUntrusted:
                case ProbeFailureReason.TlsHandshakeFailed:
                case ProbeFailureReason.TlsToPlainPort:
                    return new[] { "502.TlsToBackendFailed" };
                case ProbeFailureReason.PlainHttpToTlsPort:
                    // The probed port speaks TLS: a backend port (the balancer forwards plain HTTP to
                    // it) or the balancer's own listener (the client sent plain HTTP to it).
                    return new[] { "400.BackendExpectsHttps", "400.HttpToHttpsPort" };
                case ProbeFailureReason.MalformedResponse:
                    return new[] { "502.MalformedResponse", "502.OriginInvalidResponse" };
                case ProbeFailureReason.IncompleteBody:
                    return new[] { "504.ContentLengthMismatch", "502.OriginInvalidResponse" };
                case ProbeFailureReason.HeaderTooLarge:
                    return new[] { "502.ResponseHeaderTooLarge" };
                case ProbeFailureReason.UnexpectedStatus:
                    return new[] { "502.RoutingMisconfigured", "503.NoHealthyBackend" };
                case ProbeFailureReason.MethodNotAllowed:
                    return new[] { "405.FromBackend" };
                case ProbeFailureReason.SlowResponse:
                    return new[] { "502.BackendOverloaded", "504.BackendResponseTimeout", "499.BackendSlow" };
                case ProbeFailureReason.ClosedWithoutResponse:
                    return new[] { "502.BackendClosedConnection", "500.BackendClosedEarly", "444.ClosedWithoutResponse" };
                case ProbeFailureReason.BacklogFull:
                    return new[] { "502.BacklogFull", "503.SurgeQueueFull" };
                case ProbeFailureReason.LimitReached:
                    return new[] { "502.MtuExceeded", "414.FromBackend" };
                default:
                    return None;
            }
        }

        private static string[] MapPass(ProbeKind kind) => kind switch
        {
            ProbeKind.Dns => new[] { "502.DnsMisconfigured", "502.OriginDnsError" },
            ProbeKind.Tcp => new[] { "502.FirewallBlocked" },
            ProbeKind.Tls => new[] { "502.TlsToBackendFailed" },
            ProbeKind.Http => new[] { "502.MalformedResponse", "502.ResponseHeaderTooLarge" },
            _ => None,
        };

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
