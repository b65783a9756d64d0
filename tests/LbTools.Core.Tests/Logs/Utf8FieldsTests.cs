using System.Globalization;
using System.Text;
using LbTools.Core.Logs.Values;
using LbTools.Core.Logs;

namespace LbTools.Core.Tests.Logs;

/// <summary>
/// The ALB parser reads its ISO 8601 times through a cache of the last hour seen. Whatever the
/// order of the lines, the result must equal the uncached parse and .NET's own round-trip
/// parser (the oracle here), and a bad minute or second after a cached hour is still refused.
/// </summary>
public class Utf8FieldsTests
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
            Assert.True(Utf8Fields.TryUtcTime(bytes, ref cache, out var cached), text);
            Assert.True(Utf8Fields.TryUtcTime(bytes, out var full), text);
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
        Assert.True(Utf8Fields.TryUtcTime(Encoding.ASCII.GetBytes("2018-07-02T22:00:00.000000Z"), ref cache, out _));

        bool withCache = Utf8Fields.TryUtcTime(Encoding.ASCII.GetBytes(text), ref cache, out var cached);
        bool without = Utf8Fields.TryUtcTime(Encoding.ASCII.GetBytes(text), out var full);

        Assert.Equal(without, withCache);
        Assert.Equal(full, cached);
        Assert.False(withCache && cached!.Value.Minute == 0 && text.Contains(":60:"), "minute 60 read as 0");
    }

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
