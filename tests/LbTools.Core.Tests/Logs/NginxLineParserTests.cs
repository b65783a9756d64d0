using LbTools.Core.Logs;
using LbTools.Core.Logs.Nginx;

using LbTools.Core.Tests.Support;
using LbTools.Core.Logs.Parsing;

namespace LbTools.Core.Tests.Logs;

/// <summary>
/// nginx formats: combined as nginx predefines it (reference §6.1, verbatim) and the
/// multi-value serialisation of upstream variables (§6.2: ", " within a group, " : " between
/// groups, "-" for an attempt without a value).
/// </summary>
public class NginxLineParserTests
{
    private const string CombinedLine = "203.0.113.6 - alice [01/Jun/2024:09:59:59 +0200] \"GET /admin?x=1 HTTP/1.1\" 403 153 \"https://www.example.com/\" \"Mozilla/5.0 (Macintosh)\"";
    private const string UpstreamLine = "192.0.2.13 - - [01/Jun/2024:10:00:03 +0000] \"GET /old HTTP/1.1\" 502 157 \"-\" \"curl/8.5.0\" rt=0.003 uct=\"-, 0.001 : 0.002\" uht=\"-, - : 0.001\" urt=\"0.001, 0.001 : 0.001\" us=\"502, 504 : 200\" ua=\"127.0.0.1:9002, 127.0.0.1:9004 : 127.0.0.1:9005\"";

    private static LbLogRecord ParseOk(string format, string line) => ParseAssert.Ok(new NginxLineParser(format), line);

    [Fact]
    public void Combined_preset_is_the_nginx_definition()
    {
        // §6.1: log_format combined '$remote_addr - $remote_user [$time_local] ' '"$request" $status $body_bytes_sent ' '"$http_referer" "$http_user_agent"';
        Assert.Equal("$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent \"$http_referer\" \"$http_user_agent\"", NginxLogFormats.Combined);
    }

    [Fact]
    public void Combined_line_maps_variables_and_keeps_them_in_fields()
    {
        var r = ParseOk("combined", CombinedLine);
        Assert.Equal(LbProvider.Nginx, r.Provider);
        Assert.Equal(new DateTimeOffset(2024, 6, 1, 7, 59, 59, TimeSpan.Zero), r.Time);
        Assert.Equal("203.0.113.6", r.ClientAddress);
        Assert.Equal("GET", r.Method);
        Assert.Equal("/admin", r.Path);
        Assert.Equal("x=1", r.Query);
        Assert.Equal(403, r.Status);
        Assert.Equal(153, r.BytesSent);
        Assert.Equal("https://www.example.com/", r.Referer);
        Assert.Equal("alice", r["remote_user"]);
        Assert.Equal("Mozilla/5.0 (Macintosh)", r["http_user_agent"]);
    }

    [Fact]
    public void Upstream_preset_keeps_every_attempt_across_groups()
    {
        var r = ParseOk("upstream", UpstreamLine);
        Assert.Equal(new[] { "127.0.0.1:9002", "127.0.0.1:9004", "127.0.0.1:9005" }, r.UpstreamAddresses);
        Assert.Equal("127.0.0.1:9005", r.Upstream);
        Assert.Equal(new int?[] { 502, 504, 200 }, r.UpstreamStatuses);
        Assert.Equal(200, r.UpstreamStatus);
        Assert.Equal(new double?[] { null, 0.001, 0.002 }, r.UpstreamConnectTimes);
        Assert.Equal(new double?[] { null, null, 0.001 }, r.UpstreamHeaderTimes);
        Assert.Equal(0.003, r.RequestTime);
        Assert.Equal("-, 0.001 : 0.002", r["upstream_connect_time"]);
    }

    // An operator's format that leaves the upstream lists unquoted: nginx then writes a retried
    // request's ", " and " : " separators straight into the space-separated line (§6.2).
    private const string UnquotedListFormat = "$remote_addr [$time_local] \"$request\" $status $upstream_addr $upstream_status $upstream_connect_time $upstream_header_time $upstream_response_time $request_time \"$http_user_agent\"";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Unquoted_upstream_lists_of_a_retried_request_are_read_whole(bool nonAscii)
    {
        var agent = nonAscii ? "curl/8.5.0 \u00e9" : "curl/8.5.0";
        var line = "192.0.2.13 [01/Jun/2024:10:00:03 +0000] \"GET /old HTTP/1.1\" 502 127.0.0.1:9002, 127.0.0.1:9004 : 127.0.0.1:9005 502, 504 : 200 -, 0.001 : 0.002 -, - : 0.001 0.001, 0.001 : 0.001 0.003 \"" + agent + "\"";
        var parser = new NginxLineParser(UnquotedListFormat);
        var r = ParseAssert.Ok(parser, line);
        Assert.Equal(new[] { "127.0.0.1:9002", "127.0.0.1:9004", "127.0.0.1:9005" }, r.UpstreamAddresses);
        Assert.Equal(new int?[] { 502, 504, 200 }, r.UpstreamStatuses);
        Assert.Equal(new double?[] { null, 0.001, 0.002 }, r.UpstreamConnectTimes);
        Assert.Equal(new double?[] { null, null, 0.001 }, r.UpstreamHeaderTimes);
        Assert.Equal(new double?[] { 0.001, 0.001, 0.001 }, r.UpstreamResponseTimes);
        Assert.Equal(0.003, r.RequestTime);
        Assert.Equal(agent, r.UserAgent);

        // The byte route (ASCII lines) agrees with the string route.
        var bytes = parser.Parse(System.Text.Encoding.UTF8.GetBytes(line));
        Assert.True(bytes.IsRecord, bytes.Detail);
        Assert.Equal(r.UpstreamAddresses, bytes.Record!.UpstreamAddresses);
        Assert.Equal(r.UpstreamConnectTimes, bytes.Record.UpstreamConnectTimes);
    }

    [Fact]
    public void Unquoted_single_attempt_values_still_end_at_the_next_space()
    {
        var line = "192.0.2.13 [01/Jun/2024:10:00:03 +0000] \"GET / HTTP/1.1\" 200 127.0.0.1:9005 200 0.000 0.001 0.001 0.002 \"curl/8.5.0\"";
        var r = ParseOk(UnquotedListFormat, line);
        Assert.Equal("127.0.0.1:9005", r.Upstream);
        Assert.Equal(200, r.UpstreamStatus);
        Assert.Equal(0.002, r.RequestTime);
    }

    [Fact]
    public void Auto_detects_the_upstream_preset_before_combined()
    {
        var parser = LogFormatDetector.DetectParser(new[] { UpstreamLine }, new AccessLogReadOptions());
        var nginx = Assert.IsType<NginxLineParser>(parser);
        Assert.Equal(NginxLogFormats.Upstream, nginx.LineFormat.Text);
        Assert.Equal(LogFormat.Nginx, LogFormatDetector.Detect(new[] { CombinedLine }));
    }

    [Fact]
    public void Main_preset_is_the_sample_of_nginx_conf()
    {
        // nginx's conf/nginx.conf has it commented out; the nginx.org packages and the Docker image switch it on.
        const string sample = """
            log_format  main  '$remote_addr - $remote_user [$time_local] "$request" '
                              '$status $body_bytes_sent "$http_referer" '
                              '"$http_user_agent" "$http_x_forwarded_for"';
            """;
        Assert.Equal(NginxLogFormats.Main, NginxLineFormat.Compile(sample).Text);
        Assert.Equal(NginxLogFormats.Main, NginxLineFormat.Compile("main").Text);
    }

    [Fact]
    public void Auto_detects_main_before_combined_so_the_agent_stays_whole()
    {
        const string mainLine = "172.17.0.1 - - [01/Jun/2024:10:00:01 +0000] \"GET / HTTP/1.1\" 502 157 \"-\" \"curl/8.5.0\" \"203.0.113.9\"";
        var nginx = Assert.IsType<NginxLineParser>(LogFormatDetector.DetectParser(new[] { mainLine }, new AccessLogReadOptions()));
        Assert.Equal(NginxLogFormats.Main, nginx.LineFormat.Text);
        var r = ParseAssert.Ok(nginx, mainLine);
        Assert.Equal("curl/8.5.0", r.UserAgent);
        Assert.Equal("203.0.113.9", r["http_x_forwarded_for"]);

        // A combined line does not fit main (no quoted value after the agent) and stays combined.
        var combined = Assert.IsType<NginxLineParser>(LogFormatDetector.DetectParser(new[] { CombinedLine }, new AccessLogReadOptions()));
        Assert.Equal(NginxLogFormats.Combined, combined.LineFormat.Text);
    }

    [Theory]
    // main plus a quoted request time, and combined plus a time and a quoted host: common custom layouts.
    // (combined plus one quoted field has the shape of main and is read as main: no line can tell them apart.)
    [InlineData(" \"$http_x_forwarded_for\" \"$request_time\"", " \"203.0.113.9\" \"0.005\"")]
    [InlineData(" $request_time \"$host\"", " 0.005 \"shop.example.com\"")]
    public void A_longer_custom_format_is_not_taken_for_a_preset_that_would_swallow_its_extra_fields(string extraFormat, string extraValues)
    {
        string line = "172.17.0.1 - - [01/Jun/2024:10:00:01 +0000] \"GET / HTTP/1.1\" 502 157 \"-\" \"curl/8.5.0\"" + extraValues;

        // combined (or main) fits such a line only by running a quoted value to a later quote, so a
        // '"' lands inside a value, which nginx never writes (it writes \x22).
        Assert.Null(LogFormatDetector.DetectParser(new[] { line }, new AccessLogReadOptions()));

        // Named explicitly, the format reads it whole.
        var r = ParseOk(NginxLogFormats.Combined + extraFormat, line);
        Assert.Equal("curl/8.5.0", r.UserAgent);
        Assert.Equal(0.005, r.RequestTime);
    }

    [Fact]
    public void A_custom_format_with_braces_and_tengine_style_fields_is_compiled()
    {
        var format = "${remote_addr}|$time_iso8601|$host|$request_method|$request_uri|$status|$request_time|$upstream_addr|$tcpinfo_rtt|$ssl_protocol";
        var r = ParseOk(format, "10.1.1.1|2024-06-01T10:00:00+08:00|api.example.com|PUT|/v1/x?y=2|201|0.050|10.0.0.9:8080|1200|TLSv1.3");
        Assert.Equal(new DateTimeOffset(2024, 6, 1, 2, 0, 0, TimeSpan.Zero), r.Time);
        Assert.Equal("api.example.com", r.Host);
        Assert.Equal("PUT", r.Method);
        Assert.Equal("/v1/x", r.Path);
        Assert.Equal(201, r.Status);
        Assert.Equal("10.0.0.9:8080", r.Upstream);
        Assert.Equal(0.0012, r.Rtt!.Value, 9);
        Assert.Equal("TLSv1.3", r.TlsProtocol);
    }

    [Fact]
    public void Escaped_bytes_are_decoded_for_common_properties_only()
    {
        var r = ParseOk("combined", "203.0.113.8 - - [01/Jun/2024:10:00:01 +0200] \"GET /a HTTP/1.1\" 400 157 \"-\" \"x\\x22y\"");
        Assert.Equal("x\"y", r.UserAgent);
        Assert.Equal("x\\x22y", r["http_user_agent"]);
    }

    [Theory]
    [InlineData("not nginx at all")]
    [InlineData("1.2.3.4 - - [bad time] \"GET / HTTP/1.1\" 200 1 \"-\" \"-\"")]
    [InlineData("1.2.3.4 - - [01/Jun/2024:10:00:01 +0200] \"GET / HTTP/1.1\" abc 1 \"-\" \"-\"")]
    public void Lines_that_do_not_fit_are_rejected_with_a_reason(string line)
    {
        var outcome = new NginxLineParser("combined").Parse(line);
        Assert.False(outcome.IsRecord);
        Assert.Contains(outcome.Reason, new[] { LineRejection.FormatMismatch, LineRejection.InvalidField });
    }

    [Fact]
    public void Adjacent_variables_are_refused_when_compiling()
    {
        Assert.Throws<ArgumentException>(() => NginxLineFormat.Compile("$status$body_bytes_sent"));
        Assert.Throws<ArgumentException>(() => new AccessLogReader(new AccessLogReadOptions { Format = LogFormat.Nginx, NginxLogFormat = "no variables" }, new Support.CollectingSink()));
    }
}
