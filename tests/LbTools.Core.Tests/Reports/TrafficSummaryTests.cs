using LbTools.Core.Common;
using LbTools.Core.Logs;
using LbTools.Core.Reports;
using LbTools.Core.Tests.Support;

namespace LbTools.Core.Tests.Reports;

/// <summary>
/// Expected counts are taken by hand from the bundled logs (examples/logs/aws-alb/*.log[.gz]):
/// 18 lines; elb_status_code 5xx on 10 of them (502 ×5, 504 ×3, 503, 500), 4xx on one (400).
/// The 11 lines of 2026-11-21 03:12-03:31 UTC: 10.0.3.21:8080 answered 502, 502, 200, 502;
/// 10.0.3.22:8080 502, 504, 500, 200; 10.0.3.23:8080 504, 504; one 503 had no target ("-").
/// </summary>
public class TrafficSummaryTests
{
    private static List<LbLogRecord> BundledRecords()
    {
        var reader = new AccessLogReader(new AccessLogReadOptions(), new CollectingSink());
        var files = AccessLogReader.ExpandFiles(Path.Combine(AppContext.BaseDirectory, "examples", "aws-alb"), recurse: true, NullOperationSink.Instance);
        return reader.ReadFiles(files, CancellationToken.None).ToList();
    }

    [Fact]
    public void Counts_every_record_without_a_window()
    {
        var summary = TrafficSummary.Create(BundledRecords());
        Assert.Equal(18, summary.Requests);
        Assert.Equal(10, summary.ServerErrors);
        Assert.Equal(1, summary.ClientErrors);
        Assert.Equal(100.0 * 10 / 18, summary.ServerErrorPercent, 6);
        Assert.Null(summary.From);
        Assert.Equal(0, summary.Undated);
    }

    [Fact]
    public void A_window_ends_at_the_newest_record_by_default()
    {
        // Newest line: 2026-11-21T03:31:15.501203Z; 24 h back reaches only the 11 lines of that night.
        var summary = TrafficSummary.Create(BundledRecords(), TimeSpan.FromHours(24));
        Assert.Equal(DateTimeOffset.Parse("2026-11-21T03:31:15.501203Z"), summary.To);
        Assert.Equal(11, summary.Requests);
        Assert.Equal(9, summary.ServerErrors);
        Assert.Equal(100.0 * 9 / 11, summary.ServerErrorPercent, 6);
    }

    [Fact]
    public void An_explicit_end_moves_the_window()
    {
        // 03:12:00-03:16:00: the two 502 of .21, the 502 of .22 and the 504 of .23.
        var summary = TrafficSummary.Create(BundledRecords(), TimeSpan.FromMinutes(4), DateTimeOffset.Parse("2026-11-21T03:16:00Z"));
        Assert.Equal(4, summary.Requests);
        Assert.Equal(4, summary.ServerErrors);
    }

    [Fact]
    public void Backends_are_ordered_worst_first_and_requests_without_a_backend_come_last_among_equals()
    {
        var summary = TrafficSummary.Create(BundledRecords(), TimeSpan.FromHours(24));
        var rows = summary.Backends.Select(b => (b.Upstream, b.Requests, b.ServerErrors)).ToList();
        Assert.Equal(
            new (string?, long, long)[]
            {
                ("10.0.3.21:8080", 4, 3),
                ("10.0.3.22:8080", 4, 3),
                ("10.0.3.23:8080", 2, 2),
                (null, 1, 1),
            },
            rows);
        Assert.Equal(75.0, summary.Backends[0].ServerErrorPercent, 6);
    }

    [Theory]
    [InlineData(81.0, true)]
    [InlineData(100.0 * 9 / 11, false)]
    [InlineData(90.0, false)]
    public void The_threshold_is_crossed_only_when_the_share_is_above_it(double threshold, bool exceeded)
    {
        var summary = TrafficSummary.Create(BundledRecords(), TimeSpan.FromHours(24));
        Assert.Equal(exceeded, summary.ExceedsServerErrorPercent(threshold));
    }

    [Fact]
    public void Records_without_time_are_counted_apart_when_a_window_is_asked_for()
    {
        var records = new[]
        {
            new LbLogRecord { Time = DateTimeOffset.Parse("2026-01-01T10:00:00Z"), Status = 500, Upstream = "a:1" },
            new LbLogRecord { Time = null, Status = 502, Upstream = "a:1" },
        };
        var summary = TrafficSummary.Create(records, TimeSpan.FromHours(1));
        Assert.Equal(1, summary.Requests);
        Assert.Equal(1, summary.Undated);
        Assert.Equal(2, TrafficSummary.Create(records).Requests);
    }

    [Fact]
    public void No_records_give_a_zero_share_not_a_division_error()
    {
        var summary = TrafficSummary.Create(Array.Empty<LbLogRecord>(), TimeSpan.FromHours(1));
        Assert.Equal(0, summary.Requests);
        Assert.Equal(0, summary.ServerErrorPercent);
        Assert.False(summary.ExceedsServerErrorPercent(0));
    }

    [Fact]
    public void A_window_of_zero_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TrafficSummary.Create(Array.Empty<LbLogRecord>(), TimeSpan.Zero));
    }
}
