using System.Collections.Generic;
using System.Text.Json;

namespace LbTools.Core.Diagnosis.Catalog
{
    /// <summary>What the catalog and rule-file readers share: lenient JSON parsing and the unknown-field check, both failing with CatalogFormatException.</summary>
    internal static class CatalogJson
    {
        public static JsonDocument Parse(string json, string source)
        {
            try
            {
                return JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            }
            catch (JsonException ex)
            {
                throw new CatalogFormatException(source, "(file)", $"not valid JSON (line {ex.LineNumber + 1}): {ex.Message}");
            }
        }

        /// <summary>The entry's own name (its id or name field) for messages; the entry must be an object.</summary>
        public static string EntryName(JsonElement element, string nameProperty, string fallback, string source)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw new CatalogFormatException(source, fallback, "must be an object");
            }

            if (!element.TryGetProperty(nameProperty, out var name) || name.ValueKind != JsonValueKind.String)
            {
                return fallback;
            }

            try
            {
                return name.GetString()!;
            }
            catch (System.InvalidOperationException)
            {
                throw new CatalogFormatException(source, fallback, $"'{nameProperty}' holds a lone surrogate escape (\\uD800-\\uDFFF), which is no character");
            }
        }

        /// <summary>
        /// An enum member named by a JSON string. Numbers (999 or "999") are refused: Enum.TryParse
        /// takes them as values no member has.
        /// </summary>
        public static T EnumName<T>(JsonElement element, string what, string source, string entry, T? excluded = null)
            where T : struct, System.Enum
        {
            string known = string.Join(", ", System.Linq.Enumerable.Where(System.Enum.GetNames(typeof(T)), n => excluded == null || n != excluded.Value.ToString()));
            if (element.ValueKind != JsonValueKind.String)
            {
                throw new CatalogFormatException(source, entry, $"'{what}' must be a name as a string, not {Kind(element)} (known: {known})");
            }

            string text = String(element, what, source, entry);
            if (text.Length == 0 || !char.IsLetter(text[0]) || !System.Enum.TryParse(text, false, out T value) || !System.Enum.IsDefined(typeof(T), value)
                || (excluded != null && value.Equals(excluded.Value)))
            {
                throw new CatalogFormatException(source, entry, $"unknown {what} '{text}' (known: {known})");
            }

            return value;
        }

        /// <summary>A JSON string's text; a lone surrogate escape ("\ud800"), which no .NET string can hold as text, is an error naming the entry.</summary>
        public static string String(JsonElement element, string what, string source, string entry)
        {
            if (element.ValueKind != JsonValueKind.String)
            {
                throw new CatalogFormatException(source, entry, $"'{what}' must be a string, not {Kind(element)}");
            }

            try
            {
                return element.GetString()!;
            }
            catch (System.InvalidOperationException)
            {
                throw new CatalogFormatException(source, entry, $"'{what}' holds a lone surrogate escape (\\uD800-\\uDFFF), which is no character");
            }
        }

        /// <summary>"a number", "an object"... for messages.</summary>
        public static string Kind(JsonElement element) => element.ValueKind switch
        {
            JsonValueKind.Number => "a number",
            JsonValueKind.String => "a string",
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Null => "null",
            _ => "nothing",
        };

        public static void CheckKnown(JsonElement element, ICollection<string> known, string source, string entry)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (!known.Contains(property.Name))
                {
                    throw new CatalogFormatException(source, entry, $"unknown field '{property.Name}' (known: {string.Join(", ", known)})");
                }
            }
        }
    }
}
