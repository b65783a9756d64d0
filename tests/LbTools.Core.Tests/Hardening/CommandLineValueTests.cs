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
}
