using System.Net.Security;
using System.Net;
using LbTools.Core.Probes.Checks;
using LbTools.Core.Probes;
using LbTools.Core.Tests.Support;

namespace LbTools.Core.Tests.Probes;

/// <summary>
/// TLS facts and findings against loopback servers with certificates made in the test.
/// 502.TlsToBackendFailed is the catalog cause for "TLS name mismatch, expired, untrusted".
/// </summary>
public class TlsProbeTests
{
    private const string Name = "backend.test";

    private static ProbeOptions Options(string serverName = Name) => new() { Timeout = TimeSpan.FromSeconds(3), ServerName = serverName };

    private static RawBackend TlsBackend(System.Security.Cryptography.X509Certificates.X509Certificate2 cert) =>
        RawBackend.Answering("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", cert);

    [Fact]
    public async Task Self_signed_certificate_is_reported_untrusted_with_its_facts()
    {
        using var cert = TestCertificates.Valid(Name);
        using var backend = TlsBackend(cert);
        var result = await TlsProbe.RunAsync(backend.Target("https"), IPAddress.Loopback, Options(), CancellationToken.None);
        Assert.Equal(ProbeOutcome.Warn, result.Outcome);
        Assert.Equal(ProbeFailureReason.TlsUntrusted, result.FailureReason);
        Assert.Equal(true, result.Details["HandshakeCompleted"]);
        Assert.Equal($"CN={Name}", result.Details["CertificateSubject"]);
        Assert.Equal(new[] { Name }, (string[])result.Details["CertificateSans"]!);
        Assert.Equal(true, result.Details["NameMatches"]);
        Assert.Equal(true, result.Details["SelfSigned"]);
        Assert.InRange((int)result.Details["DaysLeft"]!, 88, 90);
        Assert.Matches("Tls1[23]", (string)result.Details["Protocol"]!);
        Assert.NotNull(result.TlsMs);
        Assert.Contains("validation ran", result.Message);
        Assert.Contains("502.TlsToBackendFailed", result.Supports);
    }

    [Fact]
    public async Task Expired_certificate_fails_with_tls_expired()
    {
        using var cert = TestCertificates.Expired(Name);
        using var backend = TlsBackend(cert);
        var result = await TlsProbe.RunAsync(backend.Target("https"), IPAddress.Loopback, Options(), CancellationToken.None);
        Assert.Equal(ProbeOutcome.Fail, result.Outcome);
        Assert.Equal(ProbeFailureReason.TlsExpired, result.FailureReason);
        Assert.True((int)result.Details["DaysLeft"]! < 0);
    }

    [Fact]
    public async Task Not_yet_valid_certificate_fails_with_tls_not_yet_valid()
    {
        using var cert = TestCertificates.NotYetValid(Name);
        using var backend = TlsBackend(cert);
        var result = await TlsProbe.RunAsync(backend.Target("https"), IPAddress.Loopback, Options(), CancellationToken.None);
        Assert.Equal(ProbeFailureReason.TlsNotYetValid, result.FailureReason);
    }

    [Fact]
    public async Task Wrong_name_fails_with_tls_name_mismatch()
    {
        using var cert = TestCertificates.Valid("other.test");
        using var backend = TlsBackend(cert);
        var result = await TlsProbe.RunAsync(backend.Target("https"), IPAddress.Loopback, Options(), CancellationToken.None);
        Assert.Equal(ProbeOutcome.Fail, result.Outcome);
        Assert.Equal(ProbeFailureReason.TlsNameMismatch, result.FailureReason);
        Assert.Equal(false, result.Details["NameMatches"]);
        Assert.Contains("other.test", result.Message);
        Assert.Contains("502.TlsToBackendFailed", result.Supports);
    }

    [Fact]
    public async Task Sni_carries_the_server_name()
    {
        string? sni = null;
        using var cert = TestCertificates.Valid(Name);
        using var backend = RawBackend.Start(async (stream, _, token) =>
        {
            sni = ((SslStream)stream).TargetHostName;
            await RawBackend.ReadRequestAsync(stream, token);
        }, cert);
        await TlsProbe.RunAsync(backend.Target("https"), IPAddress.Loopback, Options("sni.example.test"), CancellationToken.None);
        for (int i = 0; i < 50 && sni == null; i++)
        {
            await Task.Delay(20);
        }

        Assert.Equal("sni.example.test", sni);
    }

    [Fact]
    public async Task Plain_http_answering_a_client_hello_means_tls_to_plain_port()
    {
        // nginx without "ssl" answers a ClientHello with "HTTP/1.1 400 Bad Request".
        using var backend = RawBackend.Start(async (stream, _, token) =>
        {
            var buffer = new byte[512];
            int helloBytes = await stream.ReadAsync(buffer, token); // The ClientHello, whatever its length.
            Assert.True(helloBytes > 0);
            await RawBackend.WriteAsync(stream, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", token);
        });
        var result = await TlsProbe.RunAsync(backend.Target("https"), IPAddress.Loopback, Options(), CancellationToken.None);
        Assert.Equal(ProbeOutcome.Fail, result.Outcome);
        Assert.Equal(ProbeFailureReason.TlsToPlainPort, result.FailureReason);
        Assert.Equal(false, result.Details["HandshakeCompleted"]);
        Assert.Contains("502.TlsToBackendFailed", result.Supports);
    }

    [Fact]
    public async Task A_text_answer_without_status_line_also_means_tls_to_plain_port()
    {
        // Python's http.server answers an unparseable request line HTTP/0.9-style: an HTML page, no status line.
        using var backend = RawBackend.Start(async (stream, _, token) =>
        {
            var buffer = new byte[512];
            int helloBytes = await stream.ReadAsync(buffer, token);
            Assert.True(helloBytes > 0);
            await RawBackend.WriteAsync(stream, "<!DOCTYPE HTML><html><body>Bad request</body></html>", token);
        });
        var result = await TlsProbe.RunAsync(backend.Target("https"), IPAddress.Loopback, Options(), CancellationToken.None);
        Assert.Equal(ProbeFailureReason.TlsToPlainPort, result.FailureReason);
        Assert.Contains("<!DOCTYPE", result.Message);
    }

    [Fact]
    public async Task Plain_http_server_that_closes_on_a_client_hello_is_confirmed_by_a_plain_request()
    {
        using var backend = RawBackend.Start(async (stream, _, token) =>
        {
            var first = new byte[1];
            if (await stream.ReadAsync(first, token) == 0 || first[0] == 0x16)
            {
                return; // Close on anything that is not HTTP.
            }

            await RawBackend.ReadRequestAsync(stream, token);
            await RawBackend.WriteAsync(stream, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", token);
        });
        var result = await TlsProbe.RunAsync(backend.Target("https"), IPAddress.Loopback, Options(), CancellationToken.None);
        Assert.Equal(ProbeFailureReason.TlsToPlainPort, result.FailureReason);
        Assert.Equal(2, backend.Connections);
    }

    [Fact]
    public async Task A_server_that_closes_on_everything_is_a_failed_handshake_not_plain_http()
    {
        using var backend = RawBackend.Start((_, _, _) => Task.CompletedTask);
        var result = await TlsProbe.RunAsync(backend.Target("https"), IPAddress.Loopback, Options(), CancellationToken.None);
        Assert.Equal(ProbeOutcome.Fail, result.Outcome);
        Assert.NotEqual(ProbeFailureReason.TlsToPlainPort, result.FailureReason);
        Assert.Contains(result.FailureReason, new[] { ProbeFailureReason.TlsHandshakeFailed, ProbeFailureReason.Reset });
    }

    [Fact]
    public async Task A_closed_port_is_refused()
    {
        var target = BackendTarget.Parse($"https://127.0.0.1:{LoopbackListener.ClosedPort()}/");
        var result = await TlsProbe.RunAsync(target, IPAddress.Loopback, Options(), CancellationToken.None);
        Assert.Equal(ProbeFailureReason.Refused, result.FailureReason);
    }

    [Fact]
    public void A_clean_validation_passes_and_near_expiry_warns()
    {
        using var fresh = TestCertificates.Valid(Name);
        var now = DateTime.UtcNow;
        var pass = TlsProbe.Classify(SslPolicyErrors.None, Array.Empty<string>(), new CertificateFacts(fresh, now), now);
        Assert.Equal(ProbeOutcome.Pass, pass.Outcome);

        using var closeToEnd = TestCertificates.Create(Name, DateTimeOffset.UtcNow.AddDays(-80), DateTimeOffset.UtcNow.AddDays(5));
        var soon = TlsProbe.Classify(SslPolicyErrors.None, Array.Empty<string>(), new CertificateFacts(closeToEnd, now), now);
        Assert.Equal(ProbeOutcome.Warn, soon.Outcome);
        Assert.Equal(ProbeFailureReason.TlsExpiringSoon, soon.Reason);
    }

    [Fact]
    public void Name_mismatch_outranks_an_untrusted_chain()
    {
        using var cert = TestCertificates.Valid("other.test");
        var now = DateTime.UtcNow;
        var verdict = TlsProbe.Classify(SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateChainErrors, new[] { "UntrustedRoot" }, new CertificateFacts(cert, now), now);
        Assert.Equal(ProbeFailureReason.TlsNameMismatch, verdict.Reason);
        Assert.Equal(2, verdict.Findings.Length);
    }

    [Fact]
    public void Subject_alternative_names_decode_dns_and_ip_entries()
    {
        using var cert = TestCertificates.Create("api.example.test", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1), IPAddress.Parse("192.0.2.7"));
        var facts = new CertificateFacts(cert, DateTime.UtcNow);
        Assert.Equal(new[] { "api.example.test", "192.0.2.7" }, facts.SubjectAlternativeNames);
    }
}
