using System.Globalization;
using LbTools.Core.Diagnosis.Counting;
using LbTools.Core.Diagnosis.Rules;
using LbTools.Core.Diagnosis;
using LbTools.Core.Logs;
using LbTools.Core.Probes;
using static LbTools.Core.Tests.Support.DiagnosisFixtures;

namespace LbTools.Core.Tests.Diagnosis;

public class StatusResolverProbeTests
{
    private static readonly StatusResolver Resolver = new(CauseCatalog.BuiltIn, CultureInfo.GetCultureInfo("en"));

    [Fact]
    public void Probes_of_other_addresses_are_ignored()
    {
        var record = Nginx(502, 502, connect: null, header: null);
        var elsewhere = Probe(ProbeKind.Tls, ProbeFailureReason.TlsExpired, "10.9.9.9:8080");
        var d = Resolver.Resolve(record, new[] { elsewhere })!;
        Assert.Equal("502.BackendConnectFailed", d.TopCause);
        Assert.Empty(d.Probes);
    }

    [Fact]
    public void A_clean_strict_http_probe_rules_out_a_malformed_response()
    {
        // cause-catalog.md 502.MalformedResponse: "probe: strict response check fails" — a pass rules it out.
        var record = Nginx(502, 502, connect: 0.001, header: null);
        var d = Resolver.Resolve(record, new[] { Probe(ProbeKind.Http, ProbeFailureReason.None) })!;
        var malformed = d.Causes.Single(c => c.CauseId == "502.MalformedResponse");
        Assert.Equal(5, malformed.Score);
        Assert.StartsWith("score 5: Ruled out by a probe", malformed.Rationale);
    }

    [Fact]
    public void The_probers_own_supports_and_rules_out_lists_are_honoured()
    {
        var record = Nginx(502, 502, connect: 0.001, header: null);
        var probe = Probe(ProbeKind.Http, ProbeFailureReason.Other);
        probe.Supports.Add("502.MtuExceeded");
        probe.RulesOut.Add("502.BackendClosedConnection");
        var d = Resolver.Resolve(record, new[] { probe })!;
        Assert.Equal("502.MtuExceeded", d.TopCause);
        Assert.Equal(5, d.Causes.Single(c => c.CauseId == "502.BackendClosedConnection").Score);
    }

    [Fact]
    public void Probes_alone_rank_the_catalog_causes_of_a_status()
    {
        var d = Resolver.ResolveProbes(new[] { Probe(ProbeKind.Tcp, ProbeFailureReason.Refused) }, 502, LbProvider.Nginx);
        Assert.Equal("502.BackendConnectFailed", d.TopCause);
        Assert.Equal(95, d.Causes[0].Score);
        Assert.All(d.Causes.Skip(1), c => Assert.True(c.Score <= StatusResolver.CatalogOnlyScore));
        Assert.Null(d.Record);
    }

    [Fact]
    public void Probes_alone_without_a_status_are_weighed_for_502()
    {
        var refused = new[] { Probe(ProbeKind.Tcp, ProbeFailureReason.Refused) };

        var d = Assert.Single(Resolver.ResolveProbes(refused, Array.Empty<int>(), LbProvider.Nginx));

        Assert.Equal(502, d.Status);
        Assert.Equal("502.BackendConnectFailed", d.TopCause);
    }

    [Fact]
    public void Probes_alone_give_one_diagnosis_per_named_status_in_order()
    {
        var timedOut = new[] { Probe(ProbeKind.Tcp, ProbeFailureReason.TimedOut) };

        var list = Resolver.ResolveProbes(timedOut, new[] { 504, 502 }, LbProvider.Nginx);

        Assert.Equal(new[] { 504, 502 }, list.Select(d => d.Status));
        Assert.All(list, d => Assert.Null(d.Record));
    }

    [Fact]
    public void Probes_match_ipv6_upstreams_in_brackets()
    {
        var record = Nginx(502, 502, address: "[::1]:8080", connect: null, header: null);
        var probe = new ProbeResult("[::1]:8080", "::1", 8080, "::1", ProbeKind.Tls) { Outcome = ProbeOutcome.Fail, FailureReason = ProbeFailureReason.TlsUntrusted };
        Assert.Equal("502.TlsToBackendFailed", Resolver.Resolve(record, new[] { probe })!.TopCause);
    }

    [Fact]
    public void A_success_without_failed_attempts_needs_no_diagnosis_but_a_hidden_retry_does()
    {
        Assert.Null(Resolver.Resolve(Nginx(200, 200)));
        var hidden = Resolver.Resolve(NginxAttempts(200, new int?[] { 502, 200 }, new double?[] { null, 0.01 }))!;
        Assert.Equal(200, hidden.Status);
        Assert.Contains("10.0.0.5:8080", hidden.Causes[0].Evidence[0].Sentence);
    }

    [Fact]
    public void Equal_scores_are_reported_as_ties()
    {
        var d = Resolver.Resolve(Clb(503, backend: null))!;
        Assert.Equal(new[] { "503.NoBackend", "503.NoHealthyBackend" }, d.TiedCauses);
    }

    [Fact]
    public void Alibaba_logs_without_upstream_header_time_still_name_the_backend_but_with_less_certainty()
    {
        // Alibaba's own guidance (Alibaba Cloud "ALB status codes"): equal status and upstream_status → look at the backend first.
        var record = Proxy(LbProvider.AlibabaAlb, 502, 502);
        record.Fields = new Dictionary<string, string?> { ["status"] = "502", ["upstream_status"] = "502" };
        record.UpstreamHeaderTime = null;
        record.UpstreamHeaderTimes = Array.Empty<double?>();
        record.UpstreamConnectTime = null;
        var d = Resolver.Resolve(record)!;
        Assert.Equal("502.FromBackend", d.TopCause);
        Assert.Equal(75, d.Causes[0].Score);
        // Tengine writes its own connect failures into upstream_status too, so they stay listed.
        Assert.True(d.Causes.Single(c => c.CauseId == "502.BackendConnectFailed").Score >= 40);
        Assert.Contains(d.Causes.Single(c => c.CauseId == "502.BackendConnectFailed").Evidence, e => e.Sentence.Contains("no upstream_header_time"));
    }

    [Fact]
    public void Profiles_hold_the_documented_defaults_and_overrides_win()
    {
        // Alibaba (seeds 001/003): connect 5 s, request 60 s, 32 KB. AWS ALB (§2): 10 s, 60 s idle, 16 K / 64 K. nginx defaults: 60 s, 8k buffers.
        var ali = ProviderProfile.For(LbProvider.AlibabaAlb);
        Assert.Equal((5.0, 60.0, 32 * 1024L), (ali.ConnectTimeout.TotalSeconds, ali.RequestTimeout.TotalSeconds, ali.HeaderLimitBytes));
        var aws = ProviderProfile.For(LbProvider.AwsAlb);
        Assert.Equal((10.0, 60.0, 16 * 1024L, 64 * 1024L, 30), (aws.ConnectTimeout.TotalSeconds, aws.IdleTimeout.TotalSeconds, aws.HeaderLimitBytes, aws.TotalHeaderLimitBytes, aws.MaxForwardedForAddresses));
        var nginx = ProviderProfile.For(LbProvider.Nginx);
        Assert.Equal((60.0, 60.0, 8 * 1024L), (nginx.ConnectTimeout.TotalSeconds, nginx.RequestTimeout.TotalSeconds, nginx.HeaderLimitBytes));

        // CloudFront API reference: origin connection timeout 10 s, origin response timeout 30 s; reference §4: 20 KB headers, 8192-byte URL.
        var cloudFront = ProviderProfile.For(LbProvider.CloudFront);
        Assert.Equal((10.0, 30.0, 20 * 1024L, 8192L), (cloudFront.ConnectTimeout.TotalSeconds, cloudFront.RequestTimeout.TotalSeconds, cloudFront.HeaderLimitBytes, cloudFront.UriLimitBytes));
        var overridden = new DiagnosisSettings { ConnectTimeout = TimeSpan.FromSeconds(2) }.ProfileFor(LbProvider.AlibabaAlb);
        Assert.Equal(2, overridden.ConnectTimeout.TotalSeconds);

        // With -ConnectTimeout 2 a connect that gave up after 2 s is a connect timeout (85), without it only 60.
        var record = Proxy(LbProvider.AlibabaAlb, 504, 504, connect: null, header: null, response: 2.0);
        var custom = new StatusResolver(CauseCatalog.BuiltIn, CultureInfo.GetCultureInfo("en"), new DiagnosisSettings { ConnectTimeout = TimeSpan.FromSeconds(2) }, null);
        Assert.Equal(85, custom.Resolve(record)!.Causes[0].Score);
        Assert.Equal(60, Resolver.Resolve(record)!.Causes[0].Score);
    }

    [Fact]
    public void A_lower_header_limit_turns_a_smaller_request_into_a_header_problem()
    {
        // Alibaba ALB 400: header over 32 KB (Alibaba Cloud "ALB status codes"); a user who set a lower limit passes -HeaderLimit.
        var record = Proxy(LbProvider.AlibabaAlb, 400, null, address: null, requestLength: 10_000);
        Assert.NotEqual("400.HeaderTooLarge", Resolver.Resolve(record)!.TopCause);
        var strict = new StatusResolver(CauseCatalog.BuiltIn, CultureInfo.GetCultureInfo("en"), new DiagnosisSettings { HeaderLimitBytes = 8 * 1024 }, null);
        Assert.Equal("400.HeaderTooLarge", strict.Resolve(record)!.TopCause);
    }

    [Fact]
    public void The_burst_tracker_stays_small()
    {
        var tracker = new BurstTracker();
        for (int i = 0; i < 100_000; i++)
        {
            tracker.Observe(400 + (i % 100), At.AddMilliseconds(i * 10), 50);
        }

        Assert.True(tracker.Size <= 3 * 100, $"{tracker.Size} entries");
    }

    [Fact]
    public void A_probe_of_the_server_a_retry_hid_names_why_that_attempt_failed()
    {
        // Real nginx (integration scenario RetryHidesFailingServer): status 200, upstream_status
        // "502, 200", connect time "-" for the first server. The log says an attempt failed; the
        // Tcp probe of that server (Refused) says why (cause-catalog.md 502.BackendConnectFailed:
        // "probe: TCP refused"), although the record's own status is 200.
        var record = NginxAttempts(200, new int?[] { 502, 200 }, new double?[] { null, 0.01 });
        Assert.Equal("502.UpstreamAttemptFailed", Resolver.Resolve(record)!.TopCause);

        var d = Resolver.Resolve(record, new[] { Probe(ProbeKind.Tcp, ProbeFailureReason.Refused, "10.0.0.5:8080") })!;
        Assert.Equal("502.BackendConnectFailed", d.TopCause);
        Assert.Equal(ProbeRule.ConfirmedScore, d.Causes[0].Score);
        Assert.Contains(d.Causes, c => c.CauseId == "502.UpstreamAttemptFailed");
    }

    [Fact]
    public void A_refused_probe_of_the_server_that_answered_confirms_nothing_about_the_hidden_attempt()
    {
        var record = NginxAttempts(200, new int?[] { 502, 200 }, new double?[] { null, 0.01 });
        var d = Resolver.Resolve(record, new[] { Probe(ProbeKind.Tcp, ProbeFailureReason.Refused, "10.0.0.6:8080") })!;
        Assert.Equal("502.UpstreamAttemptFailed", d.TopCause);
        Assert.DoesNotContain(d.Causes, c => c.CauseId == "502.BackendConnectFailed");
    }

    [Fact]
    public void A_port_that_wants_tls_is_the_listener_when_the_balancer_answered_400_itself()
    {
        // Real nginx (scenario PlainHttpToTlsListener): 400, no upstream, scheme http — the line reads
        // like a malformed request. cause-catalog.md: 400.HttpToHttpsPort "probe: plain HTTP to a TLS
        // port"; 400.BackendExpectsHttps needs "upstream status 400" (a backend's relayed answer).
        var own400 = Proxy(LbProvider.Nginx, 400, null, address: null, scheme: "http");
        var tlsPort = Probe(ProbeKind.Http, ProbeFailureReason.PlainHttpToTlsPort, "127.0.0.1:8443");
        var logOnly = Resolver.Resolve(own400)!;
        Assert.True(logOnly.IsTied);
        Assert.Contains("400.MalformedRequest", logOnly.TiedCauses);
        Assert.Contains("400.HttpToHttpsPort", logOnly.TiedCauses);
        var d = Resolver.Resolve(own400, new[] { tlsPort })!;
        Assert.False(d.IsTied);
        Assert.Equal("400.HttpToHttpsPort", d.TopCause);
        Assert.Single(d.TiedCauses);

        var relayed = Proxy(LbProvider.AlibabaClb, 400, 400);
        var backend = Resolver.Resolve(relayed, new[] { Probe(ProbeKind.Http, ProbeFailureReason.PlainHttpToTlsPort) })!;
        Assert.Equal("400.BackendExpectsHttps", backend.TopCause);
        Assert.Single(backend.TiedCauses);
        Assert.True(backend.Causes.Single(c => c.CauseId == "400.HttpToHttpsPort").Score < ProbeRule.ConfirmedScore);

        // Without a record nothing tells listener from backend: both stay, tied.
        var alone = Resolver.ResolveProbes(new[] { tlsPort }, 400, LbProvider.AlibabaClb);
        Assert.Equal(new[] { "400.BackendExpectsHttps", "400.HttpToHttpsPort" }, alone.TiedCauses);
    }

    [Fact]
    public void A_backend_that_answers_5xx_itself_is_not_a_routing_problem()
    {
        // Real nginx (scenario BackendAnswers502): the backend's own 502, header time set. The Http
        // probe gets that 502 too (UnexpectedStatus, Supports 502.FromBackend); a wrong service
        // (502.RoutingMisconfigured, "probe: wrong service answers") is not what a 5xx shows.
        var record = Nginx(502, 502);
        var probe = Probe(ProbeKind.Http, ProbeFailureReason.UnexpectedStatus);
        probe.StatusCode = 502;
        probe.Supports.Add("502.FromBackend");
        var d = Resolver.Resolve(record, new[] { probe })!;
        Assert.Equal(new[] { "502.FromBackend" }, d.TiedCauses);

        var wrongService = Probe(ProbeKind.Http, ProbeFailureReason.UnexpectedStatus);
        wrongService.StatusCode = 404;
        Assert.Contains("502.RoutingMisconfigured", ProbeCauseMap.Supports(wrongService));
    }
}
