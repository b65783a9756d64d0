using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace LbTools.Core.Diagnosis
{
    /// <summary>The incident checklist (scope, check, inspect, emergency moves, prevention), embedded as Data/triage.json in en and ja.</summary>
    public sealed class TriageChecklist
    {
        public const string BuiltInResourceName = "LbTools.Core.Diagnosis.Data.triage.json";
        private static readonly Lazy<TriageChecklist> BuiltInChecklist = new Lazy<TriageChecklist>(LoadBuiltIn);
        private readonly IReadOnlyList<Entry> _entries;

        private TriageChecklist(IReadOnlyList<Entry> entries)
        {
            _entries = entries;
        }

        public static TriageChecklist BuiltIn => BuiltInChecklist.Value;

        /// <summary>Every step in the culture's language (English when it has none).</summary>
        public IReadOnlyList<TriageStep> Steps(CultureInfo? culture) => _entries.Select(e => e.In(culture)).ToArray();

        /// <summary>Every phase's steps that matter for the origin (all steps when it is null).</summary>
        public IReadOnlyList<TriageStep> Steps(CultureInfo? culture, CauseOrigin? origin) => Steps(culture)
            .Where(s => origin == null || s.Origins.Count == 0 || s.Origins.Contains(origin.Value))
            .ToArray();

        /// <summary>The steps for an incident of this origin: scoping, the origin's checks, inspection and emergency moves.</summary>
        public IReadOnlyList<TriageStep> ForOrigin(CauseOrigin? origin, CultureInfo? culture) => Steps(culture, origin)
            .Where(s => s.Phase != TriagePhase.Prevent)
            .ToArray();

        public static TriageChecklist Parse(string json, string source)
        {
            try
            {
                using var document = JsonDocument.Parse(json);
                var entries = new List<Entry>();
                foreach (var step in document.RootElement.GetProperty("steps").EnumerateArray())
                {
                    string id = step.GetProperty("id").GetString()!;
                    var phase = (TriagePhase)Enum.Parse(typeof(TriagePhase), step.GetProperty("phase").GetString()!);
                    var origins = step.GetProperty("origins").EnumerateArray().Select(o => (CauseOrigin)Enum.Parse(typeof(CauseOrigin), o.GetString()!)).ToArray();
                    string? command = step.TryGetProperty("command", out var c) ? c.GetString() : null;
                    var texts = step.GetProperty("text").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.OrdinalIgnoreCase);
                    if (!texts.ContainsKey("en") || !texts.ContainsKey("ja"))
                    {
                        throw new CatalogFormatException(source, id, "both 'en' and 'ja' texts are required");
                    }

                    entries.Add(new Entry(id, phase, origins, command, texts, step.GetProperty("source").GetString()!));
                }

                return new TriageChecklist(entries);
            }
            catch (Exception ex) when (ex is JsonException || ex is KeyNotFoundException || ex is ArgumentException || ex is InvalidOperationException)
            {
                throw new CatalogFormatException(source, "(file)", ex.Message);
            }
        }

        private static TriageChecklist LoadBuiltIn()
        {
            using var stream = typeof(TriageChecklist).Assembly.GetManifestResourceStream(BuiltInResourceName)
                ?? throw new InvalidOperationException("The built-in triage checklist is missing from the assembly.");
            using var reader = new StreamReader(stream);
            return Parse(reader.ReadToEnd(), "built-in triage checklist");
        }

        private sealed class Entry
        {
            private readonly IReadOnlyDictionary<string, string> _texts;

            public Entry(string id, TriagePhase phase, IReadOnlyList<CauseOrigin> origins, string? command, IReadOnlyDictionary<string, string> texts, string source)
            {
                Id = id;
                Phase = phase;
                Origins = origins;
                Command = command;
                _texts = texts;
                Source = source;
            }

            public string Id { get; }

            public TriagePhase Phase { get; }

            public IReadOnlyList<CauseOrigin> Origins { get; }

            public string? Command { get; }

            public string Source { get; }

            public TriageStep In(CultureInfo? culture)
            {
                string language = (culture ?? CultureInfo.CurrentUICulture).TwoLetterISOLanguageName;
                string text = _texts.TryGetValue(language, out var t) ? t : _texts["en"];
                return new TriageStep(Id, Phase, Origins, Command, text, Source);
            }
        }
    }
}
