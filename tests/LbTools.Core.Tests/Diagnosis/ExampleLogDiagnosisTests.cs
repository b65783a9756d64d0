using System.Globalization;
using LbTools.Core.Common;
using LbTools.Core.Diagnosis;
using LbTools.Core.Logs.Parsing;
using LbTools.Core.Logs;
using LbTools.Core.Tests.Support;

namespace LbTools.Core.Tests.Diagnosis;

/// <summary>The bundled example logs through reader, resolver and summarizer — what the Pester tests and the CLI run.</summary>
public class ExampleLogDiagnosisTests
{
    private static List<LbLogRecord> ExampleRecords()
    {
        var reader = new AccessLogReader(new AccessLogReadOptions { Format = LogFormat.Auto }, new CollectingSink());
        var files = AccessLogReader.ExpandFiles(Path.Combine(AppContext.BaseDirectory, "examples"), recurse: true, NullOperationSink.Instance).ToList();
        return reader.ReadFiles(files, CancellationToken.None).ToList();
    }

    [Fact]
    public void A_longer_idle_timeout_weakens_the_response_timeout_of_a_60_second_wait()
    {
        // AWS ALB §2, 504: "the target did not respond before the idle timeout period elapsed" (60 s by default).
        var records = ExampleRecords();
        var byDefault = new StatusResolver(CauseCatalog.BuiltIn, CultureInfo.GetCultureInfo("en"));
        var longer = new StatusResolver(CauseCatalog.BuiltIn, CultureInfo.GetCultureInfo("en"), new DiagnosisSettings { IdleTimeout = TimeSpan.FromSeconds(600) }, null);
        var atIdle = records.Where(r => r.Provider == LbProvider.AwsAlb).Select(r => byDefault.Resolve(r)).Where(d => d?.TopCause == "504.BackendResponseTimeout").ToList();
        Assert.NotEmpty(atIdle);
        Assert.All(atIdle, d => Assert.Equal(85, d!.Causes[0].Score));
        Assert.All(atIdle, d => Assert.True(longer.Resolve(d!.Record!)!.Causes.Single(c => c.CauseId == "504.BackendResponseTimeout").Score < 85));
    }

    [Fact]
    public void Summaries_account_for_every_diagnosed_example_record()
    {
        var resolver = new StatusResolver(CauseCatalog.BuiltIn, CultureInfo.GetCultureInfo("en"));
        var summarizer = new IncidentSummarizer(CultureInfo.GetCultureInfo("en"));
        int diagnosed = 0;
        foreach (var record in ExampleRecords())
        {
            var d = resolver.Resolve(record);
            if (d != null)
            {
                diagnosed++;
                summarizer.Add(d);
            }
        }

        var incidents = summarizer.Summaries();
        Assert.Equal(diagnosed, incidents.Sum(i => i.Count));
        Assert.Equal(1.0, incidents.Sum(i => i.Share), 6);
        Assert.All(incidents, i => Assert.NotEmpty(i.NextSteps));
    }

    [Fact]
    public void A_combined_format_502_names_no_backend_cause_it_cannot_see()
    {
        // nginx 'combined' logs no $upstream_* variable, so a missing upstream_addr is not evidence that
        // "no server of the group could be selected" (nginx upstream module docs, $upstream_addr).
        var resolver = new StatusResolver(CauseCatalog.BuiltIn, CultureInfo.GetCultureInfo("en"));
        var combined502 = ExampleRecords().Single(r => r.SourceFile!.EndsWith("access-combined.log", StringComparison.Ordinal) && r.Status == 502);
        var diagnosis = resolver.Resolve(combined502)!;
        Assert.All(diagnosis.Causes, c => Assert.True(c.Score <= 10, $"{c.CauseId} scored {c.Score} without upstream fields"));
        Assert.NotEmpty(diagnosis.Causes);
        Assert.Null(diagnosis.TopCause); // no evidence: the catalog's list stays, but nothing is named top

        // Near miss: the upstream preset logs upstream_addr "-" for real, and there the rule may speak.
        var parser = LogFormatDetector.CreateParser(LogFormat.Nginx, new AccessLogReadOptions { NginxLogFormat = "upstream" });
        var line = "203.0.113.7 - - [01/Jun/2024:10:00:00 +0200] \"GET /api HTTP/1.1\" 502 157 \"-\" \"curl/8.5.0\" rt=0.000 uct=\"-\" uht=\"-\" urt=\"-\" us=\"-\" ua=\"-\"";
        var withUpstreamColumns = parser.Parse(line).Record!;
        Assert.Equal("502.AllBackendsUnhealthy", resolver.Resolve(withUpstreamColumns)!.TopCause);
    }
}
