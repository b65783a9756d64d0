using System.Globalization;
using LbTools.Core.Diagnosis;
using LbTools.Core.Logs;
using LbTools.Core.Logs.ErrorLog;
using LbTools.Core.Logs.Nginx;
using LbTools.Core.Tests.Support;

namespace LbTools.Core.Tests.Diagnosis;

/// <summary>
/// Joining error-log events to access records. nginx writes both logs on its own local clock
/// ($time_local carries the offset, the error log none) and the error log to the second.
/// </summary>
public class ErrorLogJoinTests
{
    private const string WithConnection = "[$time_local] $remote_addr $connection \"$request\" $status \"$upstream_status\" \"$upstream_addr\" \"$upstream_connect_time\" \"$upstream_header_time\" \"$upstream_response_time\" $request_time";
    private const string WithoutConnection = "[$time_local] $remote_addr \"$request\" $status \"$upstream_status\" \"$upstream_addr\" \"$upstream_connect_time\" \"$upstream_header_time\" \"$upstream_response_time\" $request_time";

    private static LbLogRecord Parse(string format, string line) => ParseAssert.Ok(new NginxLineParser(format), line);

    private static List<NginxErrorEvent> Events(params string[] lines) =>
        new ErrorLogReader(null, new CollectingSink()).ReadText(lines, "error.log", CancellationToken.None).ToList();

    private static StatusResolver Resolver() => new(CauseCatalog.BuiltIn, CultureInfo.InvariantCulture);

    [Fact]
    public void By_connection_serial_the_event_decides_a_tie_the_access_line_cannot()
    {
        // The access line of an invalid header and of a closed connection is the same (real nginx,
        // integration scenarios InvalidResponseHeader and BackendClosesWithoutAnswer).
        var record = Parse(WithConnection, "[05/Dec/2026:10:40:02 +0900] 127.0.0.1 7 \"GET / HTTP/1.1\" 502 \"502\" \"127.0.0.1:45001\" \"0.000\" \"-\" \"0.001\" 0.001");
        var logOnly = Resolver().Resolve(record)!;
        Assert.True(logOnly.IsTied);
        Assert.Contains("502.MalformedResponse", logOnly.TiedCauses);
        Assert.Contains("502.BackendClosedConnection", logOnly.TiedCauses);
        Assert.StartsWith("tied: ", logOnly.Verdict, StringComparison.Ordinal);
        Assert.Contains(logOnly.DecidedBy, d => d.StartsWith("nginx error log", StringComparison.Ordinal) && d.Contains("upstream sent invalid header", StringComparison.Ordinal));
        Assert.Contains(logOnly.DecidedBy, d => d.StartsWith("Test-LbBackend -Probe ", StringComparison.Ordinal) && d.Contains("Http", StringComparison.Ordinal));

        var join = new ErrorLogJoin(Events(
            "2026/12/05 10:40:02 [error] 11#11: *6 upstream prematurely closed connection while reading response header from upstream, client: 127.0.0.1, server: localhost, request: \"GET / HTTP/1.1\", upstream: \"http://127.0.0.1:45001/\", host: \"localhost\"",
            "2026/12/05 10:40:02 [error] 11#11: *7 upstream sent invalid header: \"X-Bro\\x00ken: yes\" while reading response header from upstream, client: 127.0.0.1, server: localhost, request: \"GET / HTTP/1.1\", upstream: \"http://127.0.0.1:45001/\", host: \"localhost\""));
        var attached = join.Attach(record);
        Assert.Equal(7, Assert.Single(attached).Connection);

        var decided = Resolver().Resolve(record, null, attached)!;
        Assert.False(decided.IsTied);
        Assert.Equal("502.MalformedResponse", decided.TopCause);
        Assert.Equal(ErrorLogRuleScore, decided.Causes[0].Score);
        var evidence = decided.Causes[0].Evidence.Single(e => e.Field == "error_log");
        Assert.Contains("error.log:2 [error] *7", evidence.Sentence);
        Assert.Same(attached, decided.ErrorLogEvents);

        // The other event (connection 6) belongs to no record read: kept and reported.
        Assert.Equal(6, Assert.Single(join.Unjoined).Connection);
        Assert.Equal(1, join.JoinedCount);
    }

    private const int ErrorLogRuleScore = LbTools.Core.Diagnosis.Rules.ErrorLogRule.ProvenScore;

    [Fact]
    public void Without_connection_client_request_upstream_and_time_must_agree()
    {
        var record = Parse(WithoutConnection, "[05/Dec/2026:10:40:05 +0900] 10.1.1.1 \"GET /a HTTP/1.1\" 502 \"502\" \"10.0.0.5:8080\" \"-\" \"-\" \"0.000\" 2.500");
        var events = Events(
            // Another client.
            "2026/12/05 10:40:04 [error] 11#11: *1 connect() failed (111: Connection refused) while connecting to upstream, client: 10.9.9.9, server: s, request: \"GET /a HTTP/1.1\", upstream: \"http://10.0.0.5:8080/a\", host: \"h\"",
            // Another request line.
            "2026/12/05 10:40:04 [error] 11#11: *2 connect() failed (111: Connection refused) while connecting to upstream, client: 10.1.1.1, server: s, request: \"GET /b HTTP/1.1\", upstream: \"http://10.0.0.5:8080/b\", host: \"h\"",
            // Another upstream.
            "2026/12/05 10:40:04 [error] 11#11: *3 connect() failed (111: Connection refused) while connecting to upstream, client: 10.1.1.1, server: s, request: \"GET /a HTTP/1.1\", upstream: \"http://10.0.0.6:8080/a\", host: \"h\"",
            // Before the request started (10:40:05 - 2.5 s - 1 s slack).
            "2026/12/05 10:40:01 [error] 11#11: *4 connect() failed (111: Connection refused) while connecting to upstream, client: 10.1.1.1, server: s, request: \"GET /a HTTP/1.1\", upstream: \"http://10.0.0.5:8080/a\", host: \"h\"",
            // The one: the attempt failed 2 s before the line was written.
            "2026/12/05 10:40:03 [error] 11#11: *5 connect() failed (111: Connection refused) while connecting to upstream, client: 10.1.1.1, server: s, request: \"GET /a HTTP/1.1\", upstream: \"http://10.0.0.5:8080/a\", host: \"h\"");
        var join = new ErrorLogJoin(events);
        var attached = join.Attach(record);
        Assert.Equal(5, Assert.Single(attached).Connection);
        Assert.Equal(4, join.Unjoined.Count);

        var d = Resolver().Resolve(record, null, attached)!;
        Assert.Equal("502.BackendConnectFailed", d.TopCause);
        Assert.False(d.IsTied);
    }

    [Fact]
    public void A_retried_request_takes_one_event_per_failed_attempt_and_a_200_names_the_hidden_failure()
    {
        var record = Parse(WithConnection, "[05/Dec/2026:01:40:02 +0000] 127.0.0.1 12 \"GET / HTTP/1.1\" 200 \"502, 502, 200\" \"127.0.0.1:1, 127.0.0.1:2, 127.0.0.1:3\" \"-, -, 0.000\" \"-, -, 0.001\" \"0.000, 0.000, 0.001\" 0.002");
        var join = new ErrorLogJoin(Events(
            "2026/12/05 01:40:02 [error] 11#11: *12 connect() failed (111: Connection refused) while connecting to upstream, client: 127.0.0.1, server: localhost, request: \"GET / HTTP/1.1\", upstream: \"http://127.0.0.1:1/\", host: \"localhost\"",
            "2026/12/05 01:40:02 [warn] 11#11: *12 upstream server temporarily disabled while connecting to upstream, client: 127.0.0.1, server: localhost, request: \"GET / HTTP/1.1\", upstream: \"http://127.0.0.1:1/\", host: \"localhost\"",
            "2026/12/05 01:40:02 [error] 11#11: *12 connect() failed (111: Connection refused) while connecting to upstream, client: 127.0.0.1, server: localhost, request: \"GET / HTTP/1.1\", upstream: \"http://127.0.0.1:2/\", host: \"localhost\""));
        var attached = join.Attach(record);
        Assert.Equal(3, attached.Count);
        Assert.Empty(join.Unjoined);

        var d = Resolver().Resolve(record, null, attached)!;
        Assert.Equal("502.BackendConnectFailed", d.TopCause);
        Assert.Contains(d.Causes, c => c.CauseId == "502.UpstreamAttemptFailed");
    }

    [Fact]
    public void A_clean_2xx_gets_no_diagnosis_even_with_events_around()
    {
        var record = Parse(WithConnection, "[05/Dec/2026:01:40:02 +0000] 127.0.0.1 3 \"GET / HTTP/1.1\" 200 \"200\" \"127.0.0.1:3\" \"0.000\" \"0.001\" \"0.001\" 0.001");
        var join = new ErrorLogJoin(Events("2026/12/05 01:40:02 [warn] 11#11: *3 an upstream response is buffered to a temporary file /tmp/1 while reading upstream, client: 127.0.0.1, server: localhost, request: \"GET / HTTP/1.1\", upstream: \"http://127.0.0.1:3/\", host: \"localhost\""));
        Assert.Null(Resolver().Resolve(record, null, join.Attach(record)));
    }

    [Fact]
    public void Offsets_of_time_local_and_iso8601_are_read_from_the_record()
    {
        var local = Parse(WithConnection, "[05/Dec/2026:10:40:02 -0330] 127.0.0.1 3 \"GET / HTTP/1.1\" 200 \"200\" \"127.0.0.1:3\" \"0.000\" \"0.001\" \"0.001\" 0.001");
        Assert.Equal(new TimeSpan(-3, -30, 0), ErrorLogJoin.OffsetOf(local));
        var iso = Parse("$time_iso8601 $status", "2026-12-05T10:40:02+09:00 502");
        Assert.Equal(TimeSpan.FromHours(9), ErrorLogJoin.OffsetOf(iso));
    }
}

public class TiedIncidentTests
{
    [Fact]
    public void Tied_lines_form_their_own_incident_apart_from_decided_ones()
    {
        // Two refused-connect lines (connect time '-': tied with a failed TLS handshake) and one whose
        // error-log event decides it.
        var resolver = new StatusResolver(CauseCatalog.BuiltIn, CultureInfo.InvariantCulture);
        var summarizer = new IncidentSummarizer(CultureInfo.InvariantCulture);
        var decider = new ErrorLogReader(null, new CollectingSink()).ReadText(new[] { "2026/12/05 01:40:02 [error] 1#1: *1 connect() failed (111: Connection refused) while connecting to upstream, client: 1.1.1.1" }, "e", CancellationToken.None).ToList();
        for (int i = 0; i < 3; i++)
        {
            var record = DiagnosisFixtures.Nginx(502, 502, connect: null, header: null, response: 0.0);
            summarizer.Add(resolver.Resolve(record, null, i == 2 ? decider : null)!);
        }

        var incidents = summarizer.Summaries();
        Assert.Equal(2, incidents.Count);
        var tied = incidents.Single(s => s.IsTied);
        Assert.Equal(2, tied.Count);
        Assert.Equal("tied: 502.BackendConnectFailed | 502.TlsToBackendFailed", tied.Verdict);
        Assert.NotEmpty(tied.DecidedBy);
        var decided = incidents.Single(s => !s.IsTied);
        Assert.Equal(1, decided.Count);
        Assert.Equal("502.BackendConnectFailed", decided.Verdict);
    }
}
