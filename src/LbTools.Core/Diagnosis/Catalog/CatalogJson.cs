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

            return element.TryGetProperty(nameProperty, out var name) && name.ValueKind == JsonValueKind.String ? name.GetString()! : fallback;
        }

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
