using LbTools.Core.Logs;
using LbTools.Core.Logs.Aws;
using LbTools.Core.Tests.Support;

namespace LbTools.Core.Tests.Logs;

public class AwsAlbLineParserTests
{
    private static LbLogRecord ParseOk(string line) => ParseAssert.Ok(new AwsAlbLineParser(), line);

    [Fact]
    public void Http_example_maps_every_common_field()
    {
        var r = ParseOk(AlbExamples.Http);
        Assert.Equal(LbProvider.AwsAlb, r.Provider);
        Assert.Equal(new DateTimeOffset(2018, 7, 2, 22, 23, 0, 186, TimeSpan.Zero).AddTicks(6410), r.Time);
        Assert.Equal("192.168.131.39", r.ClientAddress);
        Assert.Equal(2817, r.ClientPort);
        Assert.Equal("GET", r.Method);
        Assert.Equal("http", r.Scheme);
        Assert.Equal("www.example.com", r.Host);
        Assert.Equal("/", r.Path);
        Assert.Null(r.Query);
        Assert.Equal("HTTP/1.1", r.Protocol);
        Assert.Equal(200, r.Status);
        Assert.Equal(200, r.UpstreamStatus);
        Assert.Equal("10.0.0.1:80", r.Upstream);
        Assert.Equal(34, r.BytesReceived);
        Assert.Equal(366, r.BytesSent);
        Assert.Equal("curl/7.46.0", r.UserAgent);
        Assert.Null(r.TlsCipher);
        Assert.Null(r.TlsProtocol);
        Assert.Equal("Root=1-58337262-36d228ad5d99923122bbe354", r.TraceId);
        Assert.Equal(0.001, r.UpstreamHeaderTime);
        Assert.Equal(0.001, r.RequestTime!.Value, 6);
    }

    [Fact]
    public void A_line_over_32_KiB_keeps_every_field_and_escape()
    {
        // Field offsets are kept in 16 bits below 32 KiB and 32 bits above: check the wide form.
        // AWS escapes a double quote inside a quoted field as \" (ALB access-log page).
        string agent = "curl/" + new string('a', 40_000) + "\\\"end";
        var line = AlbExamples.Http.Replace("\"curl/7.46.0\"", "\"" + agent + "\"");
        Assert.True(line.Length > 40_000);

        var r = ParseOk(line);

        Assert.Equal("curl/" + new string('a', 40_000) + "\"end", r.UserAgent);
        Assert.Equal("Root=1-58337262-36d228ad5d99923122bbe354", r["trace_id"]);
        Assert.Equal("10.0.0.1:80", r.Upstream);
        Assert.Equal("/", r.Path);
    }

    [Fact]
    public void Https_example_keeps_tls_and_vendor_fields()
    {
        var r = ParseOk(AlbExamples.Https);
        Assert.Equal("ECDHE-RSA-AES128-GCM-SHA256", r.TlsCipher);
        Assert.Equal("TLSv1.2", r.TlsProtocol);
        Assert.Equal("www.example.com", r["domain_name"]);
        Assert.Equal("authenticate,forward", r["actions_executed"]);
        Assert.Equal("1", r["matched_rule_priority"]);
        Assert.Equal(0.086 + 0.048 + 0.037, r.RequestTime!.Value, 6);
    }

    [Theory]
    [MemberData(nameof(AlbExamples.AllAsTheoryData), MemberType = typeof(AlbExamples))]
    public void Every_documented_and_field_example_parses(string line)
    {
        Assert.True(AwsAlbLineParser.LooksLikeAlb(line));
        ParseOk(line);
    }

    [Fact]
    public void Lambda_failure_has_no_target_and_keeps_error_reason()
    {
        var r = ParseOk(AlbExamples.LambdaFailure);
        Assert.Equal(502, r.Status);
        Assert.Null(r.UpstreamStatus);
        Assert.Null(r.Upstream);
        Assert.Empty(r.UpstreamAddresses);
        Assert.Equal("LambdaInvalidResponse", r.ErrorReason);
        Assert.Equal("-", r["target:port"]);
    }

    [Fact]
    public void Minus_one_timings_become_null_and_malformed_request_is_kept()
    {
        var r = ParseOk(AlbExamples.MalformedRequest);
        Assert.Equal(400, r.Status);
        Assert.Null(r.UpstreamStatus);
        Assert.Null(r.RequestTime);
        Assert.Null(r.UpstreamHeaderTime);
        Assert.Null(r.Method);
        Assert.Equal("myalb1-878688131.us-east-1.elb.amazonaws.com", r.Host);
        Assert.Equal("TID_6cfb27fd2ef25c42932bd6e0ff56d631", r["conn_trace_id"]);
        Assert.Equal("-1", r["request_processing_time"]);
    }

    [Fact]
    public void Old_line_that_stops_after_trace_id_parses()
    {
        var r = ParseOk(AlbExamples.ClientClosed460);
        Assert.Equal(460, r.Status);
        Assert.Null(r.UpstreamHeaderTime);
        Assert.Equal("10.5.X.X:80", r.Upstream);
        Assert.Null(r["error_reason"]);
    }

    [Fact]
    public void Unknown_trailing_fields_are_kept_not_rejected()
    {
        var line = AlbExamples.Http + " TID_1234abcd5678ef90 \"m.example.com\" \"-\" \"TransformSuccess\" 3.34.116.99 \"-\" \"future\"";
        var r = ParseOk(line);
        Assert.Equal("TID_1234abcd5678ef90", r["conn_trace_id"]);
        Assert.Equal("m.example.com", r["transformed_host"]);
        Assert.Equal("TransformSuccess", r["request_transform_status"]);
        Assert.Equal(new[] { "3.34.116.99", "-", "future" }, r.ExtraFields);
    }

    [Fact]
    public void Escaped_quotes_inside_quoted_fields_are_unescaped()
    {
        var line = AlbExamples.Http.Replace("\"curl/7.46.0\"", "\"agent \\\"quoted\\\" \\\\ end\"");
        var r = ParseOk(line);
        Assert.Equal("agent \"quoted\" \\ end", r.UserAgent);
    }

    [Fact]
    public void Ipv6_client_and_target_split_at_the_last_colon()
    {
        var line = AlbExamples.Http.Replace("192.168.131.39:2817", "2001:db8::1:2817").Replace(" 10.0.0.1:80 0.000", " 2001:db8::10:80 0.000");
        var r = ParseOk(line);
        Assert.Equal("2001:db8::1", r.ClientAddress);
        Assert.Equal(2817, r.ClientPort);
    }

    [Fact]
    public void Query_string_is_split_from_the_path()
    {
        var line = AlbExamples.Http.Replace("http://www.example.com:80/ ", "http://www.example.com:80/search?q=a%20b&x=1 ");
        var r = ParseOk(line);
        Assert.Equal("/search", r.Path);
        Assert.Equal("q=a%20b&x=1", r.Query);
    }

    [Fact]
    public void Too_few_fields_is_rejected_with_reason()
    {
        var outcome = new AwsAlbLineParser().Parse("http 2018-07-02T22:23:00.186641Z app/x 1.2.3.4:1");
        Assert.False(outcome.IsRecord);
        Assert.Equal(LineRejection.TooFewFields, outcome.Reason);
    }

    [Fact]
    public void Non_numeric_status_is_rejected_naming_the_field()
    {
        var outcome = new AwsAlbLineParser().Parse(AlbExamples.Http.Replace(" 200 200 ", " 2x0 200 "));
        Assert.False(outcome.IsRecord);
        Assert.Equal(LineRejection.InvalidField, outcome.Reason);
        Assert.Contains("elb_status_code", outcome.Detail);
    }

    [Fact]
    public void Unclosed_quote_is_rejected()
    {
        var outcome = new AwsAlbLineParser().Parse(AlbExamples.Http.Substring(0, AlbExamples.Http.IndexOf("HTTP/1.1", StringComparison.Ordinal)));
        Assert.False(outcome.IsRecord);
        Assert.Equal(LineRejection.UnterminatedQuote, outcome.Reason);
    }
    [Fact]
    public void Fields_enumerate_every_documented_name_in_log_order()
    {
        var r = ParseOk(AlbExamples.Https);
        // §1.2: the 2023 examples stop at field 29 (classification_reason).
        Assert.Equal(AwsAlbLineParser.FieldNames.Take(29), r.Fields.Keys);
        Assert.Equal("200", r.Fields["ELB_STATUS_CODE"]);
        Assert.Equal("10.0.0.1:80", r["target:port_list"]);
    }

    [Fact]
    public void Setting_a_text_property_keeps_it_and_leaves_the_others_decodable()
    {
        var r = ParseOk(AlbExamples.Https);
        r.Host = "rewritten.example";
        r.Upstream = "10.9.9.9:80";
        Assert.Equal("rewritten.example", r.Host);
        Assert.Equal("/", r.Path);
        Assert.Equal("10.9.9.9:80", r.Upstream);
        Assert.Equal(new[] { "10.0.0.1:80" }, r.UpstreamAddresses);
        Assert.Equal("curl/7.46.0", r.UserAgent);
    }
    [Fact]
    public void Upstream_is_the_target_port_field_when_the_target_list_differs()
    {
        // AWS ALB access log entries: target:port is "the IP address and port of the target that
        // processed this request"; target:port_list "currently" holds one item matching it. A list
        // that says otherwise must not replace the documented target.
        var line = AlbExamples.Http.Replace("\"10.0.0.1:80\" \"200\"", "\"10.0.0.9:8080 10.0.0.1:80\" \"502 200\"");
        var r = ParseOk(line.Replace(" 10.0.0.1:80 0.000", " 10.0.0.7:80 0.000"));
        Assert.Equal("10.0.0.7:80", r.Upstream);
        Assert.Equal(new[] { "10.0.0.9:8080", "10.0.0.1:80" }, r.UpstreamAddresses);
    }

    [Fact]
    public void Unquoted_target_lists_are_read_like_quoted_ones()
    {
        // §1.2 #26/#27: the lists are documented quoted; some writers leave single values unquoted.
        var line = AlbExamples.Http.Replace("\"10.0.0.1:80\" \"200\"", "10.0.0.1:80 200");
        var r = ParseOk(line);
        Assert.Equal("10.0.0.1:80", r.Upstream);
        Assert.Equal(new int?[] { 200 }, r.UpstreamStatuses);
        Assert.Equal("-", r["classification"]);
    }
}
