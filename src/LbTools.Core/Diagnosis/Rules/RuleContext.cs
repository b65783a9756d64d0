using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using LbTools.Core.Diagnosis.Rules.Expressions;
using LbTools.Core.Logs;
using LbTools.Core.Probes;

namespace LbTools.Core.Diagnosis.Rules
{
    /// <summary>What a rule may read: the record, the provider's thresholds, matching probes, burst state.</summary>
    public sealed class RuleContext
    {
        public RuleContext(LbLogRecord record, ProviderProfile profile, IReadOnlyList<ProbeResult> probes, bool inBurst, bool fromLog = true)
        {
            Record = record;
            Profile = profile;
            Probes = probes;
            InBurst = inBurst;
            FromLog = fromLog;
        }

        // Derived facts computed once per record (MemoFact slots): 0 unknown, 1 null, 2 false, 3 true.
        private byte _memo0;
        private byte _memo1;

        internal bool? Memo(int slot, BoolExpr definition)
        {
            byte state = slot == 0 ? _memo0 : _memo1;
            if (state == 0)
            {
                bool? value = definition.Evaluate(this);
                state = value == null ? (byte)1 : value.Value ? (byte)3 : (byte)2;
                if (slot == 0)
                {
                    _memo0 = state;
                }
                else
                {
                    _memo1 = state;
                }
            }

            return state == 1 ? null : (bool?)(state == 3);
        }

        /// <summary>False for probe-only diagnoses (ResolveProbes): the record is a stand-in holding just the status.</summary>
        public bool FromLog { get; }

        public LbLogRecord Record { get; }

        public int Status => Record.Status ?? 0;

        public LbProvider Provider => Record.Provider;

        public ProviderProfile Profile { get; }

        /// <summary>Probe results of the record's upstream addresses.</summary>
        public IReadOnlyList<ProbeResult> Probes { get; }

        /// <summary>Many errors of this status arrived within the same second.</summary>
        public bool InBurst { get; }

        /// <summary>nginx and the Tengine-based Alibaba balancers log their own failures into upstream_status.</summary>
        public bool IsProxyFamily => Provider == LbProvider.Nginx || Provider == LbProvider.AlibabaAlb || Provider == LbProvider.AlibabaClb;

        /// <summary>The log has an upstream_header_time column, so a real backend answer can be told apart.</summary>
        public bool HeaderTimeKnown => Record.UpstreamHeaderTimes.Count > 0 || Record.UpstreamHeaderTime != null || Record.Fields.ContainsKey("upstream_header_time");

        /// <summary>True when the backend really sent a response header for the last attempt (<see cref="Facts.BackendAnswered"/>).</summary>
        public bool BackendAnswered => Facts.BackendAnswered.Holds(this);

        public string UpstreamStatusField => Provider switch
        {
            LbProvider.AwsAlb => "target_status_code",
            LbProvider.AwsClb => "backend_status_code",
            _ => "upstream_status",
        };

        public string UpstreamAddressField => Provider switch
        {
            LbProvider.AwsAlb => "target:port",
            LbProvider.AwsClb => "backend:port",
            _ => "upstream_addr",
        };

        /// <summary>An upstream address was logged (<see cref="Facts.HasUpstreamAddress"/>).</summary>
        public bool HasUpstreamAddress => Facts.HasUpstreamAddress.Holds(this);

        /// <summary>Field value from the vendor fields, ignoring case and '-'.</summary>
        public string? Field(string name)
        {
            if (Record.Fields.TryGetValue(name, out var value) || TryIgnoreCase(name, out value))
            {
                return value == null || value == "-" || value.Length == 0 ? null : value;
            }

            return null;
        }

        public static string Seconds(double seconds) => seconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";

        public static string Seconds(TimeSpan span) => Seconds(span.TotalSeconds);

        public static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

        private bool TryIgnoreCase(string name, out string? value)
        {
            foreach (var pair in Record.Fields)
            {
                if (string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase))
                {
                    value = pair.Value;
                    return true;
                }
            }

            value = null;
            return false;
        }

        public Evidence NoBackendAnswer()
        {
            if (Record.UpstreamStatus == null)
            {
                return new Evidence(UpstreamStatusField, "-", null, "No backend status was logged: the request never got a backend answer.");
            }

            return HeaderTimeKnown
                ? new Evidence("upstream_header_time", "-", null, $"{UpstreamStatusField} is {Record.UpstreamStatus} but upstream_header_time is '-': the proxy wrote its own failure, the backend sent no response header.")
                : new Evidence("upstream_header_time", null, null, $"{UpstreamStatusField} is {Record.UpstreamStatus}, but the log has no upstream_header_time to prove the backend answered; the proxy may have written its own failure.");
        }
    }
}
