using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using LbTools.Core.Logs;
using LbTools.Core.Probes;

namespace LbTools.Core.Diagnosis.Rules
{
    /// <summary>
    /// A rule written as data (rule files given with -RulePath): every condition must hold; then
    /// the cause gets the score, with one evidence line per field condition.
    /// </summary>
    public sealed class DeclarativeRule : IDiagnosisRule
    {
        private static readonly Dictionary<string, PropertyInfo> RecordProperties = typeof(LbLogRecord).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0)
            .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);

        public DeclarativeRule(string name, string causeId, int score, string because, IReadOnlyList<int> statuses, IReadOnlyList<LbProvider> providers, IReadOnlyList<string> methods, IReadOnlyList<FieldCondition> fields, ProbeKind? probeKind, ProbeFailureReason? probeReason)
        {
            Name = name;
            CauseId = causeId;
            Score = score;
            Because = because;
            Statuses = statuses;
            Providers = providers;
            Methods = methods;
            Fields = fields;
            ProbeKind = probeKind;
            ProbeReason = probeReason;
        }

        public string Name { get; }

        public string CauseId { get; }

        public int Score { get; }

        public string Because { get; }

        public IReadOnlyList<int> Statuses { get; }

        public IReadOnlyList<LbProvider> Providers { get; }

        public IReadOnlyList<string> Methods { get; }

        public IReadOnlyList<FieldCondition> Fields { get; }

        public ProbeKind? ProbeKind { get; }

        public ProbeFailureReason? ProbeReason { get; }

        public void Apply(RuleContext context, CandidateSet candidates)
        {
            if (Statuses.Count > 0 && !Statuses.Contains(context.Status))
            {
                return;
            }

            if (Providers.Count > 0 && !Providers.Contains(context.Provider))
            {
                return;
            }

            if (Methods.Count > 0 && !Methods.Contains(context.Record.Method ?? string.Empty, StringComparer.OrdinalIgnoreCase))
            {
                return;
            }

            var evidence = new List<Evidence>();
            foreach (var condition in Fields)
            {
                string value = ReadField(context.Record, condition.Field);
                if (!condition.Test(value, out var threshold))
                {
                    return;
                }

                evidence.Add(new Evidence(condition.Field, value, threshold, $"{condition.Field} is {value} (rule '{Name}': {threshold})."));
            }

            if (ProbeKind != null || ProbeReason != null)
            {
                var probe = context.Probes.FirstOrDefault(p => (ProbeKind == null || p.Probe == ProbeKind) && (ProbeReason == null || p.FailureReason == ProbeReason));
                if (probe == null)
                {
                    return;
                }

                evidence.Add(new Evidence($"probe {probe.Probe}", probe.FailureReason.ToString(), ProbeReason?.ToString(), $"The probe of {probe.Target} reported {probe.Outcome} {probe.FailureReason}."));
            }

            candidates.Add(CauseId, Score, $"Rule '{Name}': {Because}", evidence.ToArray());
        }

        /// <summary>A vendor field by its exact name, else a record property; '-' when empty.</summary>
        internal static string ReadField(LbLogRecord record, string name)
        {
            if (record.Fields.TryGetValue(name, out var raw))
            {
                return string.IsNullOrEmpty(raw) ? "-" : raw!;
            }

            if (RecordProperties.TryGetValue(name, out var property))
            {
                object? value = property.GetValue(record);
                return value switch
                {
                    null => "-",
                    double d => d.ToString("R", CultureInfo.InvariantCulture),
                    System.Collections.IEnumerable list when !(value is string) => string.Join(", ", list.Cast<object?>().Select(o => o?.ToString() ?? "-")),
                    IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                    _ => value.ToString() ?? "-",
                };
            }

            return "-";
        }
    }
}
