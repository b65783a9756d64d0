using System.Collections;
using System.Globalization;
using System.Reflection;
using LbTools.Core.Logs.Parsing;
using LbTools.Core.Logs;

namespace LbTools.Core.Tests.Support;

/// <summary>
/// Every observable part of a parse outcome as text, for tests that compare two routes to the
/// same records: every public property (lists and dictionaries item by item, null apart from
/// empty), vendor-field lookups, or the rejection and its detail (or the exception). With
/// <c>reverse</c> the properties are read in the opposite order (the text is the same), so a
/// lazily decoded group that depends on another being read first shows up as a difference.
/// </summary>
internal static class RecordSnapshot
{
    private static readonly PropertyInfo[] Properties = typeof(LbLogRecord)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.GetIndexParameters().Length == 0)
        .OrderBy(p => p.Name, StringComparer.Ordinal)
        .ToArray();

    public static string Of(Func<ParseOutcome> parse, bool reverse = false)
    {
        ParseOutcome outcome;
        try
        {
            outcome = parse();
        }
        catch (Exception ex)
        {
            return "throws " + ex.GetType().Name + ": " + ex.Message;
        }

        return outcome.IsRecord ? Describe(outcome.Record!, reverse) : $"reject {outcome.Reason} {outcome.Detail} skipped={outcome.IsSkipped}";
    }

    /// <summary>The record as text; <paramref name="skipSource"/> leaves out SourceFile and LineNumber (records of a file against lines parsed alone).</summary>
    public static string Describe(LbLogRecord record, bool reverse = false, bool skipSource = false)
    {
        var values = new string?[Properties.Length + 1];
        for (int k = 0; k < values.Length; k++)
        {
            int at = reverse ? values.Length - 1 - k : k;
            if (at == Properties.Length)
            {
                values[at] = $"lookup={Text(record["status"])}|{Text(record["STATUS"])}|{Text(record["nope"])}";
            }
            else if (!(skipSource && Properties[at].Name is "SourceFile" or "LineNumber"))
            {
                values[at] = Properties[at].Name + "=" + Text(Properties[at].GetValue(record));
            }
        }

        return string.Join("\n", values.Where(v => v != null));
    }

    private static string Text(object? value) => value switch
    {
        null => "<null>",
        string s => "\"" + s + "\"",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToString("O", CultureInfo.InvariantCulture),
        IReadOnlyDictionary<string, string?> f => "{" + string.Join(";", f.Select(kv => Text(kv.Key) + ":" + Text(kv.Value))) + "}#" + f.Count,
        IEnumerable e => "[" + string.Join(",", e.Cast<object?>().Select(Text)) + "]",
        IFormattable x => x.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "<null>",
    };
}
