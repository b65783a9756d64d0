using LbTools.Core.Logs;
using LbTools.Core.Queries;

namespace LbTools.Sql.Tests;

/// <summary>Values reach the SQL only through SqlText; hostile text comes back out of a real engine unchanged.</summary>
public sealed class SqlTextTests
{
    public static TheoryData<string> Hostile => new()
    {
        "it's",
        "back\\slash",
        "'; DROP TABLE lb_records; --",
        "\\'",
        "quote\"double",
        "日本語/パス",
        "tab\there",
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void A_string_literal_reads_back_as_the_same_text_in_DuckDB(string value)
    {
        var row = Assert.Single(DuckDb.Query($"SELECT {SqlText.Literal(value)} AS v"));
        Assert.Equal(value, row["v"]);
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public void An_identifier_names_a_column_exactly(string name)
    {
        var row = Assert.Single(DuckDb.Query($"SELECT 1 AS {SqlText.Identifier(name)}"));
        Assert.Equal(name, Assert.Single(row.Keys));
    }

    [Fact]
    public void Numbers_are_DuckDB_doubles_and_integers()
    {
        Assert.Equal("5E0", SqlText.Literal(5.0));
        Assert.Equal("0.25E0", SqlText.Literal(0.25));
        Assert.Equal("-42", SqlText.Literal(-42L));
        var row = Assert.Single(DuckDb.Query($"SELECT typeof({SqlText.Literal(5.0)}) AS d, {SqlText.Literal(0.25)} * 4 AS x"));
        Assert.Equal("DOUBLE", row["d"]);
        Assert.Equal(1.0, row["x"]);
        Assert.Throws<ArgumentOutOfRangeException>(() => SqlText.Literal(double.NaN));
    }

    [Fact]
    public void A_timestamp_literal_is_the_UTC_instant()
    {
        var instant = new DateTimeOffset(2026, 11, 1, 9, 30, 15, 123, TimeSpan.FromHours(9)).AddTicks(4560);
        var row = Assert.Single(DuckDb.Query($"SELECT {SqlText.Literal(instant)} AS t"));
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 30, 15, 123, TimeSpan.Zero).AddTicks(4560), DuckDb.Time(row["t"]));
    }

    [Fact]
    public void Control_characters_are_refused_not_written()
    {
        Assert.Throws<ArgumentException>(() => SqlText.Literal("a\0b"));
        Assert.Throws<ArgumentException>(() => SqlText.Identifier("a\u001bb"));
        Assert.Throws<ArgumentException>(() => SqlText.HiveLiteral("a\u0007b"));
    }

    [Fact]
    public void Hive_literals_escape_backslash_and_quote()
    {
        // Hive string literals read \\ as one backslash and \' as one quote (Apache Hive "Literals" / string types).
        Assert.Equal(@"'s3://logs/it\'s\\x/'", SqlText.HiveLiteral(@"s3://logs/it's\x/"));
        Assert.Equal(@"'\t'", SqlText.HiveLiteral("\t"));
        Assert.Equal("`we``ird`", SqlText.HiveIdentifier("we`ird"));
    }

    [Fact]
    public void A_hostile_bucket_and_table_name_stay_inside_their_quotes_in_the_Athena_text()
    {
        var ddl = QueryWriter.Write(new QueryRequest
        {
            Engine = QueryEngine.Athena,
            Provider = LbProvider.AwsAlb,
            Kind = QueryKind.Table,
            Location = @"s3://logs/pre'fix\x",
            TableName = "db.al`b",
        }).Text;
        Assert.Contains(@"LOCATION 's3://logs/pre\'fix\\x/'", ddl, StringComparison.Ordinal);
        Assert.Contains(@"'storage.location.template' = 's3://logs/pre\'fix\\x/${day}'", ddl, StringComparison.Ordinal);
        Assert.StartsWith("CREATE EXTERNAL TABLE IF NOT EXISTS `db`.`al``b` (", ddl, StringComparison.Ordinal);

        var triage = QueryWriter.Write(new QueryRequest { Engine = QueryEngine.Athena, Provider = LbProvider.AwsAlb, TableName = "db.al\"b" }).Text;
        Assert.Contains("FROM \"db\".\"al\"\"b\"", triage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_location_that_is_no_S3_URI_is_refused_naming_the_parameter()
    {
        var error = Assert.Throws<ArgumentException>(() => QueryWriter.Write(new QueryRequest { Engine = QueryEngine.Athena, Provider = LbProvider.AwsAlb, Kind = QueryKind.Table, Location = "/tmp/logs" }));
        Assert.Contains("-Location", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_path_with_quotes_and_backslashes_is_read_by_DuckDB_as_named()
    {
        var folder = Directory.CreateTempSubdirectory("lbtools-sql-").FullName;
        try
        {
            var hostile = Directory.CreateDirectory(Path.Combine(folder, @"it's a \dir")).FullName;
            var file = Path.Combine(hostile, "prod'web.log");
            File.Copy(ExampleEquivalenceTests.Files("aws-alb").First(f => f.EndsWith(".log", StringComparison.Ordinal)), file);
            var run = TriageComparison.Run(LbProvider.AwsAlb, new[] { file });
            Assert.Equal(15, run.Report.Totals.Requests);
            Assert.Equal(run.Report.Totals.Requests, run.SqlWindow().Requests);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
