using System.Net;
using LbTools.Core.Probes.Checks;
using LbTools.Core.Probes;
using LbTools.Core.Tests.Support;

namespace LbTools.Core.Tests.Probes;

/// <summary>
/// The Http probe against backends that misbehave on purpose (raw sockets on 127.0.0.1). Cause
/// ids are those of the built-in cause catalog: 502.MalformedResponse ("probe: strict
/// response check fails"), 502.BackendClosedConnection ("probe: server closes without
/// answering"), 400.BackendExpectsHttps ("probe: backend port speaks TLS").
/// </summary>
public class HttpProbeTests
{
    private static ProbeOptions Options(double timeoutSec = 2) => new() { Timeout = TimeSpan.FromSeconds(timeoutSec) };

    private static Task<ProbeResult> Probe(RawBackend backend, ProbeOptions? options = null, string? scheme = null) =>
        HttpProbe.RunAsync(backend.Target(scheme), IPAddress.Loopback, options ?? Options(), CancellationToken.None);

    [Fact]
    public async Task A_sound_response_passes_with_phase_timings_and_rules_out_malformed()
    {
        using var backend = RawBackend.Answering("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok");
        var result = await Probe(backend);
        Assert.Equal(ProbeOutcome.Pass, result.Outcome);
        Assert.Equal(200, result.StatusCode);
        Assert.NotNull(result.ConnectMs);
        Assert.NotNull(result.FirstByteMs);
        Assert.NotNull(result.TransferMs);
        Assert.Null(result.TlsMs);
        Assert.Contains("502.MalformedResponse", result.RulesOut);
        Assert.Contains("502.BackendClosedConnection", result.RulesOut);
    }

    [Fact]
    public async Task The_request_carries_method_path_and_host_header()
    {
        string? seen = null;
        using var backend = RawBackend.Start(async (stream, _, token) =>
        {
            seen = await RawBackend.ReadRequestAsync(stream, token);
            await RawBackend.WriteAsync(stream, "HTTP/1.1 204 No Content\r\n\r\n", token);
        });
        var options = Options();
        options.Method = "DELETE";
        options.Path = "/health?deep=1";
        options.HostHeader = "api.example.test";
        var result = await Probe(backend, options);
        Assert.Equal(ProbeOutcome.Pass, result.Outcome);
        Assert.StartsWith("DELETE /health?deep=1 HTTP/1.1\r\n", seen);
        Assert.Contains("\r\nHost: api.example.test\r\n", seen);
        Assert.Contains("\r\nConnection: close\r\n", seen);
    }

    [Fact]
    public async Task A_closed_port_is_refused()
    {
        var target = BackendTarget.Parse($"127.0.0.1:{LoopbackListener.ClosedPort()}");
        var result = await HttpProbe.RunAsync(target, IPAddress.Loopback, Options(), CancellationToken.None);
        Assert.Equal(ProbeFailureReason.Refused, result.FailureReason);
        Assert.Contains("502.BackendConnectFailed", result.Supports);
    }

    [Fact]
    public async Task A_backend_that_accepts_and_never_answers_times_out()
    {
        using var backend = RawBackend.Start((_, _, token) => Task.Delay(Timeout.Infinite, token));
        var result = await Probe(backend, Options(2));
        Assert.Equal(ProbeOutcome.Fail, result.Outcome);
        Assert.Equal(ProbeFailureReason.TimedOut, result.FailureReason);
        Assert.Contains("first response byte", result.Message);
        Assert.Equal(new[] { "504.BackendResponseTimeout" }, result.Supports);
    }

    [Fact]
    public async Task A_reset_in_the_middle_of_the_response_is_reset()
    {
        using var backend = RawBackend.Start(async (stream, socket, token) =>
        {
            await RawBackend.ReadRequestAsync(stream, token);
            await RawBackend.WriteAsync(stream, "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\npartial", token);
            await Task.Delay(100, token);
            RawBackend.Reset(socket);
        });
        var result = await Probe(backend);
        Assert.Equal(ProbeOutcome.Fail, result.Outcome);
        Assert.Equal(ProbeFailureReason.Reset, result.FailureReason);
        Assert.Contains("502.BackendClosedConnection", result.Supports);
    }

    [Fact]
    public async Task A_close_without_any_response_is_closed_without_response()
    {
        using var backend = RawBackend.Start(async (stream, _, token) => await RawBackend.ReadRequestAsync(stream, token));
        var result = await Probe(backend);
        Assert.Equal(ProbeFailureReason.ClosedWithoutResponse, result.FailureReason);
        Assert.Contains("502.BackendClosedConnection", result.Supports);
    }

    [Theory]
    [InlineData("HTTP/1.1 OK\r\nContent-Length: 0\r\n\r\n", ProbeFailureReason.MalformedResponse, "status line")]
    [InlineData("HTTP/1.1 200 OK\r\nServer broken-app\r\nContent-Length: 0\r\n\r\n", ProbeFailureReason.MalformedResponse, "no colon")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\nshort", ProbeFailureReason.IncompleteBody, "Content-Length is 50")]
    public async Task A_broken_response_fails_and_supports_malformed_response(string response, ProbeFailureReason reason, string detail)
    {
        using var backend = RawBackend.Answering(response);
        var result = await Probe(backend);
        Assert.Equal(ProbeOutcome.Fail, result.Outcome);
        Assert.Equal(reason, result.FailureReason);
        Assert.Contains(detail, result.Message);
        Assert.Contains("502.MalformedResponse", result.Supports);
        Assert.DoesNotContain("502.MalformedResponse", result.RulesOut);
    }

    [Fact]
    public async Task Trickling_headers_time_out_even_though_each_byte_is_quick()
    {
        using var backend = RawBackend.Start(async (stream, _, token) =>
        {
            await RawBackend.ReadRequestAsync(stream, token);
            await RawBackend.WriteAsync(stream, "HTTP/1.1 200 OK\r\n", token);
            for (int i = 0; i < 200 && !token.IsCancellationRequested; i++)
            {
                await RawBackend.WriteAsync(stream, "X", token);
                await Task.Delay(100, token);
            }
        });
        var result = await Probe(backend, Options(2));
        Assert.Equal(ProbeFailureReason.TimedOut, result.FailureReason);
        Assert.Contains("complete header block", result.Message);
    }

    [Fact]
    public async Task Huge_response_headers_are_too_large()
    {
        string big = string.Concat(Enumerable.Range(0, 20).Select(i => $"X-Big-{i}: {new string('a', 4000)}\r\n"));
        using var backend = RawBackend.Answering($"HTTP/1.1 200 OK\r\n{big}Content-Length: 0\r\n\r\n");
        var options = Options();
        options.MaxHeaderBytes = 64 * 1024;
        var result = await Probe(backend, options);
        Assert.Equal(ProbeFailureReason.HeaderTooLarge, result.FailureReason);
        Assert.Contains("502.MalformedResponse", result.Supports);
    }

    [Fact]
    public async Task Tls_answer_to_plain_http_means_the_port_speaks_tls()
    {
        using var backend = RawBackend.Start(async (stream, _, token) =>
        {
            await RawBackend.ReadRequestAsync(stream, token);
            // What a TLS server sends to a non-TLS first record: alert, fatal, protocol_version (RFC 8446 §6).
            await stream.WriteAsync(new byte[] { 0x15, 0x03, 0x01, 0x00, 0x02, 0x02, 0x46 }, token);
        });
        var result = await Probe(backend);
        Assert.Equal(ProbeFailureReason.PlainHttpToTlsPort, result.FailureReason);
        Assert.Contains("400.BackendExpectsHttps", result.Supports);
    }

    [Fact]
    public async Task A_real_tls_server_spoken_to_in_plain_http_is_detected()
    {
        using var cert = TestCertificates.Valid("backend.test");
        using var backend = RawBackend.Answering("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", cert);
        var result = await Probe(backend);
        Assert.Equal(ProbeOutcome.Fail, result.Outcome);
        // .NET's (OpenSSL's) server closes on a plain request without an alert; a handshake on a second connection confirms TLS.
        Assert.Equal(ProbeFailureReason.PlainHttpToTlsPort, result.FailureReason);
        Assert.Equal(new[] { "400.BackendExpectsHttps" }, result.Supports);
        Assert.Equal(2, backend.Connections);
    }

    [Fact]
    public async Task Nginx_https_only_page_is_recognised()
    {
        const string body = "<html><center>The plain HTTP request was sent to HTTPS port</center></html>";
        using var backend = RawBackend.Answering($"HTTP/1.1 400 Bad Request\r\nContent-Length: {body.Length}\r\n\r\n{body}");
        var result = await Probe(backend);
        Assert.Equal(ProbeFailureReason.PlainHttpToTlsPort, result.FailureReason);
        Assert.Contains("400.BackendExpectsHttps", result.Supports);
    }

    [Fact]
    public async Task A_405_answer_supports_405_from_backend()
    {
        using var backend = RawBackend.Answering("HTTP/1.1 405 Method Not Allowed\r\nAllow: GET\r\nContent-Length: 0\r\n\r\n");
        var options = Options();
        options.Method = "TRACE";
        var result = await Probe(backend, options);
        Assert.Equal(ProbeFailureReason.MethodNotAllowed, result.FailureReason);
        Assert.Contains("405.FromBackend", result.Supports);
    }

    [Fact]
    public async Task Expect_status_turns_an_other_status_into_a_failure()
    {
        using var backend = RawBackend.Answering("HTTP/1.1 302 Found\r\nLocation: /login\r\nContent-Length: 0\r\n\r\n");
        var options = Options();
        options.ExpectStatus = new[] { 200 };
        var result = await Probe(backend, options);
        Assert.Equal(ProbeFailureReason.UnexpectedStatus, result.FailureReason);
        Assert.Equal(302, result.StatusCode);
    }

    [Fact]
    public async Task A_https_target_reports_tls_time_and_reads_over_tls()
    {
        using var cert = TestCertificates.Valid("backend.test");
        using var backend = RawBackend.Answering("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", cert);
        var options = Options();
        options.ServerName = "backend.test";
        var result = await Probe(backend, options, scheme: "https");

        // The test certificate is self-signed: read over TLS, but never a clean pass (issue 14).
        Assert.Equal(ProbeOutcome.Warn, result.Outcome);
        Assert.Equal(ProbeFailureReason.TlsUntrusted, result.FailureReason);
        Assert.Equal(200, result.StatusCode);
        Assert.NotNull(result.TlsMs);
        Assert.Equal(2L, result.Details["BodyBytes"]);
    }
}
