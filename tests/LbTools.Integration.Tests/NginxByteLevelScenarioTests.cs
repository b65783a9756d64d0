using LbTools.Integration.Tests.Scenarios;
using Xunit.Abstractions;

namespace LbTools.Integration.Tests;

/// <summary>
/// Issue 16: what the real nginx (Debian nginx 1.22.1 when this was written) logs in its access
/// and error logs for backends that misbehave at the byte level. The comment on each test is
/// what the run that established it showed, surprises included. The cause each must lead to,
/// with and without the error log, is checked in ScenarioCauseTests.
/// </summary>
public class NginxByteLevelScenarioTests(ITestOutputHelper output)
{
    // "Content-Length: 2\r\n\r\nok" (no status line), "hello world\n" (HTTP/0.9 style) and
    // "HTTP/1.1 abc Weird" (a status that is no number): nginx takes the answer as HTTP/0.9 and passes
    // the raw bytes to the client. Surprise: status 009 (!) with upstream_status "200" and a header
    // time; error.log: "upstream sent no valid HTTP/1.0 header while reading response header from upstream".
    [Theory]
    [InlineData("NoStatusLine")]
    [InlineData("Http09Answer")]
    [InlineData("InvalidStatusCode")]
    public async Task An_answer_without_a_status_line_is_passed_on_and_logged_009(string name)
    {
        using var run = await RunAsync(name);
        var log = run.Outcome.Logged;
        Assert.Equal("009", log["status"]);
        Assert.Equal("200", log["upstream_status"]);
        Assert.NotEqual("-", log["upstream_header_time"]);
        Assert.Null(run.Outcome.ClientStatus);
        Assert.Contains("upstream sent no valid HTTP/1.0 header while reading response header from upstream", run.Outcome.ErrorLog);
    }

    // "HTTP/1.1 2" and close: 502/"502", connect time set, header time "-";
    // error.log: "upstream prematurely closed connection while reading response header from upstream".
    [Fact]
    public async Task A_partial_status_line_is_a_premature_close()
    {
        using var run = await RunAsync("PartialStatusLine");
        var log = run.Outcome.Logged;
        Assert.Equal(502, log.Status);
        Assert.Equal("502", log["upstream_status"]);
        Assert.NotEqual("-", log["upstream_connect_time"]);
        Assert.Equal("-", log["upstream_header_time"]);
        Assert.Contains("upstream prematurely closed connection while reading response header from upstream", run.Outcome.ErrorLog);
    }

    // A 9 000-byte header line (over the default proxy_buffer_size): 502/"502", header time "-", the
    // same access line as a close or an invalid header; error.log: "upstream sent too big header".
    [Fact]
    public async Task A_header_over_proxy_buffer_size_logs_502_without_header_time()
    {
        using var run = await RunAsync("ResponseHeaderTooBig");
        var log = run.Outcome.Logged;
        Assert.Equal(502, log.Status);
        Assert.Equal("502", log["upstream_status"]);
        Assert.Equal("-", log["upstream_header_time"]);
        Assert.Contains("upstream sent too big header while reading response header from upstream", run.Outcome.ErrorLog);
    }

    // "HTTP/1.1 100 Continue" then the real answer: nginx takes the 100 as the response. Surprise:
    // status 100 and upstream_status "100" in the log, the client gets the 100 and nothing after it;
    // no error-log line at all.
    [Fact]
    public async Task An_interim_100_before_the_answer_is_logged_as_the_status()
    {
        using var run = await RunAsync("InterimAnswerFirst");
        var log = run.Outcome.Logged;
        Assert.Equal(100, log.Status);
        Assert.Equal("100", log["upstream_status"]);
        Assert.Equal(100, run.Outcome.ClientStatus);
        Assert.DoesNotContain("[error]", run.Outcome.ErrorLog);
    }

    // "HTTP/1.1 999 Weird": passed on as it is, status 999 / "999", no error-log line.
    [Fact]
    public async Task A_nonstandard_status_is_passed_on()
    {
        using var run = await RunAsync("NonStandardStatus");
        var log = run.Outcome.Logged;
        Assert.Equal(999, log.Status);
        Assert.Equal("999", log["upstream_status"]);
        Assert.Equal(999, run.Outcome.ClientStatus);
        Assert.DoesNotContain("[error]", run.Outcome.ErrorLog);
    }

    // A body shorter than its Content-Length, a bad chunk size, a reset after 1 000 of 100 000
    // bytes: the header was good, so the access log says 200/"200" with a header time - a clean line.
    // Only the error log shows the broken body: "upstream prematurely closed connection while reading
    // upstream", "upstream sent invalid chunked response while reading upstream", "readv() failed
    // (104: Connection reset by peer) while reading upstream" (or recv(), depending on timing).
    [Theory]
    [InlineData("BodyShorterThanLength", "upstream prematurely closed connection while reading upstream")]
    [InlineData("BadChunkSize", "upstream sent invalid chunked response while reading upstream")]
    [InlineData("ResetAfterHeader", "(104: Connection reset by peer) while reading upstream")]
    public async Task A_body_that_breaks_after_a_good_header_logs_200_and_an_error(string name, string message)
    {
        using var run = await RunAsync(name);
        var log = run.Outcome.Logged;
        Assert.Equal(200, log.Status);
        Assert.Equal("200", log["upstream_status"]);
        Assert.NotEqual("-", log["upstream_header_time"]);
        Assert.Contains(message, run.Outcome.ErrorLog);
    }

    // RST right after the request: 502/"502", connect time set, header time "-";
    // error.log: "recv() failed (104: Connection reset by peer) while reading response header from upstream".
    [Fact]
    public async Task A_reset_before_the_answer_logs_like_a_close()
    {
        using var run = await RunAsync("BackendResets");
        var log = run.Outcome.Logged;
        Assert.Equal(502, log.Status);
        Assert.Equal("-", log["upstream_header_time"]);
        Assert.Contains("(104: Connection reset by peer) while reading response header from upstream", run.Outcome.ErrorLog);
    }

    // Both servers of the group refused the first request (max_fails=1): the second request finds no
    // server. 502, upstream_addr is the group name "pool", upstream_status "502";
    // error.log: "no live upstreams while connecting to upstream".
    [Fact]
    public async Task No_live_upstreams_logs_the_group_name()
    {
        using var run = await RunAsync("NoLiveUpstreams");
        var log = run.Outcome.Logged;
        Assert.Equal(502, log.Status);
        Assert.Equal("pool", log["upstream_addr"]);
        Assert.Contains("no live upstreams while connecting to upstream", run.Outcome.ErrorLog);
    }

    // Faults nginx passes over. A header line without a colon ("NoColonHere"), and a 200 with a 2-byte
    // body answering a HEAD: status 200, upstream_status "200", a header time, nothing in error.log
    // above [info]; the HEAD's body_bytes_sent is 0 (nginx sends no body to a HEAD). More body than
    // Content-Length ("Content-Length: 2" then 21 bytes): the same clean line, body_bytes_sent 2 (nginx
    // cut the extra bytes), and only a [warn] "upstream sent more data than specified in
    // "Content-Length" header while reading upstream", a warning the message table maps to no cause.
    [Theory]
    [InlineData("HeaderWithoutColon", "GET", "2", null)]
    [InlineData("HeadAnswerWithBody", "HEAD", "0", null)]
    [InlineData("BodyLongerThanLength", "GET", "2", "[warn] ")]
    public async Task Faults_nginx_passes_over_log_a_clean_200(string name, string method, string bodyBytes, string? warning)
    {
        using var run = await RunAsync(name);
        var log = run.Outcome.Logged;
        Assert.Equal(200, log.Status);
        Assert.Equal("200", log["upstream_status"]);
        Assert.Equal(method, log["request_method"]);
        Assert.NotEqual("-", log["upstream_header_time"]);
        Assert.Equal(bodyBytes, log["body_bytes_sent"]);
        Assert.Equal(200, run.Outcome.ClientStatus);
        Assert.DoesNotContain("[error]", run.Outcome.ErrorLog);
        if (warning == null)
        {
            Assert.DoesNotContain("[warn]", run.Outcome.ErrorLog);
        }
        else
        {
            Assert.Contains(warning, run.Outcome.ErrorLog);
            Assert.Contains("upstream sent more data than specified in \"Content-Length\" header while reading upstream", run.Outcome.ErrorLog);
        }
    }

    private Task<ScenarioRun> RunAsync(string name) => NginxScenarios.RunAndShowAsync(name, output);
}
