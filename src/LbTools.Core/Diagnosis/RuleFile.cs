using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System;
using LbTools.Core.Diagnosis.Catalog;
using LbTools.Core.Diagnosis.Rules;
using LbTools.Core.Logs;
using LbTools.Core.Probes;

namespace LbTools.Core.Diagnosis
{
    /// <summary>
    /// A user file given with -RulePath: optional "causes" (catalog schema) and optional "rules":
    /// { "name", "cause", "score" 1..100, "because", "when": { "status": [..], "provider": [..],
    /// "method": [..], "field"+test or "fields": [ { "field", "equals" | "notEquals" | "matches" |
    /// "atLeast" | "atMost" | "present" } ], "probe": { "kind", "reason" } } }.
    /// </summary>
    public sealed class RuleFile
    {
        private static readonly HashSet<string> RootFields = new HashSet<string>(StringComparer.Ordinal) { "causes", "rules", "nginxMessages" };
        private static readonly HashSet<string> RuleFields = new HashSet<string>(StringComparer.Ordinal) { "name", "cause", "score", "because", "when" };
        private static readonly HashSet<string> WhenFields = new HashSet<string>(StringComparer.Ordinal) { "status", "provider", "method", "field", "equals", "notEquals", "matches", "atLeast", "atMost", "present", "fields", "probe" };
        private static readonly HashSet<string> TestFields = new HashSet<string>(StringComparer.Ordinal) { "field", "equals", "notEquals", "matches", "atLeast", "atMost", "present" };

        private RuleFile(CauseCatalog? causes, IReadOnlyList<DeclarativeRule> rules, IReadOnlyList<NginxMessagePattern> nginxMessages)
        {
            Causes = causes;
            Rules = rules;
            NginxMessages = nginxMessages;
        }

        /// <summary>Extra nginx error-log messages -> causes ("nginxMessages": [ { "name", "match", "example", "cause", "source" } ]).</summary>
        public IReadOnlyList<NginxMessagePattern> NginxMessages { get; }

        public CauseCatalog? Causes { get; }

        public IReadOnlyList<DeclarativeRule> Rules { get; }

        public static RuleFile Load(string path)
        {
            string text;
            try
            {
                text = File.ReadAllText(path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new CatalogFormatException(path, "(file)", "cannot be read: " + ex.Message);
            }

            return Parse(text, path);
        }

        public static RuleFile Parse(string json, string source)
        {
            using (var document = CatalogJson.Parse(json, source))
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    throw new CatalogFormatException(source, "(file)", "the file must be an object with 'causes' and/or 'rules'");
                }

                CatalogJson.CheckKnown(root, RootFields, source, "(file)");

                CauseCatalog? causes = root.TryGetProperty("causes", out _) ? CauseCatalog.Parse(json, source) : null;
                var rules = new List<DeclarativeRule>();
                if (root.TryGetProperty("rules", out var array))
                {
                    if (array.ValueKind != JsonValueKind.Array)
                    {
                        throw new CatalogFormatException(source, "rules", "'rules' must be an array");
                    }

                    int index = 0;
                    foreach (var element in array.EnumerateArray())
                    {
                        try
                        {
                            rules.Add(ReadRule(element, source, ++index));
                        }
                        catch (InvalidOperationException ex)
                        {
                            // A value of a kind no check above expected: still named by file and entry.
                            throw new CatalogFormatException(source, $"rule #{index}", $"a value has the wrong type ({ex.Message})");
                        }
                    }
                }

                var messages = root.TryGetProperty("nginxMessages", out var messageArray)
                    ? NginxMessageTable.ReadEntries(messageArray, source)
                    : System.Array.Empty<NginxMessagePattern>();
                return new RuleFile(causes, rules, messages);
            }
        }

        /// <summary>
        /// The built-in catalog merged with the causes of every file, and the files' rules (each
        /// checked against the merged catalog). Any problem is a CatalogFormatException naming file and entry.
        /// </summary>
        public static CauseCatalog LoadAll(IEnumerable<string> paths, out IReadOnlyList<DeclarativeRule> rules) => LoadAll(paths, out rules, out _);

        /// <summary>
        /// <see cref="LoadAll(IEnumerable{string}, out IReadOnlyList{DeclarativeRule})"/>, plus the
        /// built-in nginx message table with the files' "nginxMessages" added, each checked against the merged catalog.
        /// </summary>
        public static CauseCatalog LoadAll(IEnumerable<string> paths, out IReadOnlyList<DeclarativeRule> rules, out NginxMessageTable nginxMessages)
        {
            nginxMessages = NginxMessageTable.BuiltIn;
            var catalog = CauseCatalog.BuiltIn;
            var files = new List<(RuleFile File, string Path)>();
            foreach (var path in paths)
            {
                var file = Load(path);
                if (file.Causes != null)
                {
                    catalog = catalog.Merge(file.Causes, path);
                }

                files.Add((file, path));
            }

            var all = new List<DeclarativeRule>();
            foreach (var (file, path) in files)
            {
                file.Validate(catalog, path);
                all.AddRange(file.Rules);
                if (file.NginxMessages.Count > 0)
                {
                    nginxMessages = nginxMessages.Merge(file.NginxMessages, path);
                }
            }

            rules = all;
            nginxMessages.Validate(catalog);
            return catalog;
        }

        /// <summary>Fails, naming the rule, when a rule points at a cause the catalog lacks.</summary>
        public void Validate(CauseCatalog catalog, string source)
        {
            foreach (var rule in Rules.Where(r => catalog.Find(r.CauseId) == null))
            {
                throw new CatalogFormatException(source, rule.Name, $"the rule names the cause '{rule.CauseId}', which is in no catalog");
            }
        }

        private static DeclarativeRule ReadRule(JsonElement element, string source, int index)
        {
            string entry = CatalogJson.EntryName(element, "name", $"rule #{index}", source);

            CatalogJson.CheckKnown(element, RuleFields, source, entry);
            if (!element.TryGetProperty("cause", out var causeElement) || causeElement.ValueKind != JsonValueKind.String)
            {
                throw new CatalogFormatException(source, entry, "'cause' must name a cause id");
            }

            string cause = CatalogJson.String(causeElement, "cause", source, entry);
            if (entry.StartsWith("rule #", StringComparison.Ordinal))
            {
                entry = $"{entry} ({cause})";
            }

            int score = 0;
            if (!element.TryGetProperty("score", out var scoreElement) || scoreElement.ValueKind != JsonValueKind.Number || !scoreElement.TryGetInt32(out score) || score < 1 || score > 100)
            {
                string given = scoreElement.ValueKind == JsonValueKind.Undefined ? "it is missing" : $"it is {CatalogJson.Kind(scoreElement)}";
                throw new CatalogFormatException(source, entry, $"'score' must be a whole number from 1 to 100 ({given}{(scoreElement.ValueKind == JsonValueKind.Number ? " " + scoreElement.GetRawText() : string.Empty)})");
            }

            string because = element.TryGetProperty("because", out var becauseElement) ? CatalogJson.String(becauseElement, "because", source, entry) : "the user rule matched";
            if (!element.TryGetProperty("when", out var when) || when.ValueKind != JsonValueKind.Object)
            {
                throw new CatalogFormatException(source, entry, "'when' must be an object of conditions");
            }

            CatalogJson.CheckKnown(when, WhenFields, source, entry);
            var statuses = when.TryGetProperty("status", out var s) ? Array(s, "status", source, entry).Select(e => e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var v) && v >= 0 && v <= 999 ? v : throw new CatalogFormatException(source, entry, $"'status' must hold status codes as numbers, not {CatalogJson.Kind(e)} {e.GetRawText()}")).ToArray() : new int[0];
            var providers = when.TryGetProperty("provider", out var p) ? Array(p, "provider", source, entry).Select(e => CatalogJson.EnumName<LbProvider>(e, "provider", source, entry)).ToArray() : new LbProvider[0];
            var methods = when.TryGetProperty("method", out var m) ? Array(m, "method", source, entry).Select(e => CatalogJson.String(e, "method", source, entry)).ToArray() : new string[0];
            var fields = new List<FieldCondition>();
            if (when.TryGetProperty("field", out _))
            {
                fields.Add(ReadTest(when, source, entry, singleForm: true));
            }

            if (when.TryGetProperty("fields", out var list))
            {
                foreach (var test in Array(list, "fields", source, entry))
                {
                    if (test.ValueKind != JsonValueKind.Object)
                    {
                        throw new CatalogFormatException(source, entry, "each of 'fields' must be an object");
                    }

                    CatalogJson.CheckKnown(test, TestFields, source, entry);
                    fields.Add(ReadTest(test, source, entry, singleForm: false));
                }
            }

            ProbeKind? kind = null;
            ProbeFailureReason? reason = null;
            if (when.TryGetProperty("probe", out var probe))
            {
                if (probe.ValueKind != JsonValueKind.Object)
                {
                    throw new CatalogFormatException(source, entry, $"'probe' must be an object with 'kind' and/or 'reason', not {CatalogJson.Kind(probe)}");
                }

                if (probe.TryGetProperty("kind", out var k))
                {
                    kind = CatalogJson.EnumName<ProbeKind>(k, "probe kind", source, entry);
                }

                if (probe.TryGetProperty("reason", out var r))
                {
                    reason = CatalogJson.EnumName<ProbeFailureReason>(r, "probe reason", source, entry);
                }
            }

            if (statuses.Length == 0 && fields.Count == 0 && kind == null && reason == null)
            {
                throw new CatalogFormatException(source, entry, "'when' must hold at least one condition");
            }

            return new DeclarativeRule(entry, cause, score, because, statuses, providers, methods, fields, kind, reason);
        }

        private static FieldCondition ReadTest(JsonElement element, string source, string entry, bool singleForm)
        {
            if (!element.TryGetProperty("field", out var field) || field.ValueKind != JsonValueKind.String || CatalogJson.String(field, "field", source, entry).Length == 0)
            {
                throw new CatalogFormatException(source, entry, "'field' must name a record field");
            }

            string? Text(string name) => element.TryGetProperty(name, out var v) ? v.ValueKind == JsonValueKind.String ? CatalogJson.String(v, name, source, entry) : v.GetRawText() : null;
            double? Number(string name) => element.TryGetProperty(name, out var v) ? v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) ? d : throw new CatalogFormatException(source, entry, $"'{name}' must be a number, not {CatalogJson.Kind(v)}") : (double?)null;
            Regex? regex = null;
            string? pattern = Text("matches");
            if (pattern != null)
            {
                try
                {
                    regex = new Regex(pattern, RegexOptions.CultureInvariant, FieldCondition.MatchTimeout);
                }
                catch (ArgumentException ex)
                {
                    throw new CatalogFormatException(source, entry, $"'matches' is not a valid regular expression: {ex.Message}");
                }
            }

            bool? present = element.TryGetProperty("present", out var pr) ? pr.ValueKind == JsonValueKind.True ? true : pr.ValueKind == JsonValueKind.False ? false : throw new CatalogFormatException(source, entry, "'present' must be true or false") : (bool?)null;
            var condition = new FieldCondition(CatalogJson.String(field, "field", source, entry), Text("equals"), Text("notEquals"), regex, Number("atLeast"), Number("atMost"), present);
            if (condition.EqualsValue == null && condition.NotEquals == null && regex == null && condition.AtLeast == null && condition.AtMost == null && present == null)
            {
                throw new CatalogFormatException(source, entry, $"the condition on '{condition.Field}' needs equals, notEquals, matches, atLeast, atMost or present");
            }

            return condition;
        }

        private static IEnumerable<JsonElement> Array(JsonElement element, string name, string source, string entry) =>
            element.ValueKind == JsonValueKind.Array ? element.EnumerateArray().ToArray() : throw new CatalogFormatException(source, entry, $"'{name}' must be an array");
    }
}
