using LbTools.Core.Logs;
using LbTools.Core.Logs.Aws;

using LbTools.Core.Tests.Support;

namespace LbTools.Core.Tests.Logs;

/// <summary>Example lines copied verbatim from AWS "Access logs for your Classic Load Balancer".</summary>
public class AwsClbLineParserTests
{
    private const string Http = "2015-05-13T23:39:43.945958Z my-loadbalancer 192.168.131.39:2817 10.0.0.1:80 0.000073 0.001048 0.000057 200 200 0 29 \"GET http://www.example.com:80/ HTTP/1.1\" \"curl/7.38.0\" - -";
    private const string Https = "2015-05-13T23:39:43.945958Z my-loadbalancer 192.168.131.39:2817 10.0.0.1:80 0.000086 0.001048 0.001337 200 200 0 57 \"GET https://www.example.com:443/ HTTP/1.1\" \"curl/7.38.0\" DHE-RSA-AES128-SHA TLSv1.2";
    private const string Tcp = "2015-05-13T23:39:43.945958Z my-loadbalancer 192.168.131.39:2817 10.0.0.1:80 0.001069 0.000028 0.000041 - - 82 305 \"- - - \" \"-\" - -";
    private const string Ssl = "2015-05-13T23:39:43.945958Z my-loadbalancer 192.168.131.39:2817 10.0.0.1:80 0.001065 0.000015 0.000023 - - 57 502 \"- - - \" \"-\" ECDHE-ECDSA-AES128-GCM-SHA256 TLSv1.2";

    private static LbLogRecord ParseOk(string line) => ParseAssert.Ok(new AwsClbLineParser(), line);

    [Theory]
    [InlineData(Http)]
    [InlineData(Https)]
    [InlineData(Tcp)]
    [InlineData(Ssl)]
    public void Documented_examples_are_detected_as_clb_and_parse(string line)
    {
        Assert.Equal(LogFormat.AwsClb, LogFormatDetector.Detect(new[] { line }));
        Assert.Equal(LbProvider.AwsClb, ParseOk(line).Provider);
    }

    [Fact]
    public void Http_line_maps_common_fields()
    {
        var r = ParseOk(Http);
        Assert.Equal(new DateTimeOffset(2015, 5, 13, 23, 39, 43, 945, TimeSpan.Zero).AddTicks(9580), r.Time);
        Assert.Equal("192.168.131.39", r.ClientAddress);
        Assert.Equal(200, r.Status);
        Assert.Equal(200, r.UpstreamStatus);
        Assert.Equal("10.0.0.1:80", r.Upstream);
        Assert.Equal("www.example.com", r.Host);
        Assert.Equal(80, r.ListenerPort);
        Assert.Equal(29, r.BytesSent);
        Assert.Equal(0.000073 + 0.001048 + 0.000057, r.RequestTime!.Value, 9);
        Assert.Equal(0.001048, r.UpstreamHeaderTime);
        Assert.Equal("curl/7.38.0", r.UserAgent);
    }

    [Fact]
    public void Tcp_listener_line_has_no_request_and_no_status()
    {
        var r = ParseOk(Ssl);
        Assert.Null(r.Status);
        Assert.Null(r.Method);
        Assert.Null(r.Path);
        Assert.Null(r.Host);
        Assert.Equal(502, r.BytesSent);
        Assert.Equal("TLSv1.2", r.TlsProtocol);
        Assert.Equal("- - - ", r["request"]);
    }

    [Fact]
    public void Minus_one_timings_and_dash_backend_become_null()
    {
        var r = ParseOk("2015-05-13T23:41:07.512004Z my-loadbalancer 192.168.131.44:51220 - -1 -1 -1 503 - 0 0 \"GET http://www.example.com:80/api/orders HTTP/1.1\" \"python-requests/2.31.0\" - -");
        Assert.Equal(503, r.Status);
        Assert.Null(r.RequestTime);
        Assert.Null(r.UpstreamHeaderTime);
        Assert.Null(r.Upstream);
        Assert.Empty(r.UpstreamAddresses);
    }

    [Fact]
    public void Trailing_unknown_fields_are_kept_and_too_few_fields_rejected()
    {
        Assert.Equal(new[] { "future" }, ParseOk(Http + " future").ExtraFields);
        var outcome = new AwsClbLineParser().Parse("2015-05-13T23:39:43.945958Z my-loadbalancer 192.168.131.39:2817");
        Assert.Equal(LineRejection.TooFewFields, outcome.Reason);
    }
}
