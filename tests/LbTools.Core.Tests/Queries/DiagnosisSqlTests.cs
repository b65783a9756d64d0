using LbTools.Core.Diagnosis;
using LbTools.Core.Diagnosis.Rules;
using LbTools.Core.Logs;
using LbTools.Core.Queries;

namespace LbTools.Core.Tests.Queries;

/// <summary>
/// The compiled diagnosis SQL: its shape per dialect (no engine here; the DuckDB equivalence run
/// against the resolver lives in LbTools.Sql.Tests).
/// </summary>
public class DiagnosisSqlTests
{
    private static DiagnosisSqlParts Compile(LbProvider provider, QueryEngine engine = QueryEngine.Athena, ProviderProfile? profile = null, IEnumerable<DeclarativeRule>? rules = null) =>
        DiagnosisSql.Compile(provider, engine, profile ?? ProviderProfile.For(provider), CauseCatalog.BuiltIn, rules);

    public static TheoryData<LbProvider, QueryEngine> Served() => new()
    {
        { LbProvider.AwsAlb, QueryEngine.Athena },
        { LbProvider.AwsClb, QueryEngine.Athena },
        { LbProvider.CloudFront, QueryEngine.Athena },
        { LbProvider.AlibabaAlb, QueryEngine.Sls },
        { LbProvider.AlibabaClb, QueryEngine.Sls },
        { LbProvider.AwsAlb, QueryEngine.DuckDb },
        { LbProvider.AwsClb, QueryEngine.DuckDb },
        { LbProvider.CloudFront, QueryEngine.DuckDb },
        { LbProvider.AlibabaAlb, QueryEngine.DuckDb },
        { LbProvider.AlibabaClb, QueryEngine.DuckDb },
    };

    [Theory]
    [MemberData(nameof(Served))]
    public void Every_served_provider_compiles_to_a_level_chain_with_balanced_parentheses(LbProvider provider, QueryEngine engine)
    {
        var parts = Compile(provider, engine);
        Assert.StartsWith("substr(", parts.Cause, StringComparison.Ordinal);
        Assert.Equal(parts.Cause.Count(c => c == '('), parts.Cause.Count(c => c == ')'));
        Assert.Equal(0, parts.Cause.Count(c => c == '\'') % 2);
        Assert.Contains("'|999.NonStandardStatus'", parts.Cause, StringComparison.Ordinal);
        Assert.Equal(engine == QueryEngine.DuckDb, parts.NeedsDiagnosis.Contains("regexp_matches(", StringComparison.Ordinal));
        Assert.Equal(engine != QueryEngine.DuckDb, parts.NeedsDiagnosis.Contains("regexp_like(", StringComparison.Ordinal));
        Assert.Contains(parts.NarrowOnly, n => n.StartsWith("probes", StringComparison.Ordinal));
        Assert.DoesNotContain(parts.NarrowOnly, n => n.StartsWith("nginx error log", StringComparison.Ordinal));
    }

    [Fact]
    public void Only_nginx_queries_name_the_error_log_as_what_would_decide()
    {
        var parts = Compile(LbProvider.Nginx, QueryEngine.DuckDb);
        Assert.Contains(parts.NarrowOnly, n => n.StartsWith("nginx error log", StringComparison.Ordinal) && n.Contains("502.BackendConnectFailed", StringComparison.Ordinal));
    }

    [Fact]
    public void Needs_diagnosis_is_the_resolvers_test()
    {
        Assert.Equal(
            "\"status\" IS NOT NULL AND (\"status\" >= 400 OR (\"status\" < 200 AND \"status\" <> 101) OR COALESCE(regexp_like(\"upstream_statuses\", '(^|[ ,:])(-|[5-9][0-9]{2}|[1-9][0-9]{3,}) *([,:]| [^ ,:])'), FALSE))",
            Compile(LbProvider.AwsAlb).NeedsDiagnosis);
    }

    [Fact]
    public void The_needs_diagnosis_expression_agrees_with_the_resolver_in_process()
    {
        int?[] statuses = { null, 0, 9, 100, 101, 103, 200, 204, 301, 399, 400, 404, 499, 502, 999 };
        int?[][] attempts = { Array.Empty<int?>(), new int?[] { 200 }, new int?[] { 502, 200 }, new int?[] { null, 200 }, new int?[] { 404, 200 }, new int?[] { 200, 502 }, new int?[] { 504, 404, 200 } };
        foreach (var status in statuses)
        {
            foreach (var list in attempts)
            {
                var record = new LbLogRecord { Provider = LbProvider.Nginx, Status = status, UpstreamStatuses = list };
                var context = new RuleContext(record, ProviderProfile.For(LbProvider.Nginx), Array.Empty<LbTools.Core.Probes.ProbeResult>(), false);
                Assert.True(StatusResolver.NeedsDiagnosis(record) == DiagnosisSql.NeedsDiagnosis.Holds(context), $"status {status}, attempts {string.Join(",", list)}");
            }
        }
    }

    [Fact]
    public void Provider_facts_are_folded_away()
    {
        // On AWS, IsProxyFamily is false: BackendAnswered is just "a target status was logged".
        var alb = Compile(LbProvider.AwsAlb).Cause;
        Assert.DoesNotContain("TRUE", alb, StringComparison.Ordinal);
        Assert.DoesNotContain("NOT FALSE", alb, StringComparison.Ordinal);
        Assert.Contains("NOT (\"upstream_status\" IS NOT NULL AND \"status\" <> 504)", alb, StringComparison.Ordinal);
    }

    [Fact]
    public void Levels_run_from_the_highest_score_down()
    {
        var cause = Compile(LbProvider.AwsAlb).Cause;
        int lambda = cause.IndexOf("'|413.LambdaRequestTooLarge'", StringComparison.Ordinal);
        int connect = cause.IndexOf("'|502.BackendConnectFailed'", StringComparison.Ordinal);
        int tls = cause.IndexOf("'|502.TlsToBackendFailed'", StringComparison.Ordinal);
        Assert.True(lambda >= 0 && connect > lambda && tls > connect, "95 before 60 before 40");
    }

    [Fact]
    public void Profile_numbers_are_literals_of_the_profile_given()
    {
        var profile = ProviderProfile.For(LbProvider.AwsAlb);
        Assert.Contains(">= CAST(NULL AS DOUBLE) - 1", Compile(LbProvider.AwsAlb, profile: profile).Cause, StringComparison.Ordinal);
        profile.IdleTimeout = TimeSpan.FromSeconds(350);
        profile.DeregistrationDelay = TimeSpan.FromSeconds(300);
        profile.HeaderLimitBytes = 9000;
        var cause = Compile(LbProvider.AwsAlb, profile: profile).Cause;
        Assert.Contains(">= 350 - 1", cause, StringComparison.Ordinal);
        Assert.Contains(">= 300 - 1", cause, StringComparison.Ordinal);
        Assert.Contains("\"bytes_received\" >= 9000", cause, StringComparison.Ordinal);
        Assert.Contains("abs((epoch(", Compile(LbProvider.AwsAlb, QueryEngine.DuckDb, profile).Cause, StringComparison.Ordinal);
    }

    [Fact]
    public void A_burst_is_a_window_function_in_the_clb_cause()
    {
        var profile = ProviderProfile.For(LbProvider.AwsClb);
        profile.BurstPerSecond = 20;
        Assert.Contains("row_number() OVER (PARTITION BY \"status\", date_trunc('second', \"time\") ORDER BY \"time\") >= 20", Compile(LbProvider.AwsClb, profile: profile).Cause, StringComparison.Ordinal);
    }

    [Fact]
    public void Vendor_columns_are_the_ones_the_rules_read()
    {
        Assert.Equal(new[] { "v_actions_executed", "v_classification_reason", "v_error_reason", "v_request_creation_time", "v_type" }, Compile(LbProvider.AwsAlb).VendorColumns);
        Assert.Equal(new[] { "v_x_edge_detailed_result_type", "v_x_edge_result_type" }, Compile(LbProvider.CloudFront).VendorColumns);
    }

    [Theory]
    [InlineData(LbProvider.AwsAlb)]
    [InlineData(LbProvider.AwsClb)]
    [InlineData(LbProvider.CloudFront)]
    [InlineData(LbProvider.AlibabaAlb)]
    public void Cause_ids_are_catalog_ids_each_named_in_the_sql(LbProvider provider)
    {
        var ids = DiagnosisSql.CauseIds(provider, CauseCatalog.BuiltIn);
        var cause = Compile(provider).Cause;
        Assert.NotEmpty(ids);
        Assert.Equal(ids.OrderBy(i => i, StringComparer.Ordinal), ids);
        foreach (var id in ids)
        {
            Assert.NotNull(CauseCatalog.BuiltIn.Find(id));
            Assert.Contains("'|" + id + "'", cause, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Alb_cause_ids_include_the_tables_and_the_relayed_statuses()
    {
        var ids = DiagnosisSql.CauseIds(LbProvider.AwsAlb, CauseCatalog.BuiltIn);
        Assert.Contains("504.BackendConnectTimeout", ids);
        Assert.Contains("502.FromBackend", ids);
        Assert.Contains("502.UpstreamAttemptFailed", ids);
        Assert.Contains("999.NonStandardStatus", ids);
        Assert.DoesNotContain("503.SurgeQueueFull", ids);
    }

    [Fact]
    public void Built_in_clauses_score_above_the_catalog_only_score()
    {
        foreach (var provider in new[] { LbProvider.AwsAlb, LbProvider.AwsClb, LbProvider.CloudFront, LbProvider.AlibabaAlb })
        {
            Assert.All(RuleTables.For(provider).SelectMany(t => t.Clauses), c => Assert.True(c.Score > StatusResolver.CatalogOnlyScore, c.CauseId));
        }
    }

    [Fact]
    public void A_user_rule_compiles_when_sql_can_say_it_and_is_listed_otherwise()
    {
        var file = RuleFile.Parse(
            "{\"rules\":["
            + "{\"name\":\"slow\",\"cause\":\"504.BackendConnectTimeout\",\"score\":99,\"when\":{\"status\":[504],\"method\":[\"get\"],\"fields\":[{\"field\":\"UpstreamResponseTime\",\"atLeast\":2.5},{\"field\":\"type\",\"matches\":\"^h2\"},{\"field\":\"ssl_cipher\",\"present\":false}]}},"
            + "{\"name\":\"look\",\"cause\":\"502.BackendConnectFailed\",\"score\":98,\"when\":{\"status\":[502],\"fields\":[{\"field\":\"user_agent\",\"matches\":\"(?<!bot)crawl\"}]}},"
            + "{\"name\":\"probe\",\"cause\":\"502.BackendConnectFailed\",\"score\":97,\"when\":{\"status\":[502],\"probe\":{\"kind\":\"Tcp\",\"reason\":\"Refused\"}}},"
            + "{\"name\":\"elsewhere\",\"cause\":\"502.BackendConnectFailed\",\"score\":96,\"when\":{\"status\":[502],\"provider\":[\"CloudFront\"]}}"
            + "]}", "x.json");
        file.Validate(CauseCatalog.BuiltIn, "x.json");
        var parts = Compile(LbProvider.AwsAlb, QueryEngine.DuckDb, rules: file.Rules);

        Assert.Contains("\"status\" IN (504) AND COALESCE(lower(COALESCE(\"method\", '')) = 'get', FALSE) AND COALESCE(\"upstream_response_time\" >= 2.5, FALSE) AND COALESCE(regexp_matches(COALESCE(\"v_type\", '-'), '^h2'), FALSE) AND COALESCE(COALESCE(\"v_ssl_cipher\", '-') = '-', FALSE)", parts.Cause, StringComparison.Ordinal);
        Assert.Contains(parts.NarrowOnly, n => n.StartsWith("rule 'look'", StringComparison.Ordinal) && n.Contains("(?<!bot)crawl", StringComparison.Ordinal));
        Assert.Contains(parts.NarrowOnly, n => n.StartsWith("rule 'probe' (it needs a probe result)", StringComparison.Ordinal));
        Assert.DoesNotContain(parts.NarrowOnly, n => n.Contains("'elsewhere'", StringComparison.Ordinal));
        Assert.DoesNotContain(parts.NarrowOnly, n => n.Contains("'slow'", StringComparison.Ordinal));
    }
}
