namespace LbTools.PowerShell.Tests.Pester;

/// <summary>
/// The Pester suite (tests/pester/*.Tests.ps1, every file, new ones included) on PowerShell 7.6:
/// one case per Pester It, named by file and Describe/Context/It, failing with Pester's message.
/// </summary>
public class PesterSuiteTests
{
    public static TheoryData<PesterTestId> Its()
    {
        var data = new TheoryData<PesterTestId>();
        foreach (var id in PesterCatalog.Discover(TestPaths.PesterTests))
        {
            data.Add(id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Its))]
    public void It(PesterTestId pester)
    {
        var (file, test) = (pester.File, pester.Test);
        var run = PesterSuiteRun.Instance;
        Assert.True(run.Report is not null, $"The Pester run wrote no results (exit code {run.ExitCode}). Its output ends with:\n{run.Tail()}");
        var results = run.ResultsFor(new PesterTestId(file, test));
        if (results.Count == 0)
        {
            var container = run.Report!.Containers.FirstOrDefault(c => Path.GetFileName(c.File) == file);
            Assert.Fail($"Pester did not run '{test}' of {file}" +
                        (container is null ? " (the file was not run)" : $" (the file's result: {container.Result}) {container.Error}") +
                        $"\nPester's output ends with:\n{run.Tail()}");
        }

        foreach (var result in results)
        {
            Assert.True(result.Result == "Passed", $"{file}: {result.ExpandedPath} {result.Result}\n{result.Error}");
        }
    }

    [Fact]
    public void The_suite_runs_on_PowerShell_7_6_with_Pester_5_7_1_and_every_test_it_ran_has_a_case()
    {
        var run = PesterSuiteRun.Instance;
        Assert.True(run.Report is not null, $"The Pester run wrote no results (exit code {run.ExitCode}). Its output ends with:\n{run.Tail()}");
        Assert.StartsWith("7.6.", run.Report!.PowerShell, StringComparison.Ordinal);
        Assert.Equal("5.7.1", run.Report.Pester);

        var cases = PesterCatalog.Discover(TestPaths.PesterTests).ToHashSet();
        var uncovered = run.Report.Tests
            .Select(t => new PesterTestId(Path.GetFileName(t.File), string.Join(PesterTestId.Separator, t.Path)))
            .Where(id => !cases.Contains(id))
            .Distinct()
            .ToList();
        Assert.True(uncovered.Count == 0, "Pester ran tests no xUnit case stands for (an It name that is not a literal string?): " +
                                          string.Join("; ", uncovered.Select(u => $"{u.File}: {u.Test}")));
        Assert.True(cases.Count > 0 && run.Report.Tests.Count >= cases.Count, $"{run.Report.Tests.Count} Pester results for {cases.Count} Its");
        // A file that fails by itself (a parse or discovery error) has its own error; failed Its
        // are reported by their own cases above.
        var brokenFiles = run.Report.Containers.Where(c => c.Result != "Passed" && c.Error.Length > 0).ToList();
        Assert.True(brokenFiles.Count == 0, string.Join("\n", brokenFiles.Select(c => $"{c.File}: {c.Result} {c.Error}")));
    }
}
