using LbTools.Core.Diagnosis;
using LbTools.Core.Diagnosis.Rules;
using LbTools.Core.Diagnosis.Rules.Expressions;
using LbTools.Core.Logs;
using LbTools.Core.Probes;
using LbTools.Core.Queries;

namespace LbTools.Core.Tests.Diagnosis.Rules.Expressions;

/// <summary>
/// The condition-expression model against hand-built records: every value below is worked out by
/// hand from the record, following SQL's three-valued logic (null compares to nothing).
/// </summary>
public class ExpressionTests
{
    private static RuleContext Context(LbLogRecord record, ProviderProfile? profile = null, bool inBurst = false) =>
        new(record, profile ?? ProviderProfile.For(record.Provider), Array.Empty<ProbeResult>(), inBurst);

    private static RuleContext Alb(int? status = 502, int? upstreamStatus = null, string? upstream = null, Dictionary<string, string?>? fields = null, DateTimeOffset? time = null) =>
        Context(new LbLogRecord { Provider = LbProvider.AwsAlb, Status = status, UpstreamStatus = upstreamStatus, Upstream = upstream, Fields = fields ?? new Dictionary<string, string?>(), Time = time });

    // A condition that is null for the record: UpstreamStatus is not logged.
    private static readonly BoolExpr Unknown = Col.UpstreamStatus.Eq(200);

    [Fact]
    public void A_comparison_with_a_missing_value_is_null_not_false()
    {
        var c = Alb(upstreamStatus: null);
        Assert.Null(Col.UpstreamStatus.Eq(502).Evaluate(c));
        Assert.Null(Col.UpstreamStatus.Ne(502).Evaluate(c));
        Assert.Null((!Col.UpstreamStatus.Eq(502)).Evaluate(c));
        Assert.False(Col.UpstreamStatus.Eq(502).Holds(c));
        Assert.False((!Col.UpstreamStatus.Eq(502)).Holds(c));
        Assert.True(Col.UpstreamStatus.IsNull().Holds(c));
    }

    [Theory]
    [InlineData("T", "T", true, true)]
    [InlineData("T", "F", false, true)]
    [InlineData("T", "N", null, true)]
    [InlineData("F", "N", false, null)]
    [InlineData("N", "F", false, null)]
    [InlineData("N", "N", null, null)]
    [InlineData("F", "F", false, false)]
    [InlineData("N", "T", null, true)]
    public void And_and_or_follow_sql_three_valued_logic(string left, string right, bool? and, bool? or)
    {
        var c = Alb();
        Assert.Equal(and, (Of(left) & Of(right)).Evaluate(c));
        Assert.Equal(or, (Of(left) | Of(right)).Evaluate(c));
    }

    private static BoolExpr Of(string value) => value switch { "T" => BoolExpr.True, "F" => BoolExpr.False, _ => Unknown };

    [Fact]
    public void IsTrue_turns_null_into_false_so_its_negation_is_the_otherwise_branch()
    {
        var c = Alb();
        Assert.Equal(false, Unknown.IsTrue().Evaluate(c));
        Assert.Equal(true, (!Unknown.IsTrue()).Evaluate(c));
        Assert.Null((!Unknown).Evaluate(c));
    }

    [Fact]
    public void Arithmetic_and_abs_propagate_null_and_compute_otherwise()
    {
        var c = Alb(status: 504, upstreamStatus: 200);
        Assert.Equal(304, (Col.Status - Col.UpstreamStatus).Evaluate(c));
        Assert.Equal(304, (Col.UpstreamStatus - Col.Status).Abs().Evaluate(c));
        Assert.Equal(704, (Col.Status + 200).Evaluate(c));
        Assert.Null((Col.Status - Col.BytesReceived).Evaluate(c));
        Assert.Equal(7, Col.BytesReceived.OrElse(7).Evaluate(c));
        Assert.Equal(true, Col.Status.In(502, 504).Evaluate(c));
        Assert.Null(Col.BytesReceived.In(1).Evaluate(c));
    }

    [Fact]
    public void Vendor_fields_ignore_case_and_read_dash_and_empty_as_missing()
    {
        var c = Alb(fields: new Dictionary<string, string?> { ["Type"] = "H2", ["error_reason"] = "-", ["classification_reason"] = string.Empty });
        Assert.Equal("H2", Col.Vendor("type").Evaluate(c));
        Assert.Equal(true, Col.Vendor("type").EqIgnoreCase("h2").Evaluate(c));
        Assert.Equal(false, Col.Vendor("type").Eq("h2").Evaluate(c));
        Assert.True(Col.Vendor("error_reason").IsNull().Holds(c));
        Assert.True(Col.Vendor("classification_reason").IsNull().Holds(c));
        Assert.True(Col.Vendor("not_logged").IsNull().Holds(c));
    }

    [Fact]
    public void String_tests_and_comma_list_helpers()
    {
        var c = Alb(fields: new Dictionary<string, string?> { ["actions_executed"] = "authenticate, forward,waf", ["error_reason"] = "AuthInvalidIdToken" });
        var actions = Col.Vendor("actions_executed");
        Assert.Equal("waf", actions.LastItem().Evaluate(c));
        Assert.Equal(3, actions.ItemCount().Evaluate(c));
        Assert.Equal(25, actions.Length().Evaluate(c));
        Assert.Equal(true, Col.Vendor("error_reason").StartsWith("Auth").Evaluate(c));
        Assert.Equal(false, Col.Vendor("error_reason").StartsWith("auth").Evaluate(c));
        Assert.Equal(true, Col.Vendor("error_reason").Contains("IdToken").Evaluate(c));
        Assert.Equal(true, Col.Vendor("error_reason").In("WAFConnectionError", "AuthInvalidIdToken").Evaluate(c));
        Assert.Null(Col.Vendor("missing").LastItem().Evaluate(c));
        Assert.Equal(string.Empty, Col.Vendor("missing").OrElse(string.Empty).LastItem().Evaluate(c));
    }

    [Fact]
    public void Profile_parameters_read_the_profile_in_seconds_and_bytes()
    {
        var profile = ProviderProfile.For(LbProvider.AwsAlb);
        profile.IdleTimeout = TimeSpan.FromSeconds(120);
        var c = Context(new LbLogRecord { Provider = LbProvider.AwsAlb, Status = 504 }, profile);
        Assert.Equal(10, Param.ConnectTimeout.Evaluate(c));
        Assert.Equal(120, Param.IdleTimeout.Evaluate(c));
        Assert.Equal(16 * 1024, Param.HeaderLimitBytes.Evaluate(c));
        Assert.Null(Param.DeregistrationDelay.Evaluate(c));
        Assert.Null(Col.Status.Ge(Param.DeregistrationDelay).Evaluate(c));
    }

    [Fact]
    public void Alb_elapsed_time_is_log_time_minus_request_creation_time()
    {
        // 22:23:00.186641 - 22:22:48.364000 = 11.822641 s.
        var c = Alb(status: 504, time: new DateTimeOffset(2018, 7, 2, 22, 23, 0, TimeSpan.Zero).AddTicks(1866410), fields: new Dictionary<string, string?> { ["request_creation_time"] = "2018-07-02T22:22:48.364000Z" });
        Assert.Equal(11.822641, Facts.AlbElapsedSeconds.Evaluate(c)!.Value, 6);
        Assert.Null(Facts.AlbElapsedSeconds.Evaluate(Alb(status: 504, time: DateTimeOffset.UnixEpoch)));
    }

    [Fact]
    public void Backend_answered_needs_a_header_time_only_in_the_proxy_family_with_that_column()
    {
        var nginxNoHeader = Context(new LbLogRecord { Provider = LbProvider.Nginx, Status = 502, UpstreamStatus = 502, Fields = new Dictionary<string, string?> { ["upstream_header_time"] = "-" } });
        var nginxHeader = Context(new LbLogRecord { Provider = LbProvider.Nginx, Status = 502, UpstreamStatus = 502, UpstreamHeaderTime = 0.01 });
        var nginxNoColumn = Context(new LbLogRecord { Provider = LbProvider.Nginx, Status = 502, UpstreamStatus = 502 });
        var albNoHeader = Alb(status: 502, upstreamStatus: 502);
        Assert.False(Facts.BackendAnswered.Holds(nginxNoHeader));
        Assert.True(Facts.BackendAnswered.Holds(nginxHeader));
        Assert.True(Facts.BackendAnswered.Holds(nginxNoColumn));
        Assert.True(Facts.BackendAnswered.Holds(albNoHeader));
        Assert.False(Facts.BackendAnswered.Holds(Alb(status: 502)));
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("-", false)]
    [InlineData("10.0.0.1:80", true)]
    public void Has_upstream_address(string? upstream, bool expected)
    {
        Assert.Equal(expected, Facts.HasUpstreamAddress.Evaluate(Alb(upstream: upstream)));
    }

    [Fact]
    public void Earlier_attempts_are_every_attempt_but_the_last()
    {
        RuleContext Attempts(params int?[] statuses) => Context(new LbLogRecord { Provider = LbProvider.Nginx, Status = 200, UpstreamStatuses = statuses });
        Assert.True(Facts.EarlierAttemptTimedOut.Holds(Attempts(504, 200)));
        Assert.False(Facts.EarlierAttemptFailedOtherwise.Holds(Attempts(504, 200)));
        Assert.True(Facts.EarlierAttemptFailed.Holds(Attempts(null, 200)));
        Assert.True(Facts.EarlierAttemptFailedOtherwise.Holds(Attempts(200, 502, 200)));
        Assert.False(Facts.EarlierAttemptFailed.Holds(Attempts(200, 502)));
        Assert.False(Facts.EarlierAttemptFailed.Holds(Attempts(404, 200)));
        Assert.False(Facts.EarlierAttemptFailed.Holds(Attempts(502)));
    }

    [Fact]
    public void In_burst_is_the_context_flag()
    {
        var record = new LbLogRecord { Provider = LbProvider.AwsClb, Status = 503 };
        Assert.True(Facts.InBurst.Holds(Context(record, inBurst: true)));
        Assert.False(Facts.InBurst.Holds(Context(record, inBurst: false)));
    }
}
