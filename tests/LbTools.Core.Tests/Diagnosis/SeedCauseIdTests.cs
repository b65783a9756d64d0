using LbTools.Core.Diagnosis;
using LbTools.Core.Logs;
using LbTools.Core.Tests.Support;

namespace LbTools.Core.Tests.Diagnosis;

/// <summary>The id list in shared/reference/cause-catalog.md is the floor: every id must exist exactly.</summary>
public class SeedCauseIdTests
{
    [Fact]
    public void Every_id_of_the_reference_cause_catalog_is_in_the_built_in_catalog()
    {
        var ids = ReferenceCauseIds.Load(out var path).Select(row => row.Id).ToList();

        // The reference table lists 45 ids (cause-catalog.md); fewer means the table was not read.
        Assert.True(ids.Count >= 45, $"Only {ids.Count} ids read from {path}");
        var missing = ids.Where(id => CauseCatalog.BuiltIn.Find(id) == null || CauseCatalog.BuiltIn.Find(id)!.Id != id).ToList();
        Assert.True(missing.Count == 0, "Missing or differently spelled: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_reference_id_keeps_the_origin_the_reference_gives_it()
    {
        foreach (var (id, origin) in ReferenceCauseIds.Load(out _))
        {
            Assert.Equal(origin, CauseCatalog.BuiltIn.Get(id).Origin.ToString());
        }
    }

    [Fact]
    public void The_committed_snapshot_matches_the_live_reference_when_it_is_present()
    {
        var snapshot = ReferenceCauseIds.FromSnapshot(ReferenceCauseIds.SnapshotPath);
        Assert.Equal(45, snapshot.Count);
        var live = SharedReference.TryFind("cause-catalog.md");
        if (live != null)
        {
            Assert.Equal(ReferenceCauseIds.FromMarkdown(live), snapshot);
        }
    }

    [Fact]
    public void Aws_and_alibaba_463_are_different_causes()
    {
        // log-formats-and-status-codes.md §2.1: AWS 463 = X-Forwarded-For over 30 addresses, Alibaba 463 = forwarding loop.
        var aws = CauseCatalog.BuiltIn.ForStatus(463, LbProvider.AwsAlb).Select(c => c.Id).ToList();
        var ali = CauseCatalog.BuiltIn.ForStatus(463, LbProvider.AlibabaAlb).Select(c => c.Id).ToList();
        Assert.Equal(new[] { "463.TooManyForwardedFor" }, aws);
        Assert.Equal(new[] { "463.ForwardingLoop" }, ali);
    }

    [Fact]
    public void Every_cause_names_a_source_document_and_has_concrete_japanese_checks()
    {
        Assert.All(CauseCatalog.BuiltIn.Causes, c =>
        {
            // Causes added from issue 16 on cite public documents only: nginx's source files, nginx.org, RFCs.
            Assert.Matches(@"(seed \d{3}|log-formats-and-status-codes\.md §\d|AWS 502 article|nginx source src/[a-z_/]+\.c|RFC \d{4})", c.Source);
            var ja = c.Texts["ja"];
            Assert.Matches(@"[\u3040-\u30ff\u4e00-\u9fff]", ja.Title);
            Assert.NotEmpty(ja.Checks);
        });
    }
}
