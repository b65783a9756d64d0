using System.Globalization;
using LbTools.Core.Diagnosis;
using LbTools.Core.Logs;
using LbTools.Core.Logs.Aws;
using LbTools.Core.Tests.Support;

namespace LbTools.Core.Tests.Diagnosis;

public class StatusResolverTests
{
    private static readonly StatusResolver Resolver = new(CauseCatalog.BuiltIn, CultureInfo.GetCultureInfo("en"));

    private static LbLogRecord Alb(string line) => new AwsAlbLineParser().Parse(line).Record ?? throw new InvalidOperationException("fixture does not parse");

    // An ALB line with the given status pair, target and times; the rest as in the AWS HTTP example.
    private static string AlbLine(string status, string targetStatus, string target = "10.0.0.1:80", string times = "0.000 -1 -1", string created = "2018-07-02T22:22:48.364000Z", string time = "2018-07-02T22:23:00.186641Z") =>
        AlbExamples.Http
            .Replace("2018-07-02T22:23:00.186641Z", time)
            .Replace(" 10.0.0.1:80 0.000 0.001 0.000 200 200 ", $" {target} {times} {status} {targetStatus} ")
            .Replace("2018-07-02T22:22:48.364000Z", created)
            .Replace("\"10.0.0.1:80\" \"200\"", $"\"{target}\" \"{targetStatus}\"");

    [Fact]
    public void Success_is_no_diagnosis()
    {
        Assert.Null(Resolver.Resolve(Alb(AlbExamples.Http)));
    }

    [Fact]
    public void Equal_statuses_mean_the_backend_answered()
    {
        var d = Resolver.Resolve(Alb(AlbLine("502", "502", times: "0.000 0.020 0.000")))!;
        Assert.Equal("502.FromBackend", d.TopCause);
        Assert.Equal(CauseOrigin.Backend, d.Origin);
        Assert.Contains(d.Causes[0].Evidence, e => e.Field == "target_status_code" && e.Value == "502");
    }

    [Fact]
    public void Alb_502_without_target_answer_lists_the_causes_the_log_cannot_separate()
    {
        var d = Resolver.Resolve(Alb(AlbLine("502", "-")))!;
        Assert.Equal("502.BackendConnectFailed", d.TopCause);
        var ids = d.Causes.Where(c => c.Score >= 40).Select(c => c.CauseId).ToList();
        Assert.Contains("502.BackendClosedConnection", ids);
        Assert.Contains("502.MalformedResponse", ids);
        Assert.DoesNotContain("502.FromBackend", ids);
        Assert.Contains("The Tcp, Tls and Http probes separate them", d.Causes[0].Rationale);
        Assert.Contains(d.Causes[0].Evidence, e => e.Field == "target_processing_time" && e.Value == "-1");
    }

    [Fact]
    public void Lambda_error_reason_wins()
    {
        var d = Resolver.Resolve(Alb(AlbExamples.LambdaFailure))!;
        Assert.Equal("502.LambdaError", d.TopCause);
        Assert.Equal("LambdaInvalidResponse", d.Causes[0].Evidence.Single().Value);
    }

    [Fact]
    public void Alb_503_without_target_is_no_backend()
    {
        var d = Resolver.Resolve(Alb(AlbLine("503", "-", target: "-", times: "-1 -1 -1")))!;
        Assert.Equal("503.NoBackend", d.TopCause);
    }

    [Fact]
    public void Nginx_503_without_an_upstream_is_its_request_limit_not_a_missing_backend()
    {
        // Real nginx (integration scenario RateLimited): limit_req refused the request with 503 and
        // every upstream field unset. nginx logs a group without a usable server as 502 with the
        // group's name in upstream_addr (nginx ngx_http_upstream_module, $upstream_addr), never as this 503;
        // limit_req_status / limit_conn_status default to 503 (nginx limit_req module docs).
        var limited = DiagnosisFixtures.Proxy(LbProvider.Nginx, 503, null, address: null);
        var d = Resolver.Resolve(limited)!;
        Assert.Equal("503.QpsThrottled", d.TopCause);
        Assert.DoesNotContain(d.Causes, c => c.CauseId == "503.NoBackend");

        // The same shape from Alibaba ALB (no ALB-QPS-Limited field) still leads with a missing backend.
        Assert.Equal("503.NoBackend", Resolver.Resolve(DiagnosisFixtures.Proxy(LbProvider.AlibabaAlb, 503, null, address: null))!.TopCause);
    }

    [Fact]
    public void Nginx_400_after_a_parsed_request_line_keeps_a_too_large_header_in_view()
    {
        // Real nginx (integration scenario HeaderTooLarge): a 16 KB Cookie line was logged as 400 with
        // request_length 66 — only the lines read before it. The size cannot show, so the log alone
        // cannot choose: a too-large header, a malformed request and plain HTTP to the TLS port tie
        // (issue 16: an honest tie, decided by the error log); without a request line (garbage) the
        // too-large header is out.
        var oversized = DiagnosisFixtures.Proxy(LbProvider.Nginx, 400, null, address: null, requestLength: 66, scheme: "http");
        var d = Resolver.Resolve(oversized)!;
        Assert.True(d.IsTied);
        Assert.Equal(new[] { "400.HeaderTooLarge", "400.HttpToHttpsPort", "400.MalformedRequest" }, d.TiedCauses);
        Assert.StartsWith("tied: 400.HeaderTooLarge | ", d.Verdict, StringComparison.Ordinal);
        Assert.Contains(d.DecidedBy, x => x.Contains("client sent too long header line", StringComparison.Ordinal));

        var garbage = DiagnosisFixtures.Proxy(LbProvider.Nginx, 400, null, address: null, method: string.Empty, requestLength: 0, scheme: "http");
        Assert.Equal(StatusResolver.CatalogOnlyScore, Resolver.Resolve(garbage)!.Causes.Single(c => c.CauseId == "400.HeaderTooLarge").Score);
    }

    [Fact]
    public void Alb_504_after_ten_seconds_is_a_connect_timeout()
    {
        // AWS: "failed to establish a connection to the target before the connection timeout expired (10 seconds)".
        var d = Resolver.Resolve(Alb(AlbLine("504", "-", created: "2018-07-02T22:22:50.180000Z", time: "2018-07-02T22:23:00.186641Z")))!;
        Assert.Equal("504.BackendConnectTimeout", d.TopCause);
        Assert.Equal("10 s", d.Causes[0].Evidence.Last().Threshold);
    }

    [Fact]
    public void Alb_504_at_the_idle_timeout_is_a_response_timeout()
    {
        var d = Resolver.Resolve(Alb(AlbLine("504", "-", created: "2018-07-02T22:22:00.180000Z", time: "2018-07-02T22:23:00.186641Z")))!;
        Assert.Equal("504.BackendResponseTimeout", d.TopCause);
        Assert.Equal(85, d.Causes[0].Score);
    }

    [Fact]
    public void Near_miss_504_in_between_does_not_claim_a_strong_cause()
    {
        var d = Resolver.Resolve(Alb(AlbLine("504", "-", created: "2018-07-02T22:22:30.180000Z", time: "2018-07-02T22:23:00.186641Z")))!;
        Assert.True(d.Causes[0].Score < 85);
    }

    [Fact]
    public void A_status_code_alone_lists_the_catalog_causes_for_it()
    {
        var d = Resolver.ResolveCode(502, LbProvider.AwsAlb);
        Assert.Contains(d.Causes, c => c.CauseId == "502.BackendConnectFailed");
        Assert.Contains(d.Causes, c => c.CauseId == "502.LambdaError");
        Assert.All(d.Causes, c => Assert.Empty(c.Evidence));
        Assert.Null(d.TopCause); // listed, not supported: nothing is named top without evidence
    }

    [Fact]
    public void Japanese_resolver_returns_japanese_titles()
    {
        var ja = new StatusResolver(CauseCatalog.BuiltIn, CultureInfo.GetCultureInfo("ja-JP"));
        var d = ja.Resolve(Alb(AlbLine("503", "-", target: "-", times: "-1 -1 -1")))!;
        Assert.Contains("バックエンド", d.Causes[0].Title);
    }
}
