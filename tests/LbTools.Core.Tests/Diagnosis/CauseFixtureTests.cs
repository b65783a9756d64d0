using LbTools.Core.Diagnosis;

namespace LbTools.Core.Tests.Diagnosis;

/// <summary>
/// Every catalog id has evidence that makes it the single top cause and a near miss that does
/// not (the expectations and their sources are in CauseFixtureTable).
/// </summary>
public class CauseFixtureTests
{
    public static TheoryData<CauseFixture> Fixtures()
    {
        var data = new TheoryData<CauseFixture>();
        foreach (var fixture in CauseFixtureTable.All())
        {
            data.Add(fixture);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void The_evidence_makes_the_cause_the_single_top_cause(CauseFixture fixture)
    {
        var diagnosis = fixture.Hit().Resolve();
        Assert.NotNull(diagnosis);
        var top = diagnosis!.Causes[0];
        Assert.True(top.CauseId == fixture.Id, $"{fixture.Id}: expected top, got {string.Join(", ", diagnosis.Causes.Take(4).Select(c => $"{c.CauseId} {c.Score}"))}");
        Assert.True(diagnosis.Causes.Count == 1 || diagnosis.Causes[1].Score < top.Score, $"{fixture.Id} ties with {diagnosis.Causes.Skip(1).FirstOrDefault()?.CauseId}");
        Assert.NotEmpty(top.Evidence);
        Assert.StartsWith($"score {top.Score}: ", top.Rationale);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void The_near_miss_does_not_make_it_the_top_cause(CauseFixture fixture)
    {
        var diagnosis = fixture.NearMiss().Resolve();
        Assert.True(diagnosis?.TopCause != fixture.Id, $"{fixture.Id}: the near miss still ranks it first ({string.Join(", ", diagnosis?.Causes.Take(3).Select(c => $"{c.CauseId} {c.Score}") ?? Array.Empty<string>())})");
    }

    [Fact]
    public void Every_catalog_id_has_a_fixture_row()
    {
        var covered = CauseFixtureTable.All().Select(f => f.Id).ToList();
        Assert.Equal(covered.Count, covered.Distinct().Count());
        var missing = CauseCatalog.BuiltIn.Causes.Select(c => c.Id).Except(covered).ToList();
        Assert.True(missing.Count == 0, "Catalog ids without a fixture: " + string.Join(", ", missing));
    }
}
