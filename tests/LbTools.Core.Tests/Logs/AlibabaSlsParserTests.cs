using LbTools.Core.Logs;
using LbTools.Core.Logs.Alibaba;

using LbTools.Core.Tests.Support;

namespace LbTools.Core.Tests.Logs;

/// <summary>
/// Field names and units from Alibaba Cloud SLS "Log fields" of the ALB and the CLB access logs.
/// Alibaba publishes no verbatim example entry, so the lines here are written with the
/// documented names; multi-value forms follow nginx (src/http/ngx_http_upstream.c).
/// </summary>
public class AlibabaSlsParserTests
{
    private const string AlbJson = "{\"__topic__\":\"alb_layer7_access_log\",\"time\":\"2024-06-01T10:00:05Z\",\"app_lb_id\":\"alb-1\",\"client_ip\":\"203.0.113.11\",\"client_port\":\"51301\",\"http_host\":\"shop.example.com\",\"request_method\":\"POST\",\"request_uri\":\"/api/checkout?x=1\",\"server_protocol\":\"HTTP/1.1\",\"scheme\":\"https\",\"slb_vport\":\"443\",\"status\":\"502\",\"upstream_status\":\"502, 200\",\"upstream_addr\":\"10.0.0.1:80, 10.0.0.2:80 : 10.0.0.3:80\",\"request_time\":\"0.004\",\"upstream_response_time\":\"0.003, - : 0.001\",\"read_request_time\":\"1\",\"tcpinfo_rtt\":\"2210\",\"body_bytes_sent\":\"157\",\"request_length\":\"812\",\"http_user_agent\":\"okhttp/4.12.0\"}";

    private static LbLogRecord ParseJson(string line) => ParseAssert.Ok(new AlibabaSlsJsonLineParser(), line);

    [Fact]
    public void Alb_json_maps_documented_names_and_units()
    {
        var r = ParseJson(AlbJson);
        Assert.Equal(LbProvider.AlibabaAlb, r.Provider);
        Assert.Equal(new DateTimeOffset(2024, 6, 1, 10, 0, 5, TimeSpan.Zero), r.Time);
        Assert.Equal("203.0.113.11", r.ClientAddress);
        Assert.Equal(51301, r.ClientPort);
        Assert.Equal("POST", r.Method);
        Assert.Equal("/api/checkout", r.Path);
        Assert.Equal("x=1", r.Query);
        Assert.Equal("shop.example.com", r.Host);
        Assert.Equal(443, r.ListenerPort);
        Assert.Equal(502, r.Status);
        Assert.Equal(0.004, r.RequestTime);
        // tcpinfo_rtt is microseconds (§5.1 ja page), Rtt is seconds.
        Assert.Equal(0.00221, r.Rtt!.Value, 9);
        Assert.Equal(157, r.BytesSent);
        Assert.Equal(812, r.RequestLength);
        Assert.Equal("1", r["read_request_time"]);
    }

    [Fact]
    public void Multi_value_upstream_fields_keep_every_attempt_and_the_last_as_scalar()
    {
        var r = ParseJson(AlbJson);
        Assert.Equal(new[] { "10.0.0.1:80", "10.0.0.2:80", "10.0.0.3:80" }, r.UpstreamAddresses);
        Assert.Equal("10.0.0.3:80", r.Upstream);
        Assert.Equal(new int?[] { 502, 200 }, r.UpstreamStatuses);
        Assert.Equal(200, r.UpstreamStatus);
        Assert.Equal(new double?[] { 0.003, null, 0.001 }, r.UpstreamResponseTimes);
        Assert.Equal(0.001, r.UpstreamResponseTime);
    }

    [Theory]
    [InlineData("{\"__topic__\":\"slb_layer7_access_log\",\"status\":\"200\"}", LbProvider.AlibabaClb)]
    [InlineData("{\"slbid\":\"lb-1\",\"status\":\"200\"}", LbProvider.AlibabaClb)]
    [InlineData("{\"app_lb_id\":\"alb-1\",\"status\":\"200\"}", LbProvider.AlibabaAlb)]
    [InlineData("{\"remote_addr\":\"127.0.0.1\",\"status\":200,\"upstream_connect_time\":\"0.001\"}", LbProvider.Nginx)]
    public void Provider_comes_from_topic_then_instance_id_else_nginx(string line, LbProvider expected)
    {
        Assert.Equal(expected, ParseJson(line).Provider);
    }

    [Fact]
    public void Nginx_escape_json_output_with_nginx_names_is_mapped()
    {
        var line = "{\"time_iso8601\":\"2024-06-01T10:00:00+00:00\",\"remote_addr\":\"127.0.0.1\",\"request\":\"GET /api?id=1 HTTP/1.1\",\"http_host\":\"127.0.0.1:8080\",\"status\":\"502\",\"request_time\":\"0.010\",\"upstream_addr\":\"127.0.0.1:9001, 127.0.0.1:9002\",\"upstream_status\":\"502, 502\",\"upstream_connect_time\":\"-, 0.001\",\"upstream_header_time\":\"-, -\",\"upstream_response_time\":\"0.000, 0.001\",\"http_user_agent\":\"a \\\"quoted\\\" agent\"}";
        var r = ParseJson(line);
        Assert.Equal(LbProvider.Nginx, r.Provider);
        Assert.Equal("GET", r.Method);
        Assert.Equal("/api", r.Path);
        Assert.Equal("127.0.0.1", r.Host);
        Assert.Equal(new double?[] { null, 0.001 }, r.UpstreamConnectTimes);
        Assert.Equal(new double?[] { null, null }, r.UpstreamHeaderTimes);
        Assert.Null(r.UpstreamHeaderTime);
        Assert.Equal("a \"quoted\" agent", r.UserAgent);
    }

    [Theory]
    [InlineData("{\"status\":\"200\"", LineRejection.InvalidJson)]
    [InlineData("[1,2]", LineRejection.InvalidJson)]
    [InlineData("{\"client_ip\":\"1.2.3.4\"}", LineRejection.MissingField)]
    [InlineData("{\"status\":\"abc\"}", LineRejection.InvalidField)]
    [InlineData("{\"status\":\"200\",\"upstream_status\":\"502, x\"}", LineRejection.InvalidField)]
    public void Bad_json_lines_are_rejected_with_a_reason(string line, LineRejection reason)
    {
        var outcome = new AlibabaSlsJsonLineParser().Parse(line);
        Assert.False(outcome.IsRecord);
        Assert.Equal(reason, outcome.Reason);
    }

    [Fact]
    public void Csv_export_uses_the_header_row_and_rfc4180_quotes()
    {
        var parser = new AlibabaSlsCsvLineParser();
        var header = "__topic__,time,slbid,client_ip,status,upstream_status,upstream_addr,request_time,upstream_response_time,http_user_agent";
        Assert.Equal(LogFormat.AlibabaSlsCsv, LogFormatDetector.Detect(new[] { header }));
        Assert.True(parser.Parse(header).IsSkipped);
        var outcome = parser.Parse("slb_layer7_access_log,2024-06-01T11:00:03+08:00,lb-1,198.51.100.21,502,\"502, 200\",\"192.168.0.12:80, 192.168.0.11:80\",0.530,\"0.500, 0.028\",\"agent, with \"\"comma\"\"\"");
        Assert.True(outcome.IsRecord, outcome.Detail);
        var r = outcome.Record!;
        Assert.Equal(LbProvider.AlibabaClb, r.Provider);
        Assert.Equal(new DateTimeOffset(2024, 6, 1, 3, 0, 3, TimeSpan.Zero), r.Time);
        Assert.Equal("192.168.0.11:80", r.Upstream);
        Assert.Equal(200, r.UpstreamStatus);
        Assert.Equal(new double?[] { 0.5, 0.028 }, r.UpstreamResponseTimes);
        Assert.Equal("agent, with \"comma\"", r.UserAgent);
        Assert.Equal(LineRejection.TooFewFields, parser.Parse("a,b").Reason);
        Assert.Equal(LineRejection.UnterminatedQuote, parser.Parse("a,\"b").Reason);
    }
}
