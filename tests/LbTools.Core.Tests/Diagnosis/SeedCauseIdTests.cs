using LbTools.Core.Diagnosis;
using LbTools.Core.Logs;
using LbTools.Core.Tests.Support;

namespace LbTools.Core.Tests.Diagnosis;

/// <summary>
/// The cause ids the project was specified with (Fixtures/reference-cause-ids.txt, in the repository)
/// are the floor: every id must exist in the built-in catalog, spelled exactly, with the same origin.
/// </summary>
public class SeedCauseIdTests
{
    [Fact]
    public void Every_reference_id_is_in_the_built_in_catalog()
    {
        var ids = ReferenceCauseIds.Load().Select(row => row.Id).ToList();

        // The reference table lists 45 ids; fewer means the file was not read whole.
        Assert.Equal(45, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        var missing = ids.Where(id => CauseCatalog.BuiltIn.Find(id) == null || CauseCatalog.BuiltIn.Find(id)!.Id != id).ToList();
        Assert.True(missing.Count == 0, "Missing or differently spelled: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_reference_id_keeps_the_origin_the_reference_gives_it()
    {
        foreach (var (id, origin) in ReferenceCauseIds.Load())
        {
            Assert.Equal(origin, CauseCatalog.BuiltIn.Get(id).Origin.ToString());
        }
    }

    [Fact]
    public void Aws_and_alibaba_463_are_different_causes()
    {
        // AWS "Troubleshoot your Application Load Balancers": 463 = X-Forwarded-For over 30 addresses;
        // Alibaba Cloud "ALB status codes": 463 = forwarding loop.
        var aws = CauseCatalog.BuiltIn.ForStatus(463, LbProvider.AwsAlb).Select(c => c.Id).ToList();
        var ali = CauseCatalog.BuiltIn.ForStatus(463, LbProvider.AlibabaAlb).Select(c => c.Id).ToList();
        Assert.Equal(new[] { "463.TooManyForwardedFor" }, aws);
        Assert.Equal(new[] { "463.ForwardingLoop" }, ali);
    }

    [Fact]
    public void Every_cause_has_concrete_japanese_checks()
    {
        Assert.All(CauseCatalog.BuiltIn.Causes, c =>
        {
            var ja = c.Texts["ja"];
            Assert.Matches(@"[\u3040-\u30ff\u4e00-\u9fff]", ja.Title);
            Assert.NotEmpty(ja.Checks);
        });
    }
}
