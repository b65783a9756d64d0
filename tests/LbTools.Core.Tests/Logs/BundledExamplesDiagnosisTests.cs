using System.Globalization;
using LbTools.Core.Common;
using LbTools.Core.Diagnosis;
using LbTools.Core.Logs;
using LbTools.Core.Tests.Support;

namespace LbTools.Core.Tests.Logs;

/// <summary>Records of every provider go through the diagnosis the way the Pester pipeline sends them.</summary>
public class BundledExamplesDiagnosisTests
{
    [Fact]
    public void Every_bundled_error_record_of_every_provider_gets_a_diagnosis()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "examples");
        var reader = new AccessLogReader(new AccessLogReadOptions(), new CollectingSink());
        var resolver = new StatusResolver(CauseCatalog.BuiltIn, CultureInfo.GetCultureInfo("en"));
        var errors = reader.ReadFiles(AccessLogReader.ExpandFiles(folder, recurse: true, NullOperationSink.Instance), CancellationToken.None).Where(r => r.Status >= 500).ToList();

        Assert.Contains(errors, r => r.Provider == LbProvider.CloudFront);
        Assert.Contains(errors, r => r.Provider == LbProvider.AlibabaClb);
        Assert.Contains(errors, r => r.Provider == LbProvider.Nginx);
        foreach (var record in errors)
        {
            Assert.NotNull(resolver.Resolve(record));
        }
    }

    [Fact]
    public void The_bundled_alb_node_log_reads_as_its_15_lines_without_a_rejection()
    {
        // The Pester tests read this file through -Path, Resolve-Path, a PSPath and Get-Content and expect these counts.
        var path = Path.Combine(AppContext.BaseDirectory, "examples", "aws-alb", "prod-web_node-a.log");
        var sink = new CollectingSink();
        var reader = new AccessLogReader(new AccessLogReadOptions(), sink);

        var records = reader.ReadFiles(new[] { path }, CancellationToken.None).ToList();

        Assert.Equal(File.ReadAllLines(path).Length, records.Count);
        Assert.Equal(15, records.Count);
        Assert.Empty(sink.Errors);
        Assert.All(records, r => Assert.Equal(LbProvider.AwsAlb, r.Provider));
    }
}
