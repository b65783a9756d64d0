using System.IO.Compression;
using System.Text;
using LbTools.Core.Logs.ErrorLog;
using LbTools.Core.Tests.Support;

namespace LbTools.Core.Tests.Logs.ErrorLog;

/// <summary>
/// The error-log line as nginx's ngx_log_error_core writes it ("yyyy/MM/dd HH:mm:ss [level]
/// pid#tid: *connection message") with the context ngx_http_log_error appends. The lines below
/// are the shape the real nginx 1.22 of the integration suite wrote (NginxScenarioTests).
/// </summary>
public class NginxErrorLogReaderTests
{
    private const string Refused = "2026/12/05 01:40:02 [error] 4242#4242: *3 connect() failed (111: Connection refused) while connecting to upstream, client: 127.0.0.1, server: localhost, request: \"GET /orders?id=7 HTTP/1.1\", upstream: \"http://127.0.0.1:45001/orders?id=7\", host: \"127.0.0.1:45000\"";
    private const string Started = "2026/12/05 01:40:01 [notice] 4241#4241: start worker process 4242";

    [Fact]
    public void Header_message_and_context_become_typed_fields()
    {
        Assert.True(NginxErrorLineParser.TryParse(Refused, out var e, out var failure), failure);
        Assert.Equal(new DateTime(2026, 12, 5, 1, 40, 2), e!.LocalTime);
        Assert.Equal(NginxErrorLevel.Error, e.Level);
        Assert.Equal(4242, e.ProcessId);
        Assert.Equal(4242, e.ThreadId);
        Assert.Equal(3, e.Connection);
        Assert.Equal("connect() failed (111: Connection refused) while connecting to upstream", e.Message);
        Assert.Equal("127.0.0.1", e.Client);
        Assert.Equal("localhost", e.Server);
        Assert.Equal("GET /orders?id=7 HTTP/1.1", e.Request);
        Assert.Equal("http://127.0.0.1:45001/orders?id=7", e.Upstream);
        Assert.Equal("127.0.0.1:45001", e.UpstreamAddress);
        Assert.Equal("127.0.0.1:45000", e.Host);
    }

    [Fact]
    public void A_line_without_connection_or_context_keeps_its_message()
    {
        Assert.True(NginxErrorLineParser.TryParse(Started, out var e, out _));
        Assert.Null(e!.Connection);
        Assert.Null(e.Client);
        Assert.Equal("start worker process 4242", e.Message);
        Assert.Equal(NginxErrorLevel.Notice, e.Level);
    }

    [Fact]
    public void A_quoted_request_that_holds_a_context_key_is_not_cut_there()
    {
        var line = "2026/12/05 01:40:02 [info] 1#1: *9 client sent invalid header line while reading client request headers, client: 10.0.0.1, server: _, request: \"GET /a, host: x HTTP/1.1\", host: \"example.com\"";
        Assert.True(NginxErrorLineParser.TryParse(line, out var e, out _));
        Assert.Equal("GET /a, host: x HTTP/1.1", e!.Request);
        Assert.Equal("example.com", e.Host);
    }

    [Fact]
    public void Every_line_is_accounted_for_and_continuations_join_their_entry()
    {
        var text = string.Join("\n", new[]
        {
            "stray text before any entry",
            Started,
            Refused,
            "2026/12/05 01:40:03 [error] 4242#4242: *4 lua entry thread aborted: runtime error: boom",
            "stack traceback:",
            "\t[C]: in function 'error'",
            string.Empty,
            "2026/12/05 01:40:04 [bogus] 4242#4242: *5 what level is this",
            "2026/12/05 01:40:05 [warn] 4242#4242: *6 an upstream response is buffered to a temporary file",
        });
        var sink = new CollectingSink();
        var reader = new ErrorLogReader(null, sink);
        var events = reader.ReadText(new[] { text }, "mem", CancellationToken.None).ToList();

        Assert.Equal(4, events.Count);
        var lua = events[2];
        Assert.Equal("lua entry thread aborted: runtime error: boom\nstack traceback:\n\t[C]: in function 'error'", lua.Message);
        Assert.Equal(2, lua.ContinuationLines);
        var s = reader.Statistics;
        Assert.Equal(9, s.LinesRead);
        Assert.Equal(4, s.Events);
        Assert.Equal(2, s.ContinuationLines);
        Assert.Equal(2, s.Rejected);
        Assert.Equal(1, s.Skipped);
        Assert.Equal(s.LinesRead, s.Events + s.ContinuationLines + s.Rejected + s.Skipped);
        Assert.Equal(new[] { "mem:1", "mem:8" }, sink.Errors.Select(e => (string)e.Target!));
        Assert.All(sink.Errors, e => Assert.Equal("LineRejected", e.ErrorId));
    }

    [Fact]
    public void Messages_are_mapped_to_catalog_causes_by_the_table()
    {
        var events = new ErrorLogReader(null, new CollectingSink()).ReadText(new[] { Refused, Started }, "mem", CancellationToken.None).ToList();
        Assert.Equal(new[] { "502.BackendConnectFailed" }, events[0].CauseIds);
        Assert.Equal("ConnectRefused", events[0].MessageId);
        Assert.Contains("ngx_http_upstream.c", events[0].MessageSource);
        Assert.Empty(events[1].CauseIds);
    }

    [Fact]
    public void Gzip_files_are_read_like_plain_ones_and_a_zone_can_be_given()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "error.log.1.gz");
        using (var file = File.Create(path))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        {
            var bytes = Encoding.UTF8.GetBytes(Started + "\n" + Refused + "\n");
            gzip.Write(bytes, 0, bytes.Length);
        }

        var reader = new ErrorLogReader(new ErrorLogReadOptions { UtcOffset = TimeSpan.FromHours(9), MinimumLevel = NginxErrorLevel.Warn }, new CollectingSink());
        var events = reader.ReadFiles(new[] { path }, CancellationToken.None).ToList();
        var e = Assert.Single(events);
        Assert.Equal(new DateTimeOffset(2026, 12, 5, 1, 40, 2, TimeSpan.FromHours(9)), e.Time);
        Assert.Equal(path, e.SourceFile);
        Assert.Equal(2, e.LineNumber);
        Assert.Equal(1, reader.Statistics.Files[0].BelowLevel);
    }

    [Fact]
    public void A_missing_file_is_an_error_naming_it_not_a_crash()
    {
        var sink = new CollectingSink();
        var events = new ErrorLogReader(null, sink).ReadFiles(new[] { "/nonexistent/error.log" }, CancellationToken.None).ToList();
        Assert.Empty(events);
        var error = Assert.Single(sink.Errors);
        Assert.Equal("LogFileUnreadable", error.ErrorId);
        Assert.Equal("/nonexistent/error.log", error.Target);
    }

    [Fact]
    public void Cancellation_stops_the_read()
    {
        var lines = Enumerable.Repeat(Refused, 10_000);
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.Throws<OperationCanceledException>(() => new ErrorLogReader(null, new CollectingSink()).ReadText(lines, "mem", cancel.Token).ToList());
    }
}
