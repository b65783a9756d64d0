using LbTools.Core.Probes;

namespace LbTools.Core.Tests.Probes;

public class BackendTargetTests
{
    [Theory]
    [InlineData("10.0.0.1:8080", "10.0.0.1", 8080, null, "10.0.0.1:8080")]
    [InlineData("[::1]:443", "::1", 443, null, "[::1]:443")]
    [InlineData("2001:db8::10:80", "2001:db8::10", 80, null, "[2001:db8::10]:80")]
    [InlineData("https://api.example.com/health", "api.example.com", 443, "https", "api.example.com:443")]
    [InlineData("http://api.example.com:8080/x?y=1", "api.example.com", 8080, "http", "api.example.com:8080")]
    [InlineData("http://[::1]/", "::1", 80, "http", "[::1]:80")]
    public void Valid_targets_parse(string text, string host, int port, string? scheme, string authority)
    {
        var target = BackendTarget.Parse(text);
        Assert.Equal(host, target.Host);
        Assert.Equal(port, target.Port);
        Assert.Equal(scheme, target.Scheme);
        Assert.Equal(authority, target.Authority);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("host-without-port", "port is missing")]
    [InlineData("10.0.0.1:99999", "not a port")]
    [InlineData("ftp://x:21", "not supported")]
    [InlineData("[::1:80", "not closed")]
    public void Invalid_targets_say_why(string text, string reason)
    {
        Assert.False(BackendTarget.TryParse(text, out _, out var error));
        Assert.Contains(reason, error);
    }

    [Fact]
    public void A_list_of_values_gives_every_target_and_names_each_invalid_text_with_its_reason()
    {
        var invalid = new List<(string Text, string Reason)>();

        var targets = BackendTarget.ParseAll(
            new[] { "10.0.0.1:80, 10.0.0.2:80 : 10.0.0.3:80", null, "host-without-port", "  ", "[::1]:443" },
            (text, reason) => invalid.Add((text, reason)));

        Assert.Equal(new[] { "10.0.0.1:80", "10.0.0.2:80", "10.0.0.3:80", "[::1]:443" }, targets.Select(t => t.Authority));
        var (badText, badReason) = Assert.Single(invalid);
        Assert.Equal("host-without-port", badText);
        Assert.Contains("port is missing", badReason);
    }

    [Fact]
    public void Url_keeps_the_path()
    {
        Assert.Equal("/x?y=1", BackendTarget.Parse("http://h:1/x?y=1").Path);
    }
}

public class BackendTargetListTests
{
    [Theory]
    // nginx $upstream_addr: attempts separated by ", ", internal redirects by " : " (ngx_http_upstream_module docs).
    [InlineData("10.0.0.1:80", new[] { "10.0.0.1:80" })]
    [InlineData("10.0.0.1:80, 10.0.0.2:80", new[] { "10.0.0.1:80", "10.0.0.2:80" })]
    [InlineData("192.168.1.1:80, 192.168.1.2:80, unix:/tmp/sock : 192.168.10.1:80", new[] { "192.168.1.1:80", "192.168.1.2:80", "unix:/tmp/sock", "192.168.10.1:80" })]
    [InlineData("[::1]:8080, 2001:db8::10:80", new[] { "[::1]:8080", "2001:db8::10:80" })]
    public void Upstream_lists_split_into_targets(string text, string[] expected)
    {
        Assert.Equal(expected, BackendTarget.SplitList(text));
    }

    [Fact]
    public void A_unix_socket_is_refused_with_a_reason()
    {
        Assert.False(BackendTarget.TryParse("unix:/tmp/sock", out _, out var error));
        Assert.Contains("unix socket", error);
    }
}
