using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using LbTools.Core.Diagnosis.Catalog;
using LbTools.Core.Probes;

namespace LbTools.Core.Diagnosis
{
    /// <summary>
    /// What probe observations mean, as data (Data/probe-observations.json): the one place that maps
    /// what a probe saw to catalog causes. "observations" maps an observation code (ProbeObservation)
    /// to the causes it supports or rules out; "failures" maps a FailureReason (optionally per probe
    /// kind) and "passes" a passing probe kind to causes, for ProbeCauseMap. Validated when loaded:
    /// known fields, unique keys, known enum names, and every cause id in the catalog.
    /// </summary>
    internal sealed class ProbeObservationTable
    {
        public const string BuiltInResourceName = "LbTools.Core.Diagnosis.Data.probe-observations.json";

        private static readonly HashSet<string> RootFields = new HashSet<string>(StringComparer.Ordinal) { "observations", "failures", "passes" };
        private static readonly HashSet<string> ObservationFields = new HashSet<string>(StringComparer.Ordinal) { "code", "supports", "rulesOut" };
        private static readonly HashSet<string> FailureFields = new HashSet<string>(StringComparer.Ordinal) { "reason", "probe", "supports", "rulesOut" };
        private static readonly HashSet<string> PassFields = new HashSet<string>(StringComparer.Ordinal) { "probe", "rulesOut" };
        private static readonly Lazy<ProbeObservationTable> BuiltInTable = new Lazy<ProbeObservationTable>(LoadBuiltIn);
        private static readonly Meaning Nothing = new Meaning(Array.Empty<string>(), Array.Empty<string>());

        private readonly Dictionary<string, Meaning> _observations;
        private readonly Dictionary<(ProbeFailureReason Reason, ProbeKind? Probe), Meaning> _failures;
        private readonly Dictionary<ProbeKind, Meaning> _passes;

        private ProbeObservationTable(Dictionary<string, Meaning> observations, Dictionary<(ProbeFailureReason, ProbeKind?), Meaning> failures, Dictionary<ProbeKind, Meaning> passes)
        {
            _observations = observations;
            _failures = failures;
            _passes = passes;
        }

        public static ProbeObservationTable BuiltIn => BuiltInTable.Value;

        /// <summary>The observation codes the table knows, in file order.</summary>
        public IEnumerable<string> Codes => _observations.Keys;

        /// <summary>Every cause id the table names.</summary>
        public IEnumerable<string> CauseIds => _observations.Values.Concat(_failures.Values).Concat(_passes.Values)
            .SelectMany(m => m.Supports.Concat(m.RulesOut)).Distinct(StringComparer.Ordinal);

        public bool Knows(string code) => _observations.ContainsKey(code);

        /// <summary>The causes an observation supports and rules out; an unknown code (a backend status without a pass-through cause) means nothing.</summary>
        public Meaning Observation(string code) => _observations.TryGetValue(code, out var meaning) ? meaning : Nothing;

        /// <summary>The causes a failure reason supports (and rules out) for a probe kind: the kind's own entry, else the reason's.</summary>
        public Meaning Failure(ProbeFailureReason reason, ProbeKind kind) =>
            _failures.TryGetValue((reason, kind), out var own) ? own
            : _failures.TryGetValue((reason, null), out var any) ? any
            : Nothing;

        /// <summary>The causes a passing probe of this kind rules out.</summary>
        public Meaning Pass(ProbeKind kind) => _passes.TryGetValue(kind, out var meaning) ? meaning : Nothing;

        /// <summary>Fails, naming the entry, when an entry names a cause the catalog lacks.</summary>
        public void Validate(CauseCatalog catalog, string source)
        {
            foreach (var pair in _observations)
            {
                Check(pair.Value, pair.Key);
            }

            foreach (var pair in _failures)
            {
                Check(pair.Value, pair.Key.Probe == null ? pair.Key.Reason.ToString() : $"{pair.Key.Reason}/{pair.Key.Probe}");
            }

            foreach (var pair in _passes)
            {
                Check(pair.Value, pair.Key.ToString());
            }

            void Check(Meaning meaning, string entry)
            {
                foreach (var id in meaning.Supports.Concat(meaning.RulesOut).Where(id => catalog.Find(id) == null))
                {
                    throw new CatalogFormatException(source, entry, $"the probe observation names the cause '{id}', which is in no catalog");
                }
            }
        }

        public static ProbeObservationTable Parse(string json, string source)
        {
            using (var document = CatalogJson.Parse(json, source))
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    throw new CatalogFormatException(source, "(file)", "the file must be an object with 'observations', 'failures' and 'passes' arrays");
                }

                CatalogJson.CheckKnown(root, RootFields, source, "(file)");
                var observations = new Dictionary<string, Meaning>(StringComparer.Ordinal);
                foreach (var element in Entries(root, "observations", source))
                {
                    CatalogJson.CheckKnown(element, ObservationFields, source, "observation");
                    string code = CatalogJson.EntryName(element, "code", "observation", source);
                    if (code.Length == 0 || observations.ContainsKey(code))
                    {
                        throw new CatalogFormatException(source, code, "an observation needs a unique, non-empty 'code'");
                    }

                    observations.Add(code, Read(element, source, code));
                }

                var failures = new Dictionary<(ProbeFailureReason, ProbeKind?), Meaning>();
                foreach (var element in Entries(root, "failures", source))
                {
                    CatalogJson.CheckKnown(element, FailureFields, source, "failure");
                    var reason = CatalogJson.EnumName<ProbeFailureReason>(Property(element, "reason", source, "failure"), "reason", source, "failure", ProbeFailureReason.None);
                    ProbeKind? kind = element.TryGetProperty("probe", out var probe) ? CatalogJson.EnumName<ProbeKind>(probe, "probe", source, reason.ToString()) : (ProbeKind?)null;
                    string entry = kind == null ? reason.ToString() : $"{reason}/{kind}";
                    if (failures.ContainsKey((reason, kind)))
                    {
                        throw new CatalogFormatException(source, entry, "duplicate failure entry");
                    }

                    failures.Add((reason, kind), Read(element, source, entry));
                }

                var passes = new Dictionary<ProbeKind, Meaning>();
                foreach (var element in Entries(root, "passes", source))
                {
                    CatalogJson.CheckKnown(element, PassFields, source, "pass");
                    var kind = CatalogJson.EnumName<ProbeKind>(Property(element, "probe", source, "pass"), "probe", source, "pass");
                    if (passes.ContainsKey(kind))
                    {
                        throw new CatalogFormatException(source, kind.ToString(), "duplicate pass entry");
                    }

                    passes.Add(kind, Read(element, source, kind.ToString()));
                }

                return new ProbeObservationTable(observations, failures, passes);
            }
        }

        private static IEnumerable<JsonElement> Entries(JsonElement root, string name, string source)
        {
            if (!root.TryGetProperty(name, out var array))
            {
                return Array.Empty<JsonElement>();
            }

            if (array.ValueKind != JsonValueKind.Array)
            {
                throw new CatalogFormatException(source, name, $"'{name}' must be an array");
            }

            return array.EnumerateArray().ToArray();
        }

        private static JsonElement Property(JsonElement element, string name, string source, string entry)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value))
            {
                throw new CatalogFormatException(source, entry, $"'{name}' is required");
            }

            return value;
        }

        private static Meaning Read(JsonElement element, string source, string entry) =>
            new Meaning(Ids(element, "supports", source, entry), Ids(element, "rulesOut", source, entry));

        private static string[] Ids(JsonElement element, string name, string source, string entry)
        {
            if (!element.TryGetProperty(name, out var array))
            {
                return Array.Empty<string>();
            }

            if (array.ValueKind != JsonValueKind.Array)
            {
                throw new CatalogFormatException(source, entry, $"'{name}' must be an array of cause ids");
            }

            return array.EnumerateArray().Select(id => CatalogJson.String(id, name, source, entry)).ToArray();
        }

        private static ProbeObservationTable LoadBuiltIn()
        {
            const string source = "built-in probe observations";
            using var stream = typeof(ProbeObservationTable).Assembly.GetManifestResourceStream(BuiltInResourceName)
                ?? throw new InvalidOperationException("The built-in probe observation table is missing from the assembly.");
            using var reader = new StreamReader(stream);
            var table = Parse(reader.ReadToEnd(), source);
            table.Validate(CauseCatalog.BuiltIn, source);
            return table;
        }

        /// <summary>The causes one entry supports and rules out, in table order.</summary>
        internal sealed class Meaning
        {
            public Meaning(IReadOnlyList<string> supports, IReadOnlyList<string> rulesOut)
            {
                Supports = supports;
                RulesOut = rulesOut;
            }

            public IReadOnlyList<string> Supports { get; }

            public IReadOnlyList<string> RulesOut { get; }
        }
    }
}
