using LbTools.Integration.Tests.Scenarios;
using Xunit.Abstractions;

namespace LbTools.Integration.Tests;

/// <summary>
/// What the real nginx (Debian nginx 1.22.1 when this was written) logged for each fault, checked
/// field by field. The comment on each test is the line nginx wrote in the run that established
/// it, shortened to the fields that matter, surprises included. Sources for the meaning of the
/// fields: nginx "Module ngx_http_upstream_module", Embedded Variables (and their multi-value form).
/// The product's parsers, rules and probes are fed the same lines in ScenarioCauseTests.
/// </summary>
public class NginxScenarioTests(ITestOutputHelper output)
{
    public static TheoryData<string> ScenarioNames() => new(NginxScenarios.All.Keys);

    [Theory]
    [MemberData(nameof(ScenarioNames))]
    public async Task Plain_and_json_logs_record_the_same_request(string name)
    {
        using var run = await RunAsync(name);
        var json = run.Outcome.Logged;
        var plain = LoggedRequest.FromPlain(run.Outcome.PlainLine);
        foreach (var field in LoggedRequest.PlainFieldOrder)
        {
            // escape=json writes an unset variable as "", the plain format as "-".
            var expected = json[field].Length == 0 ? "-" : json[field];
            Assert.True(expected == plain[field], $"{name}: field {field} is '{json[field]}' in JSON but '{plain[field]}' in the plain log");
        }

        // Id form "<status>.<PascalCaseName>" (cause-catalog.md); nginx also logs 009 and 1xx, and passes a backend's 999 on.
        // NoCause ("") marks a clean line that must get no diagnosis.
        Assert.Matches(@"^([0-9]{3}\.[A-Z][A-Za-z0-9]+)?$", run.Outcome.ExpectedTopCause);
    }

    // 500/502/503/504 answered by the backend itself, e.g. for 502:
    //   status 502, upstream_status "502", upstream_addr "127.0.0.1:<backend>",
    //   upstream_connect_time "0.000", upstream_header_time "0.000", upstream_response_time "0.000".
    // The header time is a number: the backend's own answer arrived. No error-log line at all.
    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task Backend_answer_is_relayed_with_equal_status_and_a_header_time(int status)
    {
        using var run = await RunAsync("BackendAnswers" + status);
        var log = run.Outcome.Logged;
        Assert.Equal(status, log.Status);
        Assert.Equal(status.ToString(), log["upstream_status"]);
        Assert.Equal(run.Outcome.ProbeTarget[7..^"/orders".Length], log["upstream_addr"]);
        Assert.True(IsSeconds(log["upstream_header_time"]), log["upstream_header_time"]);
        Assert.Equal(status, run.Outcome.ClientStatus);
        Assert.DoesNotContain("[error]", run.Outcome.ErrorLog);
    }

    // Refused connect: status 502, upstream_status "502" (!), upstream_addr "127.0.0.1:<closed>",
    // upstream_connect_time "-", upstream_header_time "-", upstream_response_time "0.000".
    // Surprise: nginx writes 502 into upstream_status for an attempt that never connected, so
    // status == upstream_status does NOT mean the backend answered (Alibaba's first question,
    // cause-catalog.md, would say FromBackend). The "-" connect and header times tell them apart.
    // error.log: "connect() failed (111: Connection refused) while connecting to upstream".
    [Fact]
    public async Task Refused_connect_logs_502_in_both_status_fields_without_connect_time()
    {
        using var run = await RunAsync("PortClosed");
        var log = run.Outcome.Logged;
        Assert.Equal(502, log.Status);
        Assert.Equal("502", log["upstream_status"]);
        Assert.Equal(run.Outcome.ProbeTarget, log["upstream_addr"]);
        Assert.Equal("-", log["upstream_connect_time"]);
        Assert.Equal("-", log["upstream_header_time"]);
        Assert.Contains("Connection refused) while connecting to upstream", run.Outcome.ErrorLog);
    }

    // Backend reads the request and never answers, proxy_read_timeout 1s:
    //   status 504, upstream_status "504", upstream_connect_time "0.000", upstream_header_time "-",
    //   upstream_response_time "1.001", request_time "1.001".
    // error.log: "upstream timed out (110: Connection timed out) while reading response header from upstream".
    [Fact]
    public async Task Response_timeout_logs_504_with_a_connect_time_and_no_header_time()
    {
        using var run = await RunAsync("BackendNeverAnswers");
        var log = run.Outcome.Logged;
        Assert.Equal(504, log.Status);
        Assert.Equal("504", log["upstream_status"]);
        Assert.True(IsSeconds(log["upstream_connect_time"]));
        Assert.Equal("-", log["upstream_header_time"]);
        Assert.InRange(Seconds(log["upstream_response_time"]), 1.0, 1.9);
        Assert.Contains("upstream timed out (110: Connection timed out) while reading response header from upstream", run.Outcome.ErrorLog);
    }

    // A listener with backlog 1 that never accepts, its queue filled first (Linux then drops the
    // SYN; nothing answers), proxy_connect_timeout 1s. Reliable on loopback in every run so far:
    //   status 504, upstream_status "504", upstream_connect_time "-", upstream_header_time "-",
    //   upstream_response_time "1.001" (the connect timeout), request_time "1.001".
    // error.log: "upstream timed out (110: Connection timed out) while connecting to upstream".
    [Fact]
    public async Task Connect_timeout_logs_504_without_connect_time_after_the_connect_timeout()
    {
        using var run = await RunAsync("ConnectNeverCompletes");
        var log = run.Outcome.Logged;
        Assert.Equal(504, log.Status);
        Assert.Equal("504", log["upstream_status"]);
        Assert.Equal("-", log["upstream_connect_time"]);
        Assert.Equal("-", log["upstream_header_time"]);
        Assert.InRange(Seconds(log["upstream_response_time"]), 1.0, 1.9);
        Assert.Contains("upstream timed out (110: Connection timed out) while connecting to upstream", run.Outcome.ErrorLog);
    }

    // Answer "HTTP/1.1 200 OK" with a header name holding a NUL byte:
    //   status 502, upstream_status "502", upstream_connect_time "0.000", upstream_header_time "-".
    // Surprise: the backend's "200" is nowhere in the log; the header time stays "-" although
    // bytes arrived. error.log: "upstream sent invalid header: "X-Bro\x00..." while reading response header".
    [Fact]
    public async Task Invalid_response_header_logs_502_and_hides_the_backend_status()
    {
        using var run = await RunAsync("InvalidResponseHeader");
        var log = run.Outcome.Logged;
        Assert.Equal(502, log.Status);
        Assert.Equal("502", log["upstream_status"]);
        Assert.True(IsSeconds(log["upstream_connect_time"]));
        Assert.Equal("-", log["upstream_header_time"]);
        Assert.Contains("upstream sent invalid header", run.Outcome.ErrorLog);
    }

    // Backend reads the request and closes: status 502, upstream_status "502",
    // upstream_connect_time "0.000", upstream_header_time "-", upstream_response_time "0.014".
    // error.log: "upstream prematurely closed connection while reading response header from upstream".
    [Fact]
    public async Task Close_without_answer_logs_502_with_a_connect_time_and_no_header_time()
    {
        using var run = await RunAsync("BackendClosesWithoutAnswer");
        var log = run.Outcome.Logged;
        Assert.Equal(502, log.Status);
        Assert.Equal("502", log["upstream_status"]);
        Assert.True(IsSeconds(log["upstream_connect_time"]));
        Assert.Equal("-", log["upstream_header_time"]);
        Assert.Contains("upstream prematurely closed connection while reading response header", run.Outcome.ErrorLog);
    }

    // Backend needs 5 s, client hangs up after 0.3 s: status 499, upstream_status "-" (also "-" in
    // the JSON log: the upstream state exists, it just has no status), upstream_addr set,
    // upstream_connect_time "0.000", upstream_header_time "-", upstream_response_time "0.302" =
    // request_time, body_bytes_sent "0". The client never sees 499: it is log-only.
    // error.log (info): "epoll_wait() reported that client prematurely closed connection, so
    // upstream connection is closed too while sending request to upstream".
    [Fact]
    public async Task Client_hanging_up_logs_499_with_no_upstream_status()
    {
        using var run = await RunAsync("ClientGivesUpEarly");
        var log = run.Outcome.Logged;
        Assert.Equal(499, log.Status);
        Assert.Equal("-", log["upstream_status"]);
        Assert.NotEqual("-", log["upstream_addr"]);
        Assert.Equal("-", log["upstream_header_time"]);
        Assert.InRange(Seconds(log["request_time"]), 0.25, 4.0);
        Assert.Equal("0", log["body_bytes_sent"]);
        Assert.Null(run.Outcome.ClientStatus);
        Assert.Contains("client prematurely closed connection", run.Outcome.ErrorLog);
    }

    // TRACE: nginx answers 405 itself before choosing an upstream: upstream_* all unset ("" in
    // JSON, "-" in plain), request_method "TRACE". error.log (info): "client sent TRACE method".
    [Fact]
    public async Task Trace_is_refused_by_nginx_without_an_upstream()
    {
        using var run = await RunAsync("TraceMethod");
        var log = run.Outcome.Logged;
        Assert.Equal(405, log.Status);
        Assert.Equal("TRACE", log["request_method"]);
        AssertNoUpstream(log);
        Assert.Contains("client sent TRACE method", run.Outcome.ErrorLog);
    }

    // 10 000-byte URI: status 414, no upstream. Surprise: request_method, request_uri and
    // server_protocol are empty and request_length is "0" - nginx never finished the request
    // line, so the log cannot show the URI length. error.log (info): "client sent too long URI".
    [Fact]
    public async Task Too_long_uri_logs_414_with_an_empty_request()
    {
        using var run = await RunAsync("UriTooLong");
        var log = run.Outcome.Logged;
        Assert.Equal(414, log.Status);
        AssertNoUpstream(log);
        Assert.Equal(string.Empty, log["request_uri"]);
        Assert.Equal("0", log["request_length"]);
        Assert.Contains("client sent too long URI", run.Outcome.ErrorLog);
    }

    // 16 KB Cookie header: status 400 (nginx's internal 494 "Request Header Or Cookie Too Large"
    // is logged as 400), no upstream, method and URI present, request_length "66" - only what was
    // read before the header overflowed. error.log (info): "client sent too long header line".
    [Fact]
    public async Task Too_large_header_logs_400_not_494()
    {
        using var run = await RunAsync("HeaderTooLarge");
        var log = run.Outcome.Logged;
        Assert.Equal(400, log.Status);
        AssertNoUpstream(log);
        Assert.Equal("GET", log["request_method"]);
        Assert.True(long.Parse(log["request_length"]) < 16 * 1024, "request_length counts only what nginx read before giving up");
        Assert.Contains("client sent too long header line", run.Outcome.ErrorLog);
    }

    // "this is not http": status 400, no upstream, request_method/request_uri/server_protocol
    // empty, request_length "0". error.log (info): "client sent invalid method".
    [Fact]
    public async Task Garbage_request_line_logs_400_with_an_empty_request()
    {
        using var run = await RunAsync("GarbageRequestLine");
        var log = run.Outcome.Logged;
        Assert.Equal(400, log.Status);
        AssertNoUpstream(log);
        Assert.Equal(string.Empty, log["request_method"]);
        Assert.Equal("0", log["request_length"]);
        Assert.Contains("client sent invalid method", run.Outcome.ErrorLog);
    }

    // Plain GET to nginx's "listen ... ssl" port: status 400 (the internal 497 is logged as 400),
    // no upstream, scheme "http". Surprise: nothing in the line says the listener was TLS - it
    // reads exactly like a malformed request; only the probe (plain HTTP to that port) tells.
    // error.log (info): "client sent plain HTTP request to HTTPS port".
    [Fact]
    public async Task Plain_http_to_tls_listener_logs_400_with_scheme_http()
    {
        using var run = await RunAsync("PlainHttpToTlsListener");
        var log = run.Outcome.Logged;
        Assert.Equal(400, log.Status);
        AssertNoUpstream(log);
        Assert.Equal("http", log["scheme"]);
        Assert.Equal(400, run.Outcome.ClientStatus);
        Assert.Contains("client sent plain HTTP request to HTTPS port", run.Outcome.ErrorLog);
    }

    // limit_req 1r/m, no burst: first request 200, second status 503 with every upstream field
    // unset ("" in JSON): never forwarded. Same shape as Alibaba's QPS throttling (503,
    // upstream_status "-"). error.log: "limiting requests, excess: 1.000 by zone "per_client"".
    [Fact]
    public async Task Rate_limited_request_logs_503_never_forwarded()
    {
        using var run = await RunAsync("RateLimited");
        var log = run.Outcome.Logged;
        Assert.Equal(503, log.Status);
        Assert.Equal("/second", log["request_uri"]);
        AssertNoUpstream(log);
        Assert.Contains("limiting requests", run.Outcome.ErrorLog);
    }

    // limit_conn per_ip 1, backend taking 0.5 s, a second request while the first is in flight:
    // the second is refused at once, status 503, request_time 0.000, every upstream field unset ("" in
    // JSON): never forwarded - the same access line as limit_req. Its line comes first; the first
    // request ends 200 half a second later. error.log: [error] "limiting connections by zone "per_ip"".
    [Fact]
    public async Task Connection_limited_request_logs_503_never_forwarded()
    {
        using var run = await RunAsync("ConnectionLimited");
        var log = run.Outcome.Logged;
        Assert.Equal(503, log.Status);
        Assert.Equal("/second", log["request_uri"]);
        Assert.Equal(503, run.Outcome.ClientStatus);
        AssertNoUpstream(log);
        Assert.Contains("[error]", run.Outcome.ErrorLog);
        Assert.Contains("limiting connections by zone \"per_ip\"", run.Outcome.ErrorLog);
        Assert.DoesNotContain("limiting requests", run.Outcome.ErrorLog);
    }

    // proxy_pass https:// to a port that answers the ClientHello with "HTTP/1.1 400 ...":
    //   status 502, upstream_status "502", upstream_addr "127.0.0.1:<backend>",
    //   upstream_connect_time "-", upstream_header_time "-" (the failed handshake is part of the connect),
    //   upstream_response_time a number. Same access line as a refused connect or a certificate mismatch.
    // error.log: "SSL_do_handshake() failed (SSL: error:0A00010B:SSL routines::wrong version number)
    // while SSL handshaking to upstream" as soon as the answer arrives (0.010 s; 0.661 s in a cold first
    // run), not after the handshake timeout of TlsToPlainBackend (504).
    [Fact]
    public async Task Failed_backend_tls_handshake_logs_502_like_a_failed_connect()
    {
        using var run = await RunAsync("TlsHandshakeRejected");
        var log = run.Outcome.Logged;
        Assert.Equal(502, log.Status);
        Assert.Equal("502", log["upstream_status"]);
        Assert.Equal("-", log["upstream_connect_time"]);
        Assert.Equal("-", log["upstream_header_time"]);
        Assert.True(IsSeconds(log["upstream_response_time"]), log["upstream_response_time"]);
        Assert.Equal(502, run.Outcome.ClientStatus);
        Assert.Matches(@"SSL_do_handshake\(\) failed \(SSL: .*wrong version number\) while SSL handshaking to upstream", run.Outcome.ErrorLog);
    }

    // nginx in a network namespace of its own (only lo), proxying to a TEST-NET address; the client
    // comes in over a unix socket, so client_ip is "unix:". Both lines read like a refused connect:
    //   status 502, upstream_status "502", upstream_addr "192.0.2.1:80" (resp. "198.51.100.7:80"),
    //   upstream_connect_time "-", upstream_header_time "-", upstream_response_time "0.000".
    // error.log (nginx 1.22.1 names the address in the message):
    //   [error] ... *2 connect() to 192.0.2.1:80 failed (101: Network is unreachable) while connecting
    //   to upstream, client: unix:, server: localhost, request: "GET /NetworkUnreachable HTTP/1.1",
    //   upstream: "http://192.0.2.1:80/NetworkUnreachable", host: "localhost"
    //   [error] ... *2 connect() to 198.51.100.7:80 failed (113: No route to host) while connecting to upstream, ...
    // The kernel refuses the connect() at once: no packet, no wait for proxy_connect_timeout.
    // Once the run is disposed, nginx's processes are gone, and with them the namespace.
    [Theory]
    [InlineData("NetworkUnreachable", "192.0.2.1:80", "101: Network is unreachable")]
    [InlineData("NoRouteToHost", "198.51.100.7:80", "113: No route to host")]
    public async Task Connect_without_a_route_logs_502_like_a_refused_connect_and_the_errno(string name, string backend, string errno)
    {
        var run = await RunAsync(name);
        int[] pids;
        try
        {
            var log = run.Outcome.Logged;
            Assert.Equal(502, log.Status);
            Assert.Equal("502", log["upstream_status"]);
            Assert.Equal(backend, log["upstream_addr"]);
            Assert.Equal("-", log["upstream_connect_time"]);
            Assert.Equal("-", log["upstream_header_time"]);
            Assert.True(IsSeconds(log["upstream_response_time"]), log["upstream_response_time"]);
            Assert.Equal("unix:", log["client_ip"]);
            Assert.Equal(502, run.Outcome.ClientStatus);
            Assert.Contains($"connect() to {backend} failed ({errno}) while connecting to upstream", run.Outcome.ErrorLog);
            Assert.DoesNotContain("Connection refused", run.Outcome.ErrorLog);

            var master = Assert.IsType<int>(run.Outcome.ProbeInNetworkOf);
            var workers = System.Text.RegularExpressions.Regex.Matches(run.Outcome.ErrorLog, @"start worker process (\d+)").Select(m => int.Parse(m.Groups[1].Value)).ToList();
            Assert.NotEmpty(workers);
            pids = workers.Append(master).ToArray();
            Assert.NotEqual(new FileInfo("/proc/self/ns/net").LinkTarget, new FileInfo($"/proc/{master}/ns/net").LinkTarget);
        }
        finally
        {
            run.Dispose();
        }

        // No leftovers: every process of that nginx has exited (the namespace ends with its last process).
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (pids.Any(p => Directory.Exists($"/proc/{p}")) && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(25);
        }

        Assert.All(pids, p => Assert.False(Directory.Exists($"/proc/{p}"), $"process {p} of the private-network nginx is still there"));
    }

    // Primary refused, backup answers: status 200, upstream_status "502, 200",
    // upstream_addr "127.0.0.1:<closed>, 127.0.0.1:<backup>", upstream_connect_time "-, 0.000",
    // upstream_header_time "-, 0.001". The client sees 200 and nothing else; only the
    // multi-value fields show the failing server. error.log: "connect() failed (111: Connection
    // refused)" and [warn] "upstream server temporarily disabled".
    [Fact]
    public async Task Retry_hides_the_refused_server_behind_a_200()
    {
        using var run = await RunAsync("RetryHidesFailingServer");
        var log = run.Outcome.Logged;
        Assert.Equal(200, log.Status);
        Assert.Equal("502, 200", log["upstream_status"]);
        var addresses = log["upstream_addr"].Split(", ");
        Assert.Equal(2, addresses.Length);
        Assert.Equal(run.Outcome.ProbeTarget, addresses[0]);
        Assert.StartsWith("-, ", log["upstream_connect_time"], StringComparison.Ordinal);
        Assert.Equal(200, run.Outcome.ClientStatus);
        Assert.Contains("upstream server temporarily disabled", run.Outcome.ErrorLog);
    }

    // Backend certificate for wrong.example, nginx verifying backend.internal:
    //   status 502, upstream_status "502", upstream_connect_time "-" (the connect time includes the
    //   TLS handshake, which failed), upstream_header_time "-".
    // Surprise: looks exactly like a refused connect in the access log; only the error log
    // ("upstream SSL certificate does not match "backend.internal" while SSL handshaking to
    // upstream") or a TLS probe shows the certificate. Without proxy_ssl_verify on (nginx's
    // default is off) the same backend answers 200 and nothing is logged as wrong.
    [Fact]
    public async Task Backend_certificate_name_mismatch_logs_502_like_a_failed_connect()
    {
        using var run = await RunAsync("TlsBackendNameMismatch");
        var log = run.Outcome.Logged;
        Assert.Equal(502, log.Status);
        Assert.Equal("502", log["upstream_status"]);
        Assert.Equal("-", log["upstream_connect_time"]);
        Assert.Equal("-", log["upstream_header_time"]);
        Assert.Contains("upstream SSL certificate does not match \"backend.internal\"", run.Outcome.ErrorLog);
    }

    private Task<ScenarioRun> RunAsync(string name) => NginxScenarios.RunAndShowAsync(name, output);

    private static void AssertNoUpstream(LoggedRequest log)
    {
        foreach (var field in new[] { "upstream_status", "upstream_addr", "upstream_connect_time", "upstream_header_time", "upstream_response_time" })
        {
            Assert.True(log[field].Length == 0, $"{field} should be unset (never forwarded) but is '{log[field]}'");
        }
    }

    private static bool IsSeconds(string value) => double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _);

    private static double Seconds(string value) => double.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
}
