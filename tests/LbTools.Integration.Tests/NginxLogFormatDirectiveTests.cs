using System.Text;
using LbTools.Core.Common;
using LbTools.Core.Logs;
using LbTools.Integration.Tests.Backends;
using LbTools.Integration.Tests.Clients;
using LbTools.Integration.Tests.Nginx;
using LbTools.Integration.Tests.Support;
using Xunit.Abstractions;

namespace LbTools.Integration.Tests;

/// <summary>
/// -LogFormat given exactly as nginx.conf holds the directive: the same text goes into the real
/// nginx's config and into the reader, and the records must say what the client sent. The
/// agent carries a quote, a backslash and a non-ASCII letter, which nginx writes as \x22 \x5C
/// \xC3\xA9 by default and as \" \\ and the raw UTF-8 bytes with escape=json. Without a
/// -LogFormat, the formats nginx ships with (combined, and the main sample) must be detected and
/// read with the agent whole.
/// </summary>
public class NginxLogFormatDirectiveTests(ITestOutputHelper output)
{
    // Multi-line, with a comment between the parts, as such directives are often written.
    private const string JsonDirective = """
        log_format lb_json escape=json
            '{"time":"$time_iso8601","remote_addr":"$remote_addr",'
            # what the upstream did
            '"status":$status,"upstream_status":"$upstream_status","upstream_addr":"$upstream_addr",'
            '"request":"$request","http_user_agent":"$http_user_agent","request_time":$request_time}';
        """;

    private const string MainDirective = """
        log_format lb_main '$remote_addr - $remote_user [$time_local] "$request" '
                           '$status $body_bytes_sent "$http_referer" '
                           '"$http_user_agent" "$http_x_forwarded_for" rt=$request_time us="$upstream_status" ua="$upstream_addr"';
        """;

    // Ends in '",' so that, escaped as \",, it is followed by the literal "," of the JSON format:
    // the first "," in the line is then inside the value, and only the backslash says so.
    // nginx's conf/nginx.conf sample, as the packages ship it.
    private const string MainSample = """
        log_format  main  '$remote_addr - $remote_user [$time_local] "$request" '
                          '$status $body_bytes_sent "$http_referer" '
                          '"$http_user_agent" "$http_x_forwarded_for"';
        """;

    private const string Agent = "Mozilla/5.0 \"quoted\" back\\slash caf\u00e9 \",";

    [Theory]
    [InlineData(JsonDirective, "logs/directive-json.log", "lb_json")]
    [InlineData(MainDirective, "logs/directive-main.log", "lb_main")]
    public async Task Lines_written_with_the_directive_read_back_with_the_same_text(string directive, string log, string name)
    {
        using var backend = ScriptedBackend.Status(502, "Bad Gateway");
        var config = new NginxConfig().Http(JsonDirective).Http(MainDirective);
        config.Server($"        access_log {log} {name};\n        location / {{ proxy_pass http://{backend.Address}; }}");
        using var nginx = NginxInstance.Start(config);
        int port = nginx.Ports[0];

        var odd = Encoding.UTF8.GetBytes($"GET /orders?id=7 HTTP/1.1\r\nHost: localhost\r\nUser-Agent: {Agent}\r\nConnection: close\r\n\r\n");
        Assert.Equal(502, (await RawHttpClient.SendAsync(port, odd)).Status);
        Assert.Equal(502, (await RawHttpClient.SendAsync(port, RawHttpClient.Get("/health"))).Status);
        var lines = nginx.WaitForLines(log, 2);
        foreach (var line in lines)
        {
            output.WriteLine(line);
        }

        // The escapes this test is about must really be in the file.
        Assert.Contains(name == "lb_json" ? "\\\"quoted\\\" back\\\\slash caf\u00e9" : "\\x22quoted\\x22 back\\x5Cslash caf\\xC3\\xA9", lines[0]);

        var sink = new CollectingSink();
        var reader = new AccessLogReader(new AccessLogReadOptions { Format = LogFormat.Nginx, NginxLogFormat = directive }, sink);
        var records = reader.ReadFiles(new[] { Path.Combine(nginx.Prefix, log) }, CancellationToken.None).ToList();

        Assert.True(sink.Errors.Count == 0, string.Join(Environment.NewLine, sink.Errors.Select(e => e.Message).Concat(lines)));
        Assert.Equal(2, records.Count);
        Assert.Equal(Agent, records[0].UserAgent);
        Assert.Equal("/orders", records[0].Path);
        Assert.Equal("id=7", records[0].Query);
        Assert.Equal("lbtools-integration", records[1].UserAgent);
        Assert.All(records, r =>
        {
            Assert.Equal(502, r.Status);
            Assert.Equal(502, r.UpstreamStatus);
            Assert.Equal(backend.Address, r.Upstream);
        });
    }

    [Theory]
    [InlineData("logs/combined.log", "", "combined")]
    [InlineData("logs/main.log", " main", "main")]
    public async Task Auto_detection_reads_the_formats_nginx_ships_with_the_agent_whole(string log, string formatName, string preset)
    {
        // combined is built into nginx (access_log without a format uses it); main is the sample of
        // nginx's conf/nginx.conf that the nginx.org packages and the Docker image switch on.
        using var backend = ScriptedBackend.Status(504, "Gateway Timeout");
        var config = new NginxConfig().Http(MainSample);
        config.Server($"        access_log {log}{formatName};\n        location / {{ proxy_pass http://{backend.Address}; }}");
        using var nginx = NginxInstance.Start(config);

        var odd = Encoding.UTF8.GetBytes($"GET /orders?id=7 HTTP/1.1\r\nHost: localhost\r\nUser-Agent: {Agent}\r\nReferer: https://shop.example.com/\r\nX-Forwarded-For: 203.0.113.9\r\nConnection: close\r\n\r\n");
        Assert.Equal(504, (await RawHttpClient.SendAsync(port: nginx.Ports[0], odd)).Status);
        foreach (var line in nginx.WaitForLines(log, 1))
        {
            output.WriteLine(line);
        }

        var sink = new CollectingSink();
        var reader = new AccessLogReader(new AccessLogReadOptions(), sink);
        var record = Assert.Single(reader.ReadFiles(new[] { Path.Combine(nginx.Prefix, log) }, CancellationToken.None));

        Assert.Empty(sink.Errors);
        Assert.Equal(LbProvider.Nginx, record.Provider);
        Assert.Equal(Agent, record.UserAgent);
        Assert.Equal("https://shop.example.com/", record.Referer);
        Assert.Equal(504, record.Status);
        Assert.Equal(preset == "main" ? "203.0.113.9" : null, record["http_x_forwarded_for"]);
    }
}
