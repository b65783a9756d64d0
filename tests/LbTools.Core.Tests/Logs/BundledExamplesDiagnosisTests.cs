using System.Globalization;
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
        var errors = reader.ReadFiles(AccessLogReader.ExpandFiles(folder, recurse: true), CancellationToken.None).Where(r => r.Status >= 500).ToList();

        Assert.Contains(errors, r => r.Provider == LbProvider.CloudFront);
        Assert.Contains(errors, r => r.Provider == LbProvider.AlibabaClb);
        Assert.Contains(errors, r => r.Provider == LbProvider.Nginx);
        foreach (var record in errors)
        {
            Assert.NotNull(resolver.Resolve(record));
        }
    }
}
