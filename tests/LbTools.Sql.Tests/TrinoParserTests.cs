using System.Diagnostics;
using LbTools.Core.Logs;
using LbTools.Core.Queries;

namespace LbTools.Sql.Tests;

/// <summary>
/// The Athena and SLS query text is parsed by node-sql-parser 5.4.0 with its Trino grammar
/// (.ci/run installs node and the package into out/node-sql-parser). Its grammar has no
/// CREATE EXTERNAL TABLE, so the DDL is checked by the DuckDB run of the same regular expression.
/// </summary>
public sealed class TrinoParserTests
{
    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LbTools.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("LbTools.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Parses with node-sql-parser; returns "OK ..." or "ERR ...".</summary>
    private static string Parse(string sql, string database)
    {
        string package = Path.Combine(RepositoryRoot(), "out", "node-sql-parser", "node_modules", "node-sql-parser");
        Assert.True(Directory.Exists(package), $"node-sql-parser is not installed at {package}: run 'npm install --prefix out/node-sql-parser node-sql-parser@5.4.0' (.ci/run does).");
        string file = Path.GetTempFileName();
        File.WriteAllText(file, sql);
        try
        {
            const string script = "const { Parser } = require(process.argv[1]); const sql = require('fs').readFileSync(process.argv[2], 'utf8');" +
                "try { new Parser().astify(sql, { database: process.argv[3] }); console.log('OK'); }" +
                "catch (e) { console.log('ERR ' + (e.location ? JSON.stringify(e.location.start) + ' ' + sql.substr(Math.max(0, e.location.start.offset - 60), 100) : e.message)); }";
            var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { "-e", script, package, file, database })
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            string output = process.StandardOutput.ReadToEnd();
            string error = process.StandardError.ReadToEnd();
            Assert.True(process.WaitForExit(60_000), "node did not finish in a minute");
            Assert.True(process.ExitCode == 0, "node failed: " + error);
            return output.Trim();
        }
        finally
        {
            File.Delete(file);
        }
    }

    public static TheoryData<QueryEngine, LbProvider> Queries => new()
    {
        { QueryEngine.Athena, LbProvider.AwsAlb },
        { QueryEngine.Athena, LbProvider.AwsClb },
        { QueryEngine.Athena, LbProvider.CloudFront },
        { QueryEngine.Sls, LbProvider.AlibabaAlb },
        { QueryEngine.Sls, LbProvider.AlibabaClb },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public void The_triage_query_parses_as_Trino(QueryEngine engine, LbProvider provider)
    {
        var query = QueryWriter.Write(new QueryRequest
        {
            Engine = engine,
            Provider = provider,
            Since = new DateTimeOffset(2026, 11, 21, 3, 0, 0, TimeSpan.Zero),
            Until = new DateTimeOffset(2026, 11, 21, 4, 0, 0, TimeSpan.Zero),
            Statuses = new[] { 502, 504 },
            TableName = "logs.it's",
        });

        // SLS puts a search before the SQL ("* | SELECT ..."): the parser reads the SQL part.
        string sql = engine == QueryEngine.Sls ? query.Text.Substring(query.Text.IndexOf("| ", StringComparison.Ordinal) + 2) : query.Text;
        Assert.Equal("OK", Parse(WithoutPartitionExpressions(sql), "trino"));
    }

    /// <summary>
    /// The grammar's one known gap: it takes only column names in PARTITION BY, where Trino takes
    /// any expression (Trino "Window functions"); the burst test partitions by the second of the
    /// time. That expression is read as a column name; everything else is parsed as written.
    /// (Its athena grammar has the opposite gap: no TRY_CAST.)
    /// </summary>
    private static string WithoutPartitionExpressions(string sql) =>
        sql.Replace("PARTITION BY \"status\", date_trunc('second', \"time\")", "PARTITION BY \"status\", \"time_second\"", StringComparison.Ordinal);

    [Fact]
    public void Only_the_partition_expression_is_rewritten_for_the_grammar()
    {
        var query = QueryWriter.Write(new QueryRequest { Engine = QueryEngine.Athena, Provider = LbProvider.AwsClb });
        Assert.StartsWith("ERR", Parse(query.Text, "trino"), StringComparison.Ordinal);
        string rewritten = WithoutPartitionExpressions(query.Text);
        Assert.NotEqual(query.Text, rewritten);
        Assert.Equal(query.Text.Length - "date_trunc('second', \"time\")".Length + "\"time_second\"".Length, rewritten.Length);
        Assert.Equal("OK", Parse(rewritten, "trino"));
    }

    [Theory]
    [InlineData(QueryEngine.Athena, LbProvider.AwsAlb)]
    [InlineData(QueryEngine.DuckDb, LbProvider.AlibabaAlb)]
    public void The_triage_query_says_in_comments_what_it_can_only_narrow_down(QueryEngine engine, LbProvider provider)
    {
        var query = QueryWriter.Write(new QueryRequest { Engine = engine, Provider = provider, Paths = engine == QueryEngine.DuckDb ? ExampleEquivalenceTests.Files("alibaba-alb") : Array.Empty<string>() });
        var head = query.Text.Split('\n').TakeWhile(l => l.StartsWith("--", StringComparison.Ordinal)).ToArray();

        Assert.Equal(query.NarrowOnly.Select(n => "-- Narrow only, " + n), head);
        Assert.Contains(head, l => l.Contains("probes", StringComparison.Ordinal) && l.Contains("502.BackendConnectFailed", StringComparison.Ordinal));
        if (engine == QueryEngine.Athena)
        {
            Assert.Equal("OK", Parse(WithoutPartitionExpressions(query.Text), "trino"));
        }
    }

    [Fact]
    public void The_SLS_preview_parses_as_Trino()
    {
        var query = QueryWriter.Write(new QueryRequest { Engine = QueryEngine.Sls, Provider = LbProvider.AlibabaAlb, Kind = QueryKind.Table });
        Assert.StartsWith("* | ", query.Text, StringComparison.Ordinal);
        Assert.Equal("OK", Parse(query.Text.Substring(4), "trino"));
    }

    [Fact]
    public void The_parser_rejects_what_Trino_rejects()
    {
        // The check can fail: an unclosed quote and a missing FROM target are errors.
        Assert.StartsWith("ERR", Parse("SELECT 'unclosed FROM t", "trino"), StringComparison.Ordinal);
        Assert.StartsWith("ERR", Parse("SELECT a FROM WHERE b = 1", "trino"), StringComparison.Ordinal);
    }
}
