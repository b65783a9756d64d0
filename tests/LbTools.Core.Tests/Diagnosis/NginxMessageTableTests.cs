using LbTools.Core.Diagnosis;

namespace LbTools.Core.Tests.Diagnosis;

public class NginxMessageTableTests
{
    [Fact]
    public void Every_built_in_entry_names_a_catalog_cause_a_public_source_and_an_example_it_matches()
    {
        var table = NginxMessageTable.BuiltIn;
        Assert.True(table.Patterns.Count >= 20);
        foreach (var p in table.Patterns)
        {
            Assert.NotNull(CauseCatalog.BuiltIn.Find(p.CauseId));
            Assert.Matches(@"^nginx (source src/[a-z_/]+\.c|\.org )", p.Source);
            Assert.DoesNotContain("seed", p.Source, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(".md", p.Source, StringComparison.Ordinal);
            Assert.True(p.Match.IsMatch(p.Example), p.Name);
        }
    }

    // The messages issue 16 lists, as nginx writes them, and the cause each proves.
    [Theory]
    [InlineData("connect() failed (111: Connection refused) while connecting to upstream", "502.BackendConnectFailed")]
    [InlineData("upstream sent invalid header: \"X-Bro\\x00ken: yes\" while reading response header from upstream", "502.MalformedResponse")]
    [InlineData("upstream prematurely closed connection while reading response header from upstream", "502.BackendClosedConnection")]
    [InlineData("recv() failed (104: Connection reset by peer) while reading response header from upstream", "502.BackendClosedConnection")]
    [InlineData("upstream SSL certificate does not match \"backend.internal\" while SSL handshaking to upstream", "502.TlsToBackendFailed")]
    [InlineData("client sent too long header line: \"Cookie: session=ccc...\" while reading client request headers", "400.HeaderTooLarge")]
    [InlineData("client sent plain HTTP request to HTTPS port while reading client request headers", "400.HttpToHttpsPort")]
    [InlineData("limiting requests, excess: 1.000 by zone \"per_client\"", "503.QpsThrottled")]
    [InlineData("no live upstreams while connecting to upstream", "502.AllBackendsUnhealthy")]
    [InlineData("upstream sent too big header while reading response header from upstream", "502.ResponseHeaderTooLarge")]
    [InlineData("upstream timed out (110: Connection timed out) while connecting to upstream", "504.BackendConnectTimeout")]
    [InlineData("upstream timed out (110: Connection timed out) while reading response header from upstream", "504.BackendResponseTimeout")]
    public void The_issue_messages_map_to_their_causes(string message, string cause)
    {
        var matches = NginxMessageTable.BuiltIn.Match(message);
        Assert.Equal(new[] { cause }, matches.Select(m => m.CauseId).Distinct());
    }

    [Fact]
    public void A_rule_file_adds_messages_checked_against_the_merged_catalog()
    {
        using var dir = new Support.TempDirectory();
        var good = dir.File("good.json", """
            { "nginxMessages": [ { "name": "ModSecurity", "match": "ModSecurity: Access denied", "example": "ModSecurity: Access denied with code 403", "cause": "403.WafBlocked", "source": "ModSecurity-nginx README" } ] }
            """);
        RuleFile.LoadAll(new[] { good }, out _, out var table);
        Assert.Equal("403.WafBlocked", Assert.Single(table.Match("ModSecurity: Access denied with code 403 (phase 2)")).CauseId);

        var unknown = dir.File("unknown.json", """
            { "nginxMessages": [ { "name": "X", "match": "x", "example": "x", "cause": "502.NoSuchCause", "source": "s" } ] }
            """);
        var ex = Assert.Throws<CatalogFormatException>(() => RuleFile.LoadAll(new[] { unknown }, out _, out _));
        Assert.Contains("502.NoSuchCause", ex.Message);
        Assert.Contains("X", ex.Message);

        var badRegex = dir.File("bad.json", """
            { "nginxMessages": [ { "name": "Y", "match": "(", "example": "x", "cause": "502.FromBackend", "source": "s" } ] }
            """);
        Assert.Contains("regular expression", Assert.Throws<CatalogFormatException>(() => RuleFile.LoadAll(new[] { badRegex }, out _, out _)).Message);

        var noMatch = dir.File("nomatch.json", """
            { "nginxMessages": [ { "name": "Z", "match": "abc", "example": "xyz", "cause": "502.FromBackend", "source": "s" } ] }
            """);
        Assert.Contains("example", Assert.Throws<CatalogFormatException>(() => RuleFile.LoadAll(new[] { noMatch }, out _, out _)).Message);

        var clash = dir.File("clash.json", """
            { "nginxMessages": [ { "name": "ConnectRefused", "match": "abc", "example": "abc", "cause": "502.FromBackend", "source": "s" } ] }
            """);
        Assert.Contains("already exists", Assert.Throws<CatalogFormatException>(() => RuleFile.LoadAll(new[] { clash }, out _, out _)).Message);
    }
}
