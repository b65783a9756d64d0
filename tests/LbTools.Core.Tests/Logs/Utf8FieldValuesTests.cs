using System.Globalization;
using System.Text;
using LbTools.Core.Logs.Values;
using LbTools.Core.Logs;
using LbTools.Core.Logs.Aws;
using LbTools.Core.Tests.Support;

namespace LbTools.Core.Tests.Logs;

/// <summary>
/// <see cref="Utf8FieldValues"/>, the UTF-8 twin of <see cref="FieldValues"/>. The ALB parser
/// reads its ISO 8601 times through a cache of the last hour seen: whatever the order of the
/// lines, the result must equal the uncached parse and .NET's own round-trip parser (the oracle
/// here), and a bad minute or second after a cached hour is still refused. The rules a caller
/// chooses (<see cref="IntegerSyntax"/>, <see cref="NegativeSeconds"/>) are pinned against what
/// the vendors document their logs to hold; that the FieldValues rules answer exactly as
/// FieldValues does is <see cref="PlainFieldValuesTests"/>' job.
/// </summary>
public class Utf8FieldValuesTests
{
    private static readonly string[] Times =
    {
        "2018-07-02T22:23:00.186641Z",
        "2018-07-02T22:23:00.186642Z",
        "2018-07-02T22:59:59.999999Z",
        "2018-07-02T23:00:00.000001Z",
        "2018-07-02T23:00:00Z",
        "2018-07-02T23:00:01.5Z",
        "2018-07-03T23:00:01.5Z",
        "2018-08-03T23:00:01.5Z",
        "2019-08-03T23:00:01.5Z",
        "2024-02-29T00:00:00.123Z",
        "2024-02-29T00:01:00.1234567Z",
        "2018-07-02T22:23:00.186641Z",
    };

    [Fact]
    public void Cached_hours_give_the_same_instant_as_a_full_parse()
    {
        var cache = new UtcHourCache();
        foreach (var text in Times)
        {
            var bytes = Encoding.ASCII.GetBytes(text);
            Assert.True(Utf8FieldValues.TryUtcTime(bytes, ref cache, out var cached), text);
            Assert.True(Utf8FieldValues.TryUtcTime(bytes, out var full), text);
            var oracle = DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            Assert.Equal(oracle, cached);
            Assert.Equal(full, cached);
            Assert.Equal(TimeSpan.Zero, cached!.Value.Offset);
        }
    }

    [Theory]
    [InlineData("2018-07-02T22:60:00.000000Z")]
    [InlineData("2018-07-02T22:23:61.000000Z")]
    [InlineData("2018-07-02T22:2x:00.000000Z")]
    [InlineData("2018-07-02T22:23:00.12345678Z")]
    public void A_bad_time_in_a_cached_hour_is_refused_as_without_the_cache(string text)
    {
        var cache = new UtcHourCache();
        Assert.True(Utf8FieldValues.TryUtcTime(Encoding.ASCII.GetBytes("2018-07-02T22:00:00.000000Z"), ref cache, out _));

        bool withCache = Utf8FieldValues.TryUtcTime(Encoding.ASCII.GetBytes(text), ref cache, out var cached);
        bool without = Utf8FieldValues.TryUtcTime(Encoding.ASCII.GetBytes(text), out var full);

        Assert.Equal(without, withCache);
        Assert.Equal(full, cached);
        Assert.False(withCache && cached!.Value.Minute == 0 && text.Contains(":60:"), "minute 60 read as 0");
    }

    // AWS "Access logs for your Application Load Balancer"
    // <https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-access-logs.html>:
    // request_processing_time, target_processing_time and response_processing_time are "set to -1"
    // when the load balancer cannot dispatch the request to a target (or the target does not answer
    // before the idle timeout). -1 is a sentinel, not a duration: the record holds no value.
    [Theory]
    [InlineData("-1")]
    [InlineData("-1.000")]
    [InlineData("-0")]
    [InlineData("-0.000")]
    public void Aws_minus_one_and_any_other_minus_sign_is_no_duration(string text)
    {
        Assert.True(Utf8FieldValues.TrySeconds(Encoding.ASCII.GetBytes(text), NegativeSeconds.MinusSignIsAbsent, out var value));
        Assert.Null(value);
    }

    [Theory]
    [InlineData("-1", null)]
    [InlineData("-0.5", null)]
    [InlineData("-0", "-0")]
    [InlineData("-0.000", "-0")]
    [InlineData("+1.5", "1.5")]
    [InlineData("0.086", "0.086")]
    public void Below_zero_rule_answers_as_the_string_route_negative_zero_included(string text, string? expected)
    {
        Assert.True(Utf8FieldValues.TrySeconds(Encoding.ASCII.GetBytes(text), NegativeSeconds.BelowZeroIsAbsent, out var value));
        Assert.True(FieldValues.TrySeconds(text, out var reference));
        Assert.Equal(expected, value?.ToString("R", CultureInfo.InvariantCulture));
        Assert.Equal(reference?.ToString("R", CultureInfo.InvariantCulture), value?.ToString("R", CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("0.000")]
    [InlineData("0.001")]
    [InlineData("12.345678")]
    [InlineData("-1")]
    [InlineData("-0.25")]
    [InlineData("-0")]
    [InlineData("1e3")]
    [InlineData("0.12345678901234567")]
    [InlineData("-")]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("1.2.3")]
    public void The_two_duration_rules_differ_only_on_negative_zero(string text)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        bool aws = Utf8FieldValues.TrySeconds(bytes, NegativeSeconds.MinusSignIsAbsent, out var awsValue);
        bool asString = Utf8FieldValues.TrySeconds(bytes, NegativeSeconds.BelowZeroIsAbsent, out var stringValue);
        Assert.Equal(asString, aws);
        bool negativeZero = stringValue is double v && v == 0 && double.IsNegative(v);
        Assert.Equal(negativeZero ? null : stringValue, awsValue);
    }

    // AWS writes its status codes, byte counts and ports as plain digits (a "-" when there is none):
    // anything else in an ALB number field is refused, where the invariant integer syntax of the
    // string route (nginx, SLS) takes a '+' or white space around the digits.
    [Theory]
    [InlineData("+200")]
    [InlineData(" 200")]
    [InlineData("200 ")]
    [InlineData("0000000000000000200")]
    public void Digits_only_refuses_what_the_string_route_accepts(string text)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        Assert.False(Utf8FieldValues.TryInt(bytes, IntegerSyntax.DigitsOnly, out _));
        Assert.False(Utf8FieldValues.TryLong(bytes, IntegerSyntax.DigitsOnly, out _));
        Assert.True(FieldValues.TryInt(text, out var reference));
        Assert.Equal(200, reference);
        Assert.True(Utf8FieldValues.TryInt(bytes, IntegerSyntax.AsFieldValues, out var asString));
        Assert.Equal(200, asString);
        Assert.True(Utf8FieldValues.TryLong(bytes, IntegerSyntax.AsFieldValues, out var asStringLong));
        Assert.Equal(200L, asStringLong);
    }

    [Theory]
    [InlineData("-", null)]
    [InlineData("", null)]
    [InlineData("0", 0L)]
    [InlineData("502", 502L)]
    [InlineData("-1", -1L)]
    [InlineData("999999999999999999", 999999999999999999L)]
    public void Both_integer_rules_agree_on_digits_a_minus_and_the_dash(string text, long? expected)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        foreach (var syntax in new[] { IntegerSyntax.DigitsOnly, IntegerSyntax.AsFieldValues })
        {
            Assert.True(Utf8FieldValues.TryLong(bytes, syntax, out var value), syntax.ToString());
            Assert.Equal(expected, value);
        }
    }

    [Fact]
    public void An_aws_status_with_a_plus_sign_is_rejected_naming_the_field()
    {
        var outcome = new AwsAlbLineParser().Parse(AlbExamples.Http.Replace(" 200 200 ", " +200 200 ", StringComparison.Ordinal));
        Assert.False(outcome.IsRecord);
        Assert.Equal(LineRejection.InvalidField, outcome.Reason);
        Assert.Contains("elb_status_code", outcome.Detail);
    }

    // nginx "Module ngx_http_upstream_module" <https://nginx.org/en/docs/http/ngx_http_upstream_module.html>,
    // $upstream_status and the $upstream_*_time variables: several attempts are "separated by commas
    // and colons like addresses in the $upstream_addr variable"; nginx's src/http/ngx_http_upstream.c
    // writes "-" for an attempt without a status or a time, and the access log writes "-" for a
    // variable with no value at all.
    [Theory]
    [InlineData("time", "-", "")]
    [InlineData("time", "0.004", "0.004")]
    [InlineData("time", "-, 0.001 : 0.002", "null|0.001|0.002")]
    [InlineData("time", "0.001, 0.021", "0.001|0.021")]
    [InlineData("status", "-", "")]
    [InlineData("status", "502", "502")]
    [InlineData("status", "502, 504 : 200", "502|504|200")]
    [InlineData("status", "502, -", "502|null")]
    public void Nginx_dash_and_lists_read_as_the_string_route_reads_them(string kind, string text, string expected)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        string actual, reference;
        if (kind == "time")
        {
            Assert.True(Utf8UpstreamValues.TrySeconds(bytes, out var values));
            Assert.True(UpstreamValues.TrySeconds(text, out var strings));
            (actual, reference) = (Join(values), Join(strings));
        }
        else
        {
            Assert.True(Utf8UpstreamValues.TryStatuses(bytes, out var values));
            Assert.True(UpstreamValues.TryStatuses(text, out var strings));
            (actual, reference) = (Join(values), Join(strings));
        }

        Assert.Equal(expected, actual);
        Assert.Equal(reference, actual);
    }

    private static string Join(double?[] values) => string.Join("|", values.Select(v => v?.ToString("R", CultureInfo.InvariantCulture) ?? "null"));

    private static string Join(int?[] values) => string.Join("|", values.Select(v => v?.ToString(CultureInfo.InvariantCulture) ?? "null"));

    [Fact]
    public void Numbers_round_trip_through_the_record_including_zero_negative_and_null()
    {
        // LbLogRecord keeps numbers without Nullable (sentinels stand for null).
        var r = new LbLogRecord();
        Assert.Null(r.Status);
        Assert.Null(r.RequestTime);
        Assert.Null(r.BytesSent);
        r.Status = 0;
        r.UpstreamStatus = -1;
        r.RequestTime = 0.0;
        r.UpstreamHeaderTime = -0.5;
        r.BytesSent = 0;
        r.BytesReceived = long.MaxValue;
        r.ClientPort = 65535;
        Assert.Equal(0, r.Status);
        Assert.Equal(-1, r.UpstreamStatus);
        Assert.Equal(0.0, r.RequestTime);
        Assert.Equal(-0.5, r.UpstreamHeaderTime);
        Assert.Equal(0L, r.BytesSent);
        Assert.Equal(long.MaxValue, r.BytesReceived);
        Assert.Equal(65535, r.ClientPort);
        r.Time = new DateTimeOffset(2024, 6, 1, 19, 0, 0, TimeSpan.FromHours(9));
        Assert.Equal(new DateTimeOffset(2024, 6, 1, 10, 0, 0, TimeSpan.Zero), r.Time);
        Assert.Equal(TimeSpan.Zero, r.Time!.Value.Offset);
        r.Status = null;
        r.RequestTime = null;
        r.BytesSent = null;
        r.Time = null;
        Assert.Null(r.Time);
        Assert.Null(r.Status);
        Assert.Null(r.RequestTime);
        Assert.Null(r.BytesSent);
    }
}
