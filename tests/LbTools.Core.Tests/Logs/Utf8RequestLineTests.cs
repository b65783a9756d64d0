using System.Text;
using LbTools.Core.Logs;

namespace LbTools.Core.Tests.Logs;

/// <summary>
/// The byte-level request splitter used by the ALB parser must give exactly what the string
/// splitter (RequestLine, tested against the AWS examples) gives, or decline and leave the
/// line to it. Request shapes from the AWS ALB access-log page ("Access logs for your
/// Application Load Balancer"): "GET http://host:80/ HTTP/1.1", the broken-request form
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

        // Every common method and protocol, and ones that are not in the shared list.
        "PUT http://h:80/a HTTP/1.0",
        "DELETE http://h:80/a HTTP/2.0",
        "OPTIONS http://h:80/a HTTP/2",
        "PATCH http://h:80/a HTTP/1.1",
        "HEAD http://h:80/a HTTP/1.1",
        "POST http://h:80/a HTTP/1.1",
        "CONNECT www.example.com:443 HTTP/1.1",
        "PROPFIND http://h:80/dav HTTP/1.1",
        "MKCALENDAR http://h:80/dav HTTP/1.1",
        "GETS http://h:80/a HTTP/1.1",
        "GE http://h:80/a HTTP/1.1",
        "get http://h:80/a http/1.1",
        "GET http://h:80/a HTTP/3",
        "GET http://h:80/a HTTP/1.2",
        "GET http://h:80/a HTTP/1.1x",
        "GET http://h:80/a PRI",
        "GET http://h:80/a -",
        "- http://h:80/a HTTP/1.1",
        "-- http://h:80/a --",

        // Scheme case and shapes: the string version lower-cases it.
        "GET HTTPS://h:443/a HTTP/1.1",
        "GET HtTp://h:80/a HTTP/1.1",
        "GET WS://h:80/a HTTP/1.1",
        "GET Wss://h:443/a HTTP/1.1",
        "GET ws://h:80/a HTTP/1.1",
        "GET httpx://h:80/a HTTP/1.1",
        "GET htt://h:80/a HTTP/1.1",
        "GET h://h:80/a HTTP/1.1",
        "GET Coffee-Pot+X.1://h:80/a HTTP/1.1",
        "GET ://h:80/a HTTP/1.1",
        "GET http:// HTTP/1.1",
        "GET http:/// HTTP/1.1",
        "GET http://h:80/a://b HTTP/1.1",
        "GET x:y://h/a HTTP/1.1",
        "GET @ttp://h/a HTTP/1.1",
        "GET hTTPS://h/a HTTP/1.1",
        "GET HTTP/1.1",
        "GET / HTTP/1.1",
        "GET : HTTP/1.1",
        "GET :// HTTP/1.1",
        "GET a:// HTTP/1.1",

        // Hosts and ports: IPv6, port only, empty host, odd ports.
        "GET https://[2001:db8::1]:8443/p HTTP/1.1",
        "GET https://[2001:db8::1] HTTP/1.1",
        "GET https://[::1]:/p HTTP/1.1",
        "GET https://2001:db8::1/p HTTP/1.1",
        "GET http://:80 HTTP/1.1",
        "GET http://: HTTP/1.1",
        "GET http:///path HTTP/1.1",
        "GET http://host:/p HTTP/1.1",
        "GET http://host:abc/p HTTP/1.1",
        "GET http://host:1234567890123/p HTTP/1.1",
        "GET http://host:0/p HTTP/1.1",
        "GET http://host:80:81/p HTTP/1.1",
        "GET http://user@host:80/p HTTP/1.1",
        "GET http://h?x=1 HTTP/1.1",
        "GET http://h:80?x=1 HTTP/1.1",
        "GET http://ip-10-0-1-23.ec2.internal:8080/health HTTP/1.1",
        "GET http://ip-10-0-1-24.ec2.internal:8080/health HTTP/1.1",
        "GET http://a/ HTTP/1.1",
        "GET http://ab/ HTTP/1.1",
        "GET http://abcdefg/ HTTP/1.1",
        "GET http://abcdefgh/ HTTP/1.1",
        "GET http://abcdefghi/ HTTP/1.1",

        // Paths and queries: '?' first, empty parts, long paths, several '?'.
        "GET ? HTTP/1.1",
        "GET ?a=1 HTTP/1.1",
        "GET /? HTTP/1.1",
        "GET http://h:80/?? HTTP/1.1",
        "GET http://h:80/p?a=1&b=2?c#frag HTTP/1.1",
        "GET http://h:80/p#frag HTTP/1.1",
        "GET https://www.example.com:443/api/v1/customers/12345/orders/67890/items/abcdef0123456789?page=2&size=50&sort=created_at%2Cdesc HTTP/1.1",
        "GET /" + new string('a', 300) + "?" + new string('b', 300) + " HTTP/1.1",
        "GET https://" + new string('h', 120) + ":443/p HTTP/1.1",
        "GET https://www.example.com:443/search?q=a+b%20c HTTP/1.1",
        "GET - HTTP/1.1",
        "GET -- HTTP/1.1",

        // Spaces inside the URL (several spaces), tabs and other whitespace.
        "GET http://h:80/a b HTTP/1.1",
        "GET /a b c HTTP/1.1",
        "GET\thttp://h:80/tab HTTP/1.1",
        "GET http://h:80/a\tb HTTP/1.1",
        "GET \thttp://h:80/tab HTTP/1.1",
        "GET http://h:80/tab\t HTTP/1.1",
        "GET http://h:80/x HTTP/1.1\t",
        "\tGET http://h:80/x HTTP/1.1",
        "GET http://h:80/x HTTP/1.1\r",
        "GET http://h:80/x HTTP/1.1\n",
        "GET http://h:80/x\u000b HTTP/1.1",
        "GET   HTTP/1.1",
        "GET  HTTP/1.1",
        "GET ",
        " ",
        "- - - ",
        "a",
        "ab",
        "abcdefg",
        "abcdefgh",

        // Non-ASCII anywhere, including after the first 8-byte words and in the last byte.
        "GET https://www.example.com:443/api/v1/cart?session=4f1c2a&name=caf\u00e9 HTTP/1.1",
        "GET https://www.example.com:443/api/v1/cart?session=4f1c2a HTTP/1.\u00b9",
        "GET https://www.example.com:443/api/v1/\u65e5\u672c HTTP/1.1",
        "G\u00c9T / HTTP/1.1",
        "GET /\u00a0 HTTP/1.1",
        "\u00a0GET / HTTP/1.1",
        "GET /x HTTP/1.1\u0085",
        "GET /\ud83d\ude00 HTTP/1.1",
        "GET /\u007f HTTP/1.1",
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
            Assert.True(MayDecline(request), $"declined a plain request: '{request}'");
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

    /// <summary>The declines the byte version is allowed: non-ASCII, or whitespace the string version would trim (around the line or around the URL).</summary>
    private static bool MayDecline(string request)
    {
        if (request.Length == 0)
        {
            return false;
        }

        if (request.Trim() != request || request.Any(c => c > 0x7F))
        {
            return true;
        }

        int first = request.IndexOf(' ');
        int last = request.LastIndexOf(' ');
        string target = first < 0 ? request : last > first ? request.Substring(first + 1, last - first - 1) : request.Substring(first + 1);
        return target.Trim() != target;
    }

    [Fact]
    public void Many_hosts_and_ports_in_turn_split_like_the_string_splitter()
    {
        // More scheme://host:port prefixes than the split cache has slots, twice over, so
        // entries share slots and are replaced; every line must still get its own parts.
        var schemes = new[] { "http", "https", "HTTPS", "ws" };
        for (int round = 0; round < 2; round++)
        {
            for (int i = 0; i < 3000; i++)
            {
                var request = $"GET {schemes[i % 4]}://ip-10-0-{i / 250}-{i % 250}.ec2.internal:{8000 + (i % 7)}/p{i}?q={i} HTTP/1.1";
                var expected = new LbLogRecord();
                RequestLine.ApplyTo(request, expected);
                var actual = new LbLogRecord();
                Assert.True(Utf8RequestLine.TryApply(Encoding.UTF8.GetBytes(request), actual));
                Assert.Equal(expected.Scheme, actual.Scheme);
                Assert.Equal(expected.Host, actual.Host);
                Assert.Equal(expected.ListenerPort, actual.ListenerPort);
                Assert.Equal(expected.Path, actual.Path);
                Assert.Equal(expected.Query, actual.Query);
            }
        }
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
