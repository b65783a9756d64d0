using System.Diagnostics;
using LbTools.Core.Common;
using LbTools.Core.Logs;
using LbTools.Core.Probes;

namespace LbTools.Core.Tests.Hardening;

/// <summary>Issue 14, item 11: every number the console front end is given is checked, never an overflow.</summary>
public class CommandLineValueTests
{
    [Theory]
    [InlineData("1e300")]
    [InlineData("-1")]
    [InlineData("0")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("601")]
    [InlineData("five")]
    public void Seconds_out_of_range_are_an_argument_error(string text)
    {
        var ex = Assert.Throws<ArgumentException>(() => ArgumentValues.Seconds("--timeout", text, 0.001, 600));
        Assert.StartsWith("--timeout", ex.Message);
    }

    [Fact]
    public void Seconds_in_range_are_read_in_the_invariant_culture()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(1500), ArgumentValues.Seconds("--timeout", "1.5", 0.001, 600));
        Assert.Equal(TimeSpan.FromSeconds(600), ArgumentValues.Seconds("--timeout", "6e2", 0.001, 600));
    }

    [Theory]
    [InlineData("99999999999")]
    [InlineData("0")]
    [InlineData("1.5")]
    public void Whole_numbers_out_of_range_are_an_argument_error(string text)
    {
        Assert.Throws<ArgumentException>(() => ArgumentValues.Integer("--concurrency", text, 1, 200));
    }

    [Theory]
    [InlineData("999")]
    [InlineData("1")]
    [InlineData("")]
    [InlineData("Nope")]
    public void Enum_values_must_be_names(string text)
    {
        var ex = Assert.Throws<ArgumentException>(() => ArgumentValues.EnumName<ProbeKind>("--probe", text));
        Assert.Contains("Http", ex.Message);
    }

    [Fact]
    public void Enum_names_are_read_in_any_case()
    {
        Assert.Equal(ProbeKind.Tls, ArgumentValues.EnumName<ProbeKind>("--probe", " tls "));
        Assert.Equal(LogFormat.AwsAlb, ArgumentValues.EnumName<LogFormat>("--format", "awsalb"));
    }

    [Theory]
    [InlineData("--timeout", "1e300", "out of range")]
    [InlineData("--request-timeout", "1e300", "out of range")]
    [InlineData("--concurrency", "99999999999", "out of range")]
    [InlineData("--probe", "999", "is not one of")]
    public void The_console_front_end_reports_a_bad_number_and_exits_2(string option, string value, string message)
    {
        var cli = FindRepoFile(Path.Combine("src", "LbTools.Cli", "bin", "Release", "net10.0", "lbtools.dll"));
        var start = new ProcessStartInfo("dotnet", new[] { cli, "probe", "127.0.0.1:9", option, value })
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using var process = Process.Start(start)!;
        string stderr = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(60_000));

        Assert.Equal(2, process.ExitCode);
        Assert.Contains(message, stderr);
        Assert.DoesNotContain("Unhandled exception", stderr);
    }

    private static string FindRepoFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{relative} was not found above the test folder: build the solution (dotnet build LbTools.sln -c Release) first.");
    }
}
