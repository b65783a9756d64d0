using System.Text;
using LbTools.Core.Logs;

namespace LbTools.Core.Tests.Logs;

/// <summary>
/// The byte-level request splitter used by the ALB parser must give exactly what the string
/// splitter (RequestLine, tested against the AWS examples) gives, or decline and leave the
/// line to it. Request shapes from the AWS ALB access-log page (../shared/reference/
/// log-formats-and-status-codes.md): "GET http://host:80/ HTTP/1.1", the broken-request form
/// "- http://host:80- -", IPv6 hosts in brackets, queries.
/// </summary>
public class Utf8RequestLineTests
{
    public static TheoryData<string> Requests => new()
    {
        "GET http://www.example.com:80/ HTTP/1.1",
        "GET https://www.example.com:443/api/v1/cart?session=4f1c2a HTTP/1.1",
        "POST https://api.example.com:443/a?b=c?d HTTP/2.0",
        "- http://www.example.com:80- -",
        "GET https://[2001:db8::1]:443/p?q=1 HTTP/1.1",
        "GET https://[2001:db8::1]/p HTTP/1.1",
        "GET http://host/ HTTP/1.1",
        "GET http://:80/x HTTP/1.1",
        "HEAD /relative/path?x HTTP/1.0",
        "GET /only-target",
        "GET",
        "-",
        "",
        "- - -",
        "GET http://host:80 HTTP/1.1",
        "GET http://host:80/? HTTP/1.1",
        "GET HTTP://Host.Example:8080/Mixed HTTP/1.1",
        "GET wss://ws.example.com:443/socket HTTP/1.1",
        "BREW coffee://pot:1/x HTCPCP/1.0",
        "GET  http://host:80/double-space HTTP/1.1",
        "GET http://host:80/trailing-space ",
        " GET http://host:80/leading HTTP/1.1",
        "GET http://hôst.example:80/ü HTTP/1.1",
        "GET a/b://c HTTP/1.1",
        "GET http:/not-a-scheme HTTP/1.1",
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public void Matches_the_string_splitter_or_declines(string request)
    {
        var expected = new LbLogRecord();
        RequestLine.ApplyTo(request, expected);

        var actual = new LbLogRecord();
        if (!Utf8RequestLine.TryApply(Encoding.UTF8.GetBytes(request), actual))
        {
            // Declined: the parser falls back to RequestLine, so nothing can differ.
            Assert.True(request.Length > 0 && (request.Trim() != request || request.Any(c => c > 0x7F) || request.Contains("  ")), $"declined a plain request: '{request}'");
            return;
        }

        Assert.Equal(expected.Method, actual.Method);
        Assert.Equal(expected.Scheme, actual.Scheme);
        Assert.Equal(expected.Host, actual.Host);
        Assert.Equal(expected.ListenerPort, actual.ListenerPort);
        Assert.Equal(expected.Path, actual.Path);
        Assert.Equal(expected.Query, actual.Query);
        Assert.Equal(expected.Protocol, actual.Protocol);
    }

    [Fact]
    public void The_aws_example_request_splits_into_its_parts()
    {
        // AWS ALB example entry: "GET http://www.example.com:80/ HTTP/1.1".
        var record = new LbLogRecord();
        Assert.True(Utf8RequestLine.TryApply(Encoding.UTF8.GetBytes("GET http://www.example.com:80/ HTTP/1.1"), record));
        Assert.Equal("GET", record.Method);
        Assert.Equal("http", record.Scheme);
        Assert.Equal("www.example.com", record.Host);
        Assert.Equal(80, record.ListenerPort);
        Assert.Equal("/", record.Path);
        Assert.Null(record.Query);
        Assert.Equal("HTTP/1.1", record.Protocol);
    }
}
