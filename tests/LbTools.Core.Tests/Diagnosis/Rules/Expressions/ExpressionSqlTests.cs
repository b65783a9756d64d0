using LbTools.Core.Diagnosis;
using LbTools.Core.Diagnosis.Rules.Expressions;
using LbTools.Core.Logs;
using LbTools.Core.Queries;

namespace LbTools.Core.Tests.Diagnosis.Rules.Expressions;

/// <summary>The SQL text expressions write per engine (shape only; the DuckDB run is in LbTools.Sql.Tests).</summary>
public class ExpressionSqlTests
{
    private static string Sql(Expr expr, QueryEngine engine = QueryEngine.Athena, LbProvider provider = LbProvider.AwsAlb, ProviderProfile? profile = null) =>
        expr.ToSql(new SqlWriter(engine, provider, profile ?? ProviderProfile.For(provider)));

    [Fact]
    public void Columns_are_quoted_and_vendor_fields_use_the_contract_names()
    {
        Assert.Equal("\"status\" = 502 AND \"v_target_port\" IS NULL", Sql(Col.Status.Eq(502) & Col.Vendor("target:port").IsNull()));
        Assert.Equal("v_alicloud_alb_trace", Col.VendorColumn("ALICLOUD-ALB-TRACE"));
        Assert.Equal("v_actions_executed", Col.VendorColumn("actions_executed"));
    }

    [Fact]
    public void Or_inside_and_is_parenthesised_and_not_wraps_its_operand()
    {
        Assert.Equal("(\"status\" = 400 OR \"status\" = 408) AND NOT (\"method\" IN ('POST', 'PUT'))", Sql((Col.Status.Eq(400) | Col.Status.Eq(408)) & !Col.Method.In("POST", "PUT")));
        Assert.Equal("COALESCE(\"method\" = 'GET', FALSE)", Sql(Col.Method.Eq("GET").IsTrue()));
    }

    [Fact]
    public void Text_literals_are_escaped()
    {
        Assert.Equal("\"method\" = 'O''Brien'", Sql(Col.Method.Eq("O'Brien")));
        Assert.Equal("lower(\"method\") = 'trace'", Sql(Col.Method.EqIgnoreCase("TRACE")));
        Assert.Equal("substr(\"error_reason\", 1, 6) = 'Lambda'", Sql(Col.ErrorReason.StartsWith("Lambda")));
        Assert.Equal("strpos(\"error_reason\", 'EpRequest') > 0", Sql(Col.ErrorReason.Contains("EpRequest")));
    }

    [Fact]
    public void Profile_numbers_are_literals_of_the_profile_given()
    {
        var profile = ProviderProfile.For(LbProvider.AwsAlb);
        profile.IdleTimeout = TimeSpan.FromSeconds(90.5);
        Assert.Equal("\"request_time\" >= 90.5E0 - 1", Sql(Col.RequestTime.Ge(Param.IdleTimeout - 1), profile: profile));
        Assert.Equal("\"bytes_received\" >= 16384", Sql(Col.BytesReceived.Ge(Param.HeaderLimitBytes)));
        Assert.Equal("\"request_time\" >= CAST(NULL AS DOUBLE)", Sql(Col.RequestTime.Ge(Param.DeregistrationDelay)));
        Assert.Equal("abs(\"request_time\" - 10) <= 1.5E0", Sql((Col.RequestTime - Param.ConnectTimeout).Abs().Le(1.5)));
    }

    [Fact]
    public void Regular_expressions_use_each_engines_function()
    {
        Assert.StartsWith("COALESCE(regexp_like(\"upstream_statuses\", ", Sql(Facts.EarlierAttemptFailed, QueryEngine.Athena));
        Assert.StartsWith("COALESCE(regexp_like(\"upstream_statuses\", ", Sql(Facts.EarlierAttemptFailed, QueryEngine.Sls, LbProvider.AlibabaAlb));
        Assert.StartsWith("COALESCE(regexp_matches(\"upstream_statuses\", ", Sql(Facts.EarlierAttemptFailed, QueryEngine.DuckDb));
    }

    [Fact]
    public void Alb_elapsed_time_per_engine()
    {
        Assert.Equal("(to_unixtime(\"time\") - to_unixtime(try(from_iso8601_timestamp(\"v_request_creation_time\"))))", Sql(Facts.AlbElapsedSeconds));
        Assert.Equal("(epoch(\"time\") - epoch(TRY_CAST(\"v_request_creation_time\" AS TIMESTAMPTZ)))", Sql(Facts.AlbElapsedSeconds, QueryEngine.DuckDb));
    }

    [Fact]
    public void Provider_facts_are_constants_of_the_compiled_provider()
    {
        Assert.Equal("\"upstream_status\" IS NOT NULL", Sql(Facts.BackendAnswered));
        Assert.Equal("\"upstream_status\" IS NOT NULL AND (\"upstream_header_time\" IS NOT NULL)", Sql(Facts.BackendAnswered, QueryEngine.DuckDb, LbProvider.Nginx));
        Assert.Equal("\"upstream_status\" IS NOT NULL", Sql(Facts.BackendAnswered, QueryEngine.Sls, LbProvider.AlibabaAlb));
        Assert.Equal("FALSE", Sql(Col.Status.Eq(502) & Facts.IsProxyFamily));
        Assert.Equal("\"status\" = 502", Sql(Col.Status.Eq(502) | Facts.IsProxyFamily));
        Assert.Equal("TRUE", Sql(Col.Status.Eq(502) | !Facts.IsProxyFamily));
    }

    [Fact]
    public void A_burst_is_a_row_number_per_status_and_second()
    {
        Assert.Equal("\"time\" IS NOT NULL AND \"status\" >= 400 AND row_number() OVER (PARTITION BY \"status\", date_trunc('second', \"time\") ORDER BY \"time\") >= 50", Sql(Facts.InBurst, provider: LbProvider.AwsClb));
    }
}
