using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System;
using LbTools.Core.Diagnosis.Catalog;
using LbTools.Core.Logs;

namespace LbTools.Core.Diagnosis
{
    /// <summary>
    /// The causes LbTools can name. The built-in list is an embedded JSON file, validated when
    /// loaded: unique ids of the form status.PascalName, known fields only, English and
    /// Japanese texts present.
    /// </summary>
    public sealed class CauseCatalog
    {
        public const string BuiltInResourceName = "LbTools.Core.Diagnosis.Data.causes.json";

        private static readonly Regex IdPattern = new Regex(@"^\d{3}\.[A-Z][A-Za-z0-9]*$", RegexOptions.CultureInvariant);
        private static readonly string[] RequiredLanguages = { "en", "ja" };
        private static readonly HashSet<string> CauseFields = new HashSet<string>(StringComparer.Ordinal) { "id", "status", "providers", "origin", "source", "text" };
        private static readonly HashSet<string> TextFields = new HashSet<string>(StringComparer.Ordinal) { "title", "explanation", "checks", "remedy" };
        private static readonly Lazy<CauseCatalog> BuiltInCatalog = new Lazy<CauseCatalog>(LoadBuiltIn);

        private readonly Dictionary<string, Cause> _byId;
        private readonly System.Collections.Concurrent.ConcurrentDictionary<(int, LbProvider), Cause[]> _byStatus = new System.Collections.Concurrent.ConcurrentDictionary<(int, LbProvider), Cause[]>();

        private CauseCatalog(IEnumerable<Cause> causes)
        {
            Causes = causes.ToArray();
            _byId = Causes.ToDictionary(c => c.Id, StringComparer.OrdinalIgnoreCase);
        }

        public static CauseCatalog BuiltIn => BuiltInCatalog.Value;

        public IReadOnlyList<Cause> Causes { get; }

        public Cause? Find(string id) => _byId.TryGetValue(id, out var cause) ? cause : null;

        public Cause Get(string id) => Find(id) ?? throw new KeyNotFoundException($"The catalog has no cause '{id}'.");

        /// <summary>The causes listed for a status and provider (cached: the catalog never changes).</summary>
        public IReadOnlyList<Cause> ForStatus(int status, LbProvider provider) =>
            _byStatus.GetOrAdd((status, provider), key => Causes.Where(c => c.StatusCodes.Contains(key.Item1) && c.AppliesTo(key.Item2)).ToArray());

        /// <summary>A catalog with the causes of <paramref name="other"/> added; an id already present is an error.</summary>
        public CauseCatalog Merge(CauseCatalog other, string otherSource)
        {
            foreach (var cause in other.Causes)
            {
                if (_byId.ContainsKey(cause.Id))
                {
                    throw new CatalogFormatException(otherSource, cause.Id, "this id already exists in the catalog");
                }
            }

            return new CauseCatalog(Causes.Concat(other.Causes));
        }

        public static CauseCatalog Parse(string json, string sourceName)
        {
            using (var document = CatalogJson.Parse(json, sourceName))
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("causes", out var array) || array.ValueKind != JsonValueKind.Array)
                {
                    throw new CatalogFormatException(sourceName, "(file)", "the file must be an object with a 'causes' array");
                }

                var causes = new List<Cause>();
                var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                int index = 0;
                foreach (var element in array.EnumerateArray())
                {
                    var cause = ReadCause(element, sourceName, index++);
                    if (!seen.Add(cause.Id))
                    {
                        throw new CatalogFormatException(sourceName, cause.Id, "duplicate id");
                    }

                    causes.Add(cause);
                }

                return new CauseCatalog(causes);
            }
        }

        public static CauseCatalog Load(string path) => Parse(File.ReadAllText(path), path);

        private static CauseCatalog LoadBuiltIn()
        {
            using var stream = typeof(CauseCatalog).Assembly.GetManifestResourceStream(BuiltInResourceName)
                ?? throw new InvalidOperationException("The built-in cause catalog is missing from the assembly.");
            using var reader = new StreamReader(stream);
            return Parse(reader.ReadToEnd(), "built-in catalog");
        }

        private static Cause ReadCause(JsonElement element, string source, int index)
        {
            string entry = CatalogJson.EntryName(element, "id", $"#{index + 1}", source);

            CatalogJson.CheckKnown(element, CauseFields, source, entry);

            string id = RequireString(element, "id", source, entry);
            if (!IdPattern.IsMatch(id))
            {
                throw new CatalogFormatException(source, entry, "the id must look like 502.PascalCaseName");
            }

            var statuses = RequireArray(element, "status", source, entry).Select(e =>
                e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var s) && s >= 0 && s <= 999
                    ? s
                    : throw new CatalogFormatException(source, entry, "'status' must hold status codes")).ToArray();
            if (statuses.Length == 0)
            {
                throw new CatalogFormatException(source, entry, "'status' must name at least one code");
            }

            var providers = RequireArray(element, "providers", source, entry).Select(e => CatalogJson.EnumName(e, "provider", source, entry, (LbProvider?)LbProvider.Unknown)).ToArray();

            RequireString(element, "origin", source, entry);
            var origin = CatalogJson.EnumName<CauseOrigin>(element.GetProperty("origin"), "origin", source, entry);

            string sourceText = RequireString(element, "source", source, entry);
            if (!element.TryGetProperty("text", out var textElement) || textElement.ValueKind != JsonValueKind.Object)
            {
                throw new CatalogFormatException(source, entry, "'text' must be an object keyed by language");
            }

            var texts = new Dictionary<string, CauseText>(StringComparer.OrdinalIgnoreCase);
            foreach (var language in textElement.EnumerateObject())
            {
                string name;
                try
                {
                    name = language.Name;
                }
                catch (InvalidOperationException)
                {
                    throw new CatalogFormatException(source, entry, "a language key holds a lone surrogate escape (\\uD800-\\uDFFF), which is no character");
                }

                texts[name] = ReadText(language.Value, source, $"{entry} ({name})");
            }

            foreach (var required in RequiredLanguages)
            {
                if (!texts.ContainsKey(required))
                {
                    throw new CatalogFormatException(source, entry, $"the '{required}' text is missing");
                }
            }

            return new Cause(id, statuses, providers, origin, sourceText, texts);
        }

        private static CauseText ReadText(JsonElement element, string source, string entry)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw new CatalogFormatException(source, entry, "a text must be an object");
            }

            CatalogJson.CheckKnown(element, TextFields, source, entry);

            var checks = RequireArray(element, "checks", source, entry).Select(e =>
                e.ValueKind == JsonValueKind.String && CatalogJson.String(e, "checks", source, entry).Trim().Length > 0
                    ? e.GetString()!
                    : throw new CatalogFormatException(source, entry, "'checks' must hold non-empty strings")).ToArray();
            if (checks.Length == 0)
            {
                throw new CatalogFormatException(source, entry, "'checks' must hold at least one step");
            }

            return new CauseText(
                RequireString(element, "title", source, entry),
                RequireString(element, "explanation", source, entry),
                checks,
                RequireString(element, "remedy", source, entry));
        }

        private static string RequireString(JsonElement element, string name, string source, string entry)
        {
            if (!element.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String || CatalogJson.String(value, name, source, entry).Trim().Length == 0)
            {
                throw new CatalogFormatException(source, entry, $"'{name}' must be a non-empty string");
            }

            return value.GetString()!;
        }

        private static IEnumerable<JsonElement> RequireArray(JsonElement element, string name, string source, string entry)
        {
            if (!element.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Array)
            {
                throw new CatalogFormatException(source, entry, $"'{name}' must be an array");
            }

            return value.EnumerateArray().ToArray();
        }
    }
}
