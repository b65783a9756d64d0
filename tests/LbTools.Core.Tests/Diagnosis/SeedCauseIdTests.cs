using System.Text.RegularExpressions;
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
        string path = SharedReference.Find("cause-catalog.md");
        var ids = File.ReadLines(path)
            .Select(line => Regex.Match(line, @"^\|\s*(\d{3}\.[A-Za-z0-9]+)\s*\|"))
            .Where(m => m.Success)
            .Select(m => m.Groups[1].Value)
            .ToList();

        // The reference table lists 45 ids (cause-catalog.md); fewer means the table was not read.
        Assert.True(ids.Count >= 45, $"Only {ids.Count} ids read from {path}");
        var missing = ids.Where(id => CauseCatalog.BuiltIn.Find(id) == null || CauseCatalog.BuiltIn.Find(id)!.Id != id).ToList();
        Assert.True(missing.Count == 0, "Missing or differently spelled: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_reference_id_keeps_the_origin_the_reference_gives_it()
    {
        string path = SharedReference.Find("cause-catalog.md");
        foreach (var line in File.ReadLines(path))
        {
            var m = Regex.Match(line, @"^\|\s*(\d{3}\.[A-Za-z0-9]+)\s*\|\s*([A-Za-z]+)\s*\|");
            if (m.Success)
            {
                Assert.Equal(m.Groups[2].Value, CauseCatalog.BuiltIn.Get(m.Groups[1].Value).Origin.ToString());
            }
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
            Assert.Matches(@"(seed \d{3}|log-formats-and-status-codes\.md §\d|AWS 502 article)", c.Source);
            var ja = c.Texts["ja"];
            Assert.Matches(@"[\u3040-\u30ff\u4e00-\u9fff]", ja.Title);
            Assert.NotEmpty(ja.Checks);
        });
    }
}
