using System.Net;
using LbTools.Core.Probes.Checks;
using LbTools.Core.Probes;
using LbTools.Core.Tests.Support;

namespace LbTools.Core.Tests.Probes;

/// <summary>
/// The protocol-mix-up heuristics against a real nginx (its own prefix, loopback ports): an
/// "ssl" listener answers plain HTTP with 400 "The plain HTTP request was sent to HTTPS port",
/// a plain listener answers a TLS ClientHello with "HTTP/1.1 400 Bad Request", and nginx
/// refuses TRACE with 405.
/// </summary>
public class NginxProbeTests
{
    [Fact]
    public async Task Nginx_protocol_mix_ups_are_named_both_ways()
    {
        using var cert = TestCertificates.Valid("backend.test");
        using var nginx = NginxBackend.Start(cert);
        var options = new ProbeOptions { Timeout = TimeSpan.FromSeconds(3), ServerName = "backend.test" };

        var plainToTls = await HttpProbe.RunAsync(BackendTarget.Parse($"127.0.0.1:{nginx.TlsPort}"), IPAddress.Loopback, options, CancellationToken.None);
        Assert.Equal(ProbeFailureReason.PlainHttpToTlsPort, plainToTls.FailureReason);
        Assert.Contains("400.BackendExpectsHttps", plainToTls.Supports);

        var tlsToPlain = await TlsProbe.RunAsync(BackendTarget.Parse($"https://127.0.0.1:{nginx.PlainPort}/"), IPAddress.Loopback, options, CancellationToken.None);
        Assert.Equal(ProbeFailureReason.TlsToPlainPort, tlsToPlain.FailureReason);

        var https = await HttpProbe.RunAsync(BackendTarget.Parse($"https://127.0.0.1:{nginx.TlsPort}/"), IPAddress.Loopback, options, CancellationToken.None);
        // nginx's test certificate is self-signed: the response is sound, the chain is not trusted (issue 14).
        Assert.Equal(ProbeOutcome.Warn, https.Outcome);
        Assert.Equal(ProbeFailureReason.TlsUntrusted, https.FailureReason);
        Assert.Equal(200, https.StatusCode);
        Assert.Contains("502.MalformedResponse", https.RulesOut);

        var tls = await TlsProbe.RunAsync(BackendTarget.Parse($"https://127.0.0.1:{nginx.TlsPort}/"), IPAddress.Loopback, options, CancellationToken.None);
        Assert.Equal(ProbeFailureReason.TlsUntrusted, tls.FailureReason);
        Assert.Equal(new[] { "backend.test" }, (string[])tls.Details["CertificateSans"]!);

        options.Methods = new[] { "GET", "TRACE" };
        var methods = await MethodsProbe.RunAsync(BackendTarget.Parse($"127.0.0.1:{nginx.PlainPort}"), IPAddress.Loopback, options, CancellationToken.None);
        Assert.Equal(new[] { "TRACE" }, (string[])methods.Details["NotAllowed"]!);
        Assert.Contains("405.FromBackend", methods.Supports);
    }
}
