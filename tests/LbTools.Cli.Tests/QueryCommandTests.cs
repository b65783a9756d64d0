namespace LbTools.Cli.Tests;

/// <summary>lbtools query: the SQL on standard output, notes and parameters on standard error, bad input exits 2.</summary>
public class QueryCommandTests
{
    [Fact]
    public void The_DuckDB_triage_query_goes_to_standard_output()
    {
        var file = Path.Combine(LbToolsProcess.ExamplesFolder, "aws-clb", "*.log");
        var run = LbToolsProcess.Run("query", "DuckDb", "AwsClb", file, "--interval", "2m", "--status", "502,504");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.StartsWith("-- Narrow only, probes", run.Out, StringComparison.Ordinal);
        Assert.StartsWith("WITH raw AS (", string.Concat(run.Out.Split('\n').SkipWhile(l => l.StartsWith("--", StringComparison.Ordinal)).Select(l => l + "\n")), StringComparison.Ordinal);
        Assert.Contains($"read_csv(['{Path.GetFullPath(file)}']", run.Out, StringComparison.Ordinal);
        Assert.Contains("status IN (502, 504)", run.Out, StringComparison.Ordinal);
        Assert.Contains("interval_seconds = 120", run.Error, StringComparison.Ordinal);
        Assert.Contains("note: ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_Athena_table_names_the_location()
    {
        var run = LbToolsProcess.Run("query", "Athena", "CloudFront", "--kind", "Table", "--location", "s3://cf-logs/E123/");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.StartsWith("CREATE EXTERNAL TABLE IF NOT EXISTS `cloudfront_standard_logs`", run.Out, StringComparison.Ordinal);
        Assert.Contains("LOCATION 's3://cf-logs/E123/'", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Athena", "AlibabaClb", "Simple Log Service")]
    [InlineData("Oracle", "AwsAlb", "ENGINE")]
    [InlineData("Sls", "Nginx", "AwsAlb, AwsClb, CloudFront, AlibabaAlb and AlibabaClb")]
    public void A_request_that_cannot_be_written_exits_2_naming_why(string engine, string provider, string message)
    {
        var run = LbToolsProcess.Run("query", engine, provider);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Out);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }
}
