using System.Xml.Linq;

namespace LbTools.PowerShell.Tests.InProcess;

/// <summary>
/// The table views of the laid-out LbTools.format.ps1xml as Format-Table renders them at several
/// widths: no line is wider than asked, and with room every column the view declares is there.
/// </summary>
public class FormatViewTests
{
    // What makes objects of each table view's type, from the bundled example logs.
    private static readonly Dictionary<string, string> Producers = new(StringComparer.Ordinal)
    {
        ["LbTools.Core.Logs.LbLogRecord"] = "Get-LbAccessLog -Path $logs -Recurse | Select-Object -First 5",
        ["LbTools.Core.Logs.LogFileStatistics"] = "$null = Get-LbAccessLog -Path $logs -Recurse -StatisticsVariable s; $s.Files",
        ["LbTools.Core.Diagnosis.StatusDiagnosis"] = "Get-LbAccessLog -Path $logs -Recurse | Resolve-LbStatus | Select-Object -First 5",
        ["LbTools.Core.Diagnosis.IncidentSummary"] = "Get-LbAccessLog -Path $logs -Recurse | Resolve-LbStatus -Summary",
        ["LbTools.Core.Diagnosis.CauseDescription"] = "Get-LbCause -Id '502.*'",
        ["LbTools.Core.Diagnosis.TriageStep"] = "Get-LbCause -Triage",
        ["LbTools.Core.Logs.ErrorLog.NginxErrorEvent"] = "Get-LbErrorLog -LiteralPath (Join-Path $logs '../nginx-faults/error.log')",
        ["LbTools.Core.Probes.ProbeResult"] = "$l = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0); $l.Start(); $p = $l.LocalEndpoint.Port; $l.Stop(); Test-LbBackend -Target \"127.0.0.1:$p\" -Probe Tcp -TimeoutSec 2",
    };

    public static TheoryData<string, int> TableViews()
    {
        var data = new TheoryData<string, int>();
        foreach (var view in Views())
        {
            foreach (var width in new[] { 60, 80, 120, 250 })
            {
                data.Add(view.Type, width);
            }
        }

        return data;
    }

    [Fact]
    public void Every_table_view_has_a_producer_here()
    {
        Assert.All(Views(), v => Assert.True(Producers.ContainsKey(v.Type), $"no objects for the table view of {v.Type}"));
    }

    [Theory]
    [MemberData(nameof(TableViews))]
    public void A_table_view_fits_the_width_and_shows_every_column_when_there_is_room(string type, int width)
    {
        var view = Views().First(v => v.Type == type);
        var output = LbPowerShell.Run(
            $"$objects = @({Producers[type]}); $objects.Count; $objects | Format-Table | Out-String -Width {width}",
            new Dictionary<string, object?> { ["logs"] = LbPowerShell.ExampleLogs });
        Assert.True((int)output[0].BaseObject > 0, $"no {type} objects to format");
        var lines = output[1].BaseObject.ToString()!.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
        Assert.All(lines, l => Assert.True(l.Length <= width, $"{l.Length} > {width}: {l}"));

        var header = lines[0];
        Assert.StartsWith(view.Labels[0], header.TrimStart(), StringComparison.Ordinal);
        if (width == 250)
        {
            Assert.True(view.Widths <= width, $"the view of {type} needs {view.Widths} columns");
            var position = 0;
            foreach (var label in view.Labels)
            {
                var found = header.IndexOf(label, position, StringComparison.Ordinal);
                Assert.True(found >= 0, $"column {label} is missing at width {width}: {header}");
                position = found + label.Length;
            }
        }
    }

    private sealed record TableView(string Type, IReadOnlyList<string> Labels, int Widths);

    private static IReadOnlyList<TableView> Views()
    {
        var file = XDocument.Load(Path.Combine(TestPaths.ModuleDirectory, "LbTools.format.ps1xml"));
        return file.Descendants("View")
            .Where(v => v.Element("TableControl") is not null)
            .Select(v =>
            {
                var table = v.Element("TableControl")!;
                var headers = table.Element("TableHeaders")!.Elements("TableColumnHeader").ToList();
                var items = table.Descendants("TableColumnItem").ToList();
                var labels = headers.Select((h, i) => (string?)h.Element("Label") ?? (string)items[i].Element("PropertyName")!).ToList();
                // Declared widths (the label's length where none is declared) and one space between columns.
                var widths = headers.Select((h, i) => (int?)h.Element("Width") ?? labels[i].Length).Sum() + headers.Count - 1;
                return new TableView((string)v.Element("ViewSelectedBy")!.Element("TypeName")!, labels, widths);
            })
            .GroupBy(v => v.Type)
            .Select(g => g.First())
            .ToList();
    }
}
