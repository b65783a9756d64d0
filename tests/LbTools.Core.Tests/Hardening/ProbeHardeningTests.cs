using System.Globalization;
using System.Net;
using System.Text;
using LbTools.Core.Probes.Checks;
using LbTools.Core.Probes.Http;
using LbTools.Core.Probes;
using LbTools.Core.Tests.Support;

namespace LbTools.Core.Tests.Hardening;

/// <summary>
/// Issue 14, items 2, 3, 4 and 10 (probe parts): certificates are judged in every HTTP-based
/// probe, hostile servers cannot hold a probe for ever, nothing adds a line to the request
/// head, and messages name the configured limit.
/// </summary>
public class ProbeHardeningTests
{
    private const string Name = "backend.example.test";
    private const string Ok = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok";

    private static ProbeOptions Options(double timeoutSec = 1) => new() { Timeout = TimeSpan.FromSeconds(timeoutSec), ServerName = Name };

    public static IEnumerable<object[]> HttpProbes() => new[] { ProbeKind.Http, ProbeKind.Methods, ProbeKind.Limits, ProbeKind.Latency }.Select(p => new object[] { p });

    private static Task<ProbeResult> Run(ProbeKind probe, BackendTarget target, ProbeOptions options) => probe switch
    {
        ProbeKind.Http => HttpProbe.RunAsync(target, IPAddress.Loopback, options, CancellationToken.None),
        ProbeKind.Methods => MethodsProbe.RunAsync(target, IPAddress.Loopback, options, CancellationToken.None),
        ProbeKind.Limits => LimitsProbe.RunAsync(target, IPAddress.Loopback, options, CancellationToken.None),
        ProbeKind.Latency => LatencyProbe.RunAsync(target, IPAddress.Loopback, options, CancellationToken.None),
        _ => throw new ArgumentOutOfRangeException(nameof(probe)),
    };

    private static ProbeOptions Small(ProbeOptions options)
    {
        // Short ladders keep the Limits and Methods probes to a few requests.
        options.HeaderSizes = new[] { 1024 };
        options.UriLengths = new[] { 1024 };
        options.BodySizes = new[] { 512 };
        options.Methods = new[] { "GET" };
        return options;
    }

    [Theory]
    [MemberData(nameof(HttpProbes))]
    public async Task An_expired_certificate_fails_every_http_probe(ProbeKind probe)
    {
        using var cert = TestCertificates.Expired(Name);
        using var backend = RawBackend.Answering(Ok, cert);

        var result = await Run(probe, backend.Target("https"), Small(Options(3)));

        Assert.Equal(ProbeOutcome.Fail, result.Outcome);
        Assert.Equal(ProbeFailureReason.TlsExpired, result.FailureReason);
        Assert.Contains("expired", result.Message);
        Assert.Contains("502.TlsToBackendFailed", result.Supports);
    }

    [Fact]
    public async Task A_certificate_for_another_name_fails_the_http_probe()
    {
        using var cert = TestCertificates.Valid("other.example.test");
        using var backend = RawBackend.Answering(Ok, cert);

        var result = await Run(ProbeKind.Http, backend.Target("https"), Options(3));

        Assert.Equal(ProbeOutcome.Fail, result.Outcome);
        Assert.Equal(ProbeFailureReason.TlsNameMismatch, result.FailureReason);
        Assert.Contains("other.example.test", result.Message);
    }

    [Fact]
    public async Task A_self_signed_certificate_is_no_clean_pass()
    {
        using var cert = TestCertificates.Valid(Name);
        using var backend = RawBackend.Answering(Ok, cert);

        var result = await Run(ProbeKind.Http, backend.Target("https"), Options(3));

        Assert.Equal(ProbeOutcome.Warn, result.Outcome);
        Assert.Equal(ProbeFailureReason.TlsUntrusted, result.FailureReason);
        Assert.Equal(200, result.StatusCode);
        Assert.Contains("not trusted", result.Message);
        Assert.NotNull(result.Details["CertificateFindings"]);
    }

    [Fact]
    public async Task A_body_sent_one_byte_at_a_time_cannot_hold_the_probe()
    {
        // Content-Length 1000, one byte every 100 ms: each read is within the step timeout, the whole is not.
        using var backend = RawBackend.Start(async (stream, _, token) =>
        {
            await RawBackend.ReadRequestAsync(stream, token);
            await RawBackend.WriteAsync(stream, "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n", token);
            for (int i = 0; i < 1000 && !token.IsCancellationRequested; i++)
            {
                await RawBackend.WriteAsync(stream, "x", token);
                await Task.Delay(100, token);
            }
        });
        // A 1 s step timeout leaves each 100 ms gap a tenfold margin on a loaded machine; the whole
        // response is bounded by the first-byte wait plus three steps: 4 s.
        var options = Options(1.0);

        var result = await Run(ProbeKind.Http, backend.Target(), options);

        Assert.Equal(ProbeOutcome.Fail, result.Outcome);
        Assert.Equal(ProbeFailureReason.TimedOut, result.FailureReason);
        Assert.Contains("complete response", result.Message);
        Assert.Contains("4 s", result.Message);
    }

    [Fact]
    public async Task Slow_one_byte_chunks_cannot_hold_the_probe()
    {
        using var backend = RawBackend.Start(async (stream, _, token) =>
        {
            await RawBackend.WriteAsync(stream, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", token);
            while (!token.IsCancellationRequested)
            {
                await RawBackend.WriteAsync(stream, "1\r\nx\r\n", token);
                await Task.Delay(100, token);
            }
        });

        var result = await Run(ProbeKind.Http, backend.Target(), Options(1.0));

        Assert.Equal(ProbeFailureReason.TimedOut, result.FailureReason);
        Assert.Contains("no complete response within 4 s", result.Message);
    }

    [Fact]
    public async Task Trailers_sent_for_ever_are_capped()
    {
        using var backend = RawBackend.Start(async (stream, _, token) =>
        {
            await RawBackend.ReadRequestAsync(stream, token);
            await RawBackend.WriteAsync(stream, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n", token);
            var line = Encoding.ASCII.GetBytes("X-Trailer: " + new string('t', 100) + "\r\n");
            while (!token.IsCancellationRequested)
            {
                await stream.WriteAsync(line, token);
            }
        });
        var options = Options(5);
        options.MaxHeaderBytes = 4096;

        var result = await Run(ProbeKind.Http, backend.Target(), options);

        Assert.Equal(ProbeOutcome.Fail, result.Outcome);
        Assert.Equal(ProbeFailureReason.MalformedResponse, result.FailureReason);
        Assert.Contains("trailer", result.Message);
    }

    [Fact]
    public async Task A_trickled_header_block_names_the_configured_limit()
    {
        // Part of the header block, a pause, then silence: the wait that times out is what is
        // left of the limit, and the message must still name the limit.
        using var backend = RawBackend.Start(async (stream, _, token) =>
        {
            await RawBackend.ReadRequestAsync(stream, token);
            await RawBackend.WriteAsync(stream, "HTTP/1.1 200 OK\r\n", token);
            await Task.Delay(100, token);
            await RawBackend.WriteAsync(stream, "X-Slow: s", token);
            await Task.Delay(Timeout.Infinite, token);
        });

        var result = await Run(ProbeKind.Http, backend.Target(), Options(1));

        Assert.Equal(ProbeFailureReason.TimedOut, result.FailureReason);
        Assert.Contains("no complete header block within 1 s", result.Message);
    }

    public static IEnumerable<object[]> Injections() => new[]
    {
        new object[] { "Path", "/x\r\nX-Injected: yes" },
        new object[] { "HostHeader", "example.test\r\nX-Injected: yes" },
        new object[] { "ServerName", "example.test\nX" },
        new object[] { "Path", "/x\nX-Injected: yes" },
        new object[] { "Path", "/a b" },
    };

    [Theory]
    [MemberData(nameof(Injections))]
    public void Options_that_would_add_a_header_line_are_refused(string option, string value)
    {
        var options = new ProbeOptions();
        typeof(ProbeOptions).GetProperty(option)!.SetValue(options, value);

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Equal(option, error.ParamName);
        Assert.DoesNotContain("\r", error.Message);
        Assert.DoesNotContain("\n", error.Message.Split(" (Parameter")[0]);
    }

    [Theory]
    [InlineData("10.0.0.1:80\r\nX-Injected: yes")]
    [InlineData("http://10.0.0.1/x\r\nX-Injected: yes")]
    [InlineData("http://10.0.0.1/x\nHost: evil")]
    [InlineData("10.0.0.1:80\u0000")]
    public void An_upstream_from_a_log_line_cannot_carry_a_header(string upstream)
    {
        Assert.False(BackendTarget.TryParse(upstream, out _, out var error));
        Assert.Contains("which no host, port or path may hold", error);
        var message = BackendTarget.InvalidMessage(upstream, error!);
        Assert.DoesNotContain("\r", message);
        Assert.DoesNotContain("\n", message);
    }

    [Fact]
    public async Task Nothing_after_the_head_reaches_the_wire_even_past_validation()
    {
        // The last guard: a request built directly is checked when its bytes are made.
        string? seen = null;
        using var backend = RawBackend.Start(async (stream, _, token) =>
        {
            seen = await RawBackend.ReadRequestAsync(stream, token);
            await RawBackend.WriteAsync(stream, Ok, token);
        });
        var spec = new HttpRequestSpec("GET", "/x\r\nX-Injected: yes", "h");

        Assert.Throws<ArgumentException>(() => spec.HeadBytes());
        var result = await Run(ProbeKind.Http, backend.Target(), Options(2));
        Assert.Equal(ProbeOutcome.Pass, result.Outcome);
        Assert.DoesNotContain("X-Injected", seen);
    }

    [Theory]
    [InlineData("th-TH")]
    [InlineData("ar-SA")]
    [InlineData("fa-IR")]
    public void Certificate_dates_are_gregorian_in_every_culture(string culture)
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo(culture);
            using var cert = TestCertificates.Create(Name, new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2024, 6, 1, 12, 30, 0, TimeSpan.Zero));
            var facts = new CertificateFacts(cert, new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc));

            var verdict = TlsProbe.Classify(System.Net.Security.SslPolicyErrors.None, Array.Empty<string>(), facts, new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc));

            Assert.Contains("expired on 2024-06-01 12:30 UTC", verdict.Findings[0]);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public async Task The_duration_covers_the_fallback_check()
    {
        // The first connection closes on the plain request; the probe then tries a TLS handshake
        // on a second one, which hears nothing until its 1 s step timeout has run out.
        int connection = 0;
        using var backend = RawBackend.Start(async (stream, socket, token) =>
        {
            if (Interlocked.Increment(ref connection) == 1)
            {
                await RawBackend.ReadRequestAsync(stream, token);
                return;
            }

            int hello = await stream.ReadAsync(new byte[1], token);
            Assert.Equal(1, hello);
            await Task.Delay(TimeSpan.FromSeconds(3), token);
        });

        var result = await Run(ProbeKind.Http, backend.Target(), Options(1));

        Assert.Equal(ProbeFailureReason.ClosedWithoutResponse, result.FailureReason);
        Assert.Equal(2, backend.Connections);
        Assert.True(result.DurationMs >= 1000, $"the reported {result.DurationMs} ms leave out the 1 s TLS check");
    }
}
