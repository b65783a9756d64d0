using System.Xml.Linq;

namespace LbTools.PowerShell.Tests;

/// <summary>
/// module/LbTools.format.ps1xml is loaded by Import-Module (FormatsToProcess): a malformed view
/// fails the import, and a second view of the same kind for a type silently shadows the first.
/// </summary>
public class FormatFileTests
{
    private static readonly XDocument Format = XDocument.Load(Path.Combine(AppContext.BaseDirectory, "module", "LbTools.format.ps1xml"));

    private static IEnumerable<XElement> Views() => Format.Root!.Element("ViewDefinitions")!.Elements("View");

    private static string ControlKind(XElement view) =>
        view.Elements().Select(e => e.Name.LocalName).Single(n => n.EndsWith("Control", StringComparison.Ordinal));

    [Fact]
    public void View_names_are_unique()
    {
        var duplicates = Views().GroupBy(v => (string)v.Element("Name")!).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicates.Count == 0, "Duplicate view names: " + string.Join(", ", duplicates));
    }

    [Fact]
    public void Each_type_has_at_most_one_view_of_each_kind()
    {
        var shadowed = Views()
            .SelectMany(v => v.Element("ViewSelectedBy")!.Elements("TypeName").Select(t => ((string)t, ControlKind(v))))
            .GroupBy(k => k)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key.Item1} ({g.Key.Item2})")
            .ToList();
        Assert.True(shadowed.Count == 0, "Only the first of these views is ever used: " + string.Join(", ", shadowed));
    }

    [Fact]
    public void Every_table_row_has_one_item_per_header()
    {
        foreach (var view in Views())
        {
            var table = view.Element("TableControl");
            if (table == null)
            {
                continue;
            }

            int headers = table.Element("TableHeaders")!.Elements("TableColumnHeader").Count();
            foreach (var row in table.Element("TableRowEntries")!.Elements("TableRowEntry"))
            {
                Assert.Equal(headers, row.Element("TableColumnItems")!.Elements("TableColumnItem").Count());
            }
        }
    }

    [Fact]
    public void Every_selected_type_is_a_public_core_type()
    {
        var core = typeof(LbTools.Core.Logs.LbLogRecord).Assembly;
        foreach (var name in Views().SelectMany(v => v.Element("ViewSelectedBy")!.Elements("TypeName")).Select(t => (string)t))
        {
            var type = core.GetType(name);
            Assert.True(type is { IsPublic: true }, $"{name} is not a public type of LbTools.Core");
        }
    }
}
