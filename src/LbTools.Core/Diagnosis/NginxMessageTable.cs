using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System;
using LbTools.Core.Diagnosis.Catalog;
using LbTools.Core.Logs.ErrorLog;

namespace LbTools.Core.Diagnosis
{
    /// <summary>
    /// nginx error-log messages -> cause ids, as data: the built-in table (Data/nginx-messages.json)
    /// plus the "nginxMessages" of -RulePath files. Validated when loaded: known fields, a unique
    /// name, a pattern that compiles, a cause the catalog has, a source. Every entry that matches a
    /// message names its cause; an entry of a later file adds to the built-in ones.
    /// </summary>
    public sealed class NginxMessageTable
    {
        public const string BuiltInResourceName = "LbTools.Core.Diagnosis.Data.nginx-messages.json";

        internal static readonly HashSet<string> EntryFields = new HashSet<string>(StringComparer.Ordinal) { "name", "match", "example", "cause", "source" };
        private static readonly HashSet<string> RootFields = new HashSet<string>(StringComparer.Ordinal) { "messages" };
        private static readonly Lazy<NginxMessageTable> BuiltInTable = new Lazy<NginxMessageTable>(LoadBuiltIn);
        private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(200);

        private NginxMessageTable(IReadOnlyList<NginxMessagePattern> patterns)
        {
            Patterns = patterns;
        }

        public static NginxMessageTable BuiltIn => BuiltInTable.Value;

        public IReadOnlyList<NginxMessagePattern> Patterns { get; }

        /// <summary>The entries whose pattern occurs in the message, in table order.</summary>
        public IReadOnlyList<NginxMessagePattern> Match(string message)
        {
            List<NginxMessagePattern>? found = null;
            foreach (var pattern in Patterns)
            {
                bool hit;
                try
                {
                    hit = pattern.Match.IsMatch(message);
                }
                catch (RegexMatchTimeoutException)
                {
                    hit = false;
                }

                if (hit)
                {
                    (found ??= new List<NginxMessagePattern>()).Add(pattern);
                }
            }

            return found ?? (IReadOnlyList<NginxMessagePattern>)Array.Empty<NginxMessagePattern>();
        }

        /// <summary>Sets the event's CauseIds, MessageId and MessageSource from the first matching entries.</summary>
        public void Annotate(NginxErrorEvent entry)
        {
            var matches = Match(entry.Message);
            if (matches.Count == 0)
            {
                return;
            }

            entry.CauseIds = matches.Select(m => m.CauseId).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
            entry.MessageId = matches[0].Name;
            entry.MessageSource = matches[0].Source;
        }

        /// <summary>The entries that name one of these causes (what in the error log would prove each).</summary>
        public IEnumerable<NginxMessagePattern> ForCauses(IEnumerable<string> causeIds)
        {
            var ids = new HashSet<string>(causeIds, StringComparer.OrdinalIgnoreCase);
            return Patterns.Where(p => ids.Contains(p.CauseId));
        }

        /// <summary>This table with the entries of another added; a name already present is an error.</summary>
        public NginxMessageTable Merge(IReadOnlyList<NginxMessagePattern> more, string source)
        {
            var names = new HashSet<string>(Patterns.Select(p => p.Name), StringComparer.OrdinalIgnoreCase);
            foreach (var pattern in more)
            {
                if (!names.Add(pattern.Name))
                {
                    throw new CatalogFormatException(source, pattern.Name, "this nginx message name already exists");
                }
            }

            return new NginxMessageTable(Patterns.Concat(more).ToArray());
        }

        /// <summary>Fails, naming the entry, when an entry names a cause the catalog lacks.</summary>
        public void Validate(CauseCatalog catalog)
        {
            foreach (var pattern in Patterns.Where(p => catalog.Find(p.CauseId) == null))
            {
                throw new CatalogFormatException(pattern.Origin, pattern.Name, $"the nginx message names the cause '{pattern.CauseId}', which is in no catalog");
            }
        }

        /// <summary>Reads a table file ({ "messages": [ ... ] }).</summary>
        public static NginxMessageTable Parse(string json, string source)
        {
            using (var document = CatalogJson.Parse(json, source))
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("messages", out var array))
                {
                    throw new CatalogFormatException(source, "(file)", "the file must be an object with a 'messages' array");
                }

                CatalogJson.CheckKnown(root, RootFields, source, "(file)");
                return new NginxMessageTable(ReadEntries(array, source));
            }
        }

        /// <summary>The entries of a "messages" / "nginxMessages" array.</summary>
        internal static IReadOnlyList<NginxMessagePattern> ReadEntries(JsonElement array, string source)
        {
            if (array.ValueKind != JsonValueKind.Array)
            {
                throw new CatalogFormatException(source, "nginxMessages", "the nginx messages must be an array");
            }

            var list = new List<NginxMessagePattern>();
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            int index = 0;
            foreach (var element in array.EnumerateArray())
            {
                index++;
                string entry = CatalogJson.EntryName(element, "name", $"message #{index}", source);
                CatalogJson.CheckKnown(element, EntryFields, source, entry);
                string name = Text(element, "name", source, entry);
                string match = Text(element, "match", source, entry);
                string cause = Text(element, "cause", source, entry);
                string from = Text(element, "source", source, entry);
                string example = Text(element, "example", source, entry);
                Regex regex;
                try
                {
                    regex = new Regex(match, RegexOptions.CultureInvariant, MatchTimeout);
                }
                catch (ArgumentException ex)
                {
                    throw new CatalogFormatException(source, entry, "'match' is not a valid regular expression: " + ex.Message);
                }

                if (!regex.IsMatch(example))
                {
                    throw new CatalogFormatException(source, entry, "'example' does not match its own 'match' pattern");
                }

                if (!names.Add(name))
                {
                    throw new CatalogFormatException(source, entry, "duplicate name");
                }

                list.Add(new NginxMessagePattern(name, regex, example, cause, from, source));
            }

            return list;
        }

        private static string Text(JsonElement element, string property, string source, string entry)
        {
            if (!element.TryGetProperty(property, out var value) || value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
            {
                throw new CatalogFormatException(source, entry, $"'{property}' must be a non-empty string");
            }

            return value.GetString()!;
        }

        private static NginxMessageTable LoadBuiltIn()
        {
            using var stream = typeof(NginxMessageTable).Assembly.GetManifestResourceStream(BuiltInResourceName)
                ?? throw new InvalidOperationException("The built-in nginx message table is missing from the assembly.");
            using var reader = new StreamReader(stream);
            var table = Parse(reader.ReadToEnd(), "built-in nginx messages");
            table.Validate(CauseCatalog.BuiltIn);
            return table;
        }
    }
}
