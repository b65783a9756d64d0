using System.Globalization;
using System.Net;
using System.Net.Sockets;
using LbTools.Core.Diagnosis;
using LbTools.Core.Diagnosis.Rules;
using LbTools.Core.Probes;
using LbTools.Core.Tests.Support;

namespace LbTools.Core.Tests.Diagnosis;

/// <summary>
/// Built from REAL nginx access-log lines: nginx writes its own failures into upstream_status,
/// so status == upstream_status does not prove a backend answer; only a numeric
/// upstream_header_time does (nginx src/http/ngx_http_upstream.c: a connect error is recorded
/// as 502, a timeout as 504; times are '-' when the step never completed).
/// </summary>
public class NginxLogTests
{
    private static readonly StatusResolver Resolver = new(CauseCatalog.BuiltIn, CultureInfo.GetCultureInfo("en"));

    [Fact]
    public async Task Real_nginx_logs_tell_a_refused_connect_from_a_real_backend_502_and_a_read_timeout()
    {
        using var closed = NginxInstance.ClosedPort(out int closedPort);
        int backendPort = NginxInstance.FreePort();
        int port = NginxInstance.FreePort();
        var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start(); // accepts the TCP handshake through the backlog, never answers
        int silentPort = ((IPEndPoint)silent.LocalEndpoint).Port;
        try
        {
            string servers = $$"""
                server {
                  listen 127.0.0.1:PORT;
                  location /refused { proxy_pass http://127.0.0.1:{{closedPort}}; }
                  location /tls { proxy_pass https://127.0.0.1:{{backendPort}}; }
                  location /answered { proxy_pass http://127.0.0.1:{{backendPort}}; }
                  location /silent { proxy_pass http://127.0.0.1:{{silentPort}}; proxy_read_timeout 1s; }
                }
                server { listen 127.0.0.1:{{backendPort}}; location / { return 502; } }
                """;
            using var nginx = NginxInstance.Start(port, servers);
            Assert.Equal(502, await nginx.GetAsync("/refused"));
            Assert.Equal(502, await nginx.GetAsync("/tls"));
            Assert.Equal(502, await nginx.GetAsync("/answered"));
            Assert.Equal(504, await nginx.GetAsync("/silent"));
            // The backend server block logs requests too; wait for the proxy's line of every path.
            string[] paths = { "/refused", "/tls", "/answered", "/silent" };
            var lines = nginx.WaitForLogLines(
                logged => paths.All(p => logged.Any(l => l.Contains($"\"request_uri\":\"{p}\"", StringComparison.Ordinal) && l.Contains($"\"upstream_addr\":\"127.0.0.1:", StringComparison.Ordinal))),
                "a proxied line for each of " + string.Join(", ", paths));
            var byPath = lines.Select(NginxJsonRecord.Parse).Where(r => r.Upstream != null).ToDictionary(r => r.Path!);

            // What nginx 1.22.1 (Debian) really logged on this machine (2026-11-22):
            // /refused: {"status":"502","upstream_status":"502","upstream_addr":"127.0.0.1:<closed>","upstream_connect_time":"-","upstream_header_time":"-","upstream_response_time":"0.000"}
            // /tls:     {"status":"502","upstream_status":"502","upstream_connect_time":"-","upstream_header_time":"-","upstream_response_time":"0.000"}
            //           (error.log: SSL_do_handshake() failed ... wrong version number while SSL handshaking to upstream)
            // /answered: status 502, upstream_status 502 and numeric connect and header times (e.g. "0.000")
            // /silent:  {"status":"504","upstream_status":"504","upstream_connect_time":"0.001","upstream_header_time":"-","upstream_response_time":"1.002"}
            //           (error.log: upstream timed out (110: Connection timed out) while reading response header from upstream)
            // A backend that accepts and closes without answering logs connect "0.000", header "-", 502/502 (checked by hand).
            var refused = byPath["/refused"];
            Assert.Equal(502, refused.UpstreamStatus);
            Assert.Null(refused.UpstreamConnectTime);
            Assert.Null(refused.UpstreamHeaderTime);

            var refusedDiagnosis = Resolver.Resolve(refused)!;
            Assert.Equal("502.BackendConnectFailed", refusedDiagnosis.TopCause);
            Assert.DoesNotContain(refusedDiagnosis.Causes, c => c.CauseId == "502.FromBackend");
            var alsoFits = refusedDiagnosis.Causes.Where(c => c.Score >= 40).Select(c => c.CauseId).ToList();
            Assert.Contains("502.TlsToBackendFailed", alsoFits);
            Assert.Contains("the Tcp, Tls and Http probes", refusedDiagnosis.Causes[0].Rationale);
            Assert.Contains(refusedDiagnosis.Causes[0].Evidence, e => e.Field == "upstream_header_time" && e.Value == "-");

            // A failed TLS handshake leaves exactly the same traces: the log cannot separate it from a refusal...
            var tls = byPath["/tls"];
            Assert.Null(tls.UpstreamConnectTime);
            Assert.Null(tls.UpstreamHeaderTime);
            var tlsDiagnosis = Resolver.Resolve(tls)!;
            Assert.Equal(refusedDiagnosis.Causes.Select(c => (c.CauseId, c.Score)), tlsDiagnosis.Causes.Select(c => (c.CauseId, c.Score)));

            // ...a TLS probe does: the backend port speaks plain HTTP.
            var probe = DiagnosisFixtures.Probe(ProbeKind.Tls, ProbeFailureReason.TlsToPlainPort, tls.Upstream!);
            Assert.Equal("502.TlsToBackendFailed", Resolver.Resolve(tls, new[] { probe })!.TopCause);
            // and a refused TCP probe confirms the refusal for the other line.
            var refusedProbe = DiagnosisFixtures.Probe(ProbeKind.Tcp, ProbeFailureReason.Refused, refused.Upstream!);
            Assert.Equal(ProbeRule.ConfirmedScore, Resolver.Resolve(refused, new[] { refusedProbe })!.Causes[0].Score);

            // A backend that really answered 502 has a numeric header time.
            var answered = byPath["/answered"];
            Assert.NotNull(answered.UpstreamHeaderTime);
            Assert.Equal("502.FromBackend", Resolver.Resolve(answered)!.TopCause);

            // The read timeout: connected, no header, 504/504 with the timeout in upstream_response_time.
            var silentRecord = byPath["/silent"];
            Assert.Equal(504, silentRecord.UpstreamStatus);
            Assert.NotNull(silentRecord.UpstreamConnectTime);
            Assert.Null(silentRecord.UpstreamHeaderTime);
            Assert.InRange(silentRecord.UpstreamResponseTime!.Value, 0.9, 5);
            var withReadTimeout = new StatusResolver(CauseCatalog.BuiltIn, CultureInfo.GetCultureInfo("en"), new DiagnosisSettings { RequestTimeout = TimeSpan.FromSeconds(1) }, null);
            var timeout = withReadTimeout.Resolve(silentRecord)!;
            Assert.Equal("504.BackendResponseTimeout", timeout.TopCause);
            Assert.Equal(85, timeout.Causes[0].Score);
            Assert.DoesNotContain(timeout.Causes, c => c.CauseId == "504.FromBackend");
        }
        finally
        {
            silent.Stop();
        }
    }

    [Fact]
    public async Task A_real_retry_past_a_refused_server_is_diagnosed_although_the_client_got_200()
    {
        using var closed = NginxInstance.ClosedPort(out int closedPort);
        int backendPort = NginxInstance.FreePort();
        int port = NginxInstance.FreePort();
        // Round robin starts at the first server; proxy_next_upstream (default "error timeout") moves on after the refusal.
        string servers = $$"""
            upstream pool { server 127.0.0.1:{{closedPort}}; server 127.0.0.1:{{backendPort}}; }
            server { listen 127.0.0.1:PORT; location / { proxy_pass http://pool; } }
            server { listen 127.0.0.1:{{backendPort}}; location / { return 200 "ok"; } }
            """;
        using var nginx = NginxInstance.Start(port, servers);
        Assert.Equal(200, await nginx.GetAsync("/retry"));
        var record = nginx.WaitForLogLines(2).Select(NginxJsonRecord.Parse).Single(r => r.UpstreamAddresses.Count > 0);

        // nginx 1.22.1 logged: "status":"200","upstream_status":"502, 200","upstream_addr":"127.0.0.1:<closed>, 127.0.0.1:<backend>",
        // "upstream_connect_time":"-, 0.001","upstream_header_time":"-, 0.001","upstream_response_time":"0.000, 0.001" (§6.2: "502, 200").
        Assert.Equal(new int?[] { 502, 200 }, record.UpstreamStatuses);
        Assert.Null(record.UpstreamConnectTimes[0]);
        var diagnosis = Resolver.Resolve(record)!;
        Assert.Equal(200, diagnosis.Status);
        Assert.Equal("502.UpstreamAttemptFailed", diagnosis.TopCause);
        Assert.Contains($"127.0.0.1:{closedPort}", diagnosis.Causes[0].Evidence[0].Sentence);
    }
}
