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
        Assert.Equal("OK", Parse(sql, "trino"));
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
