using System.Globalization;
using LbTools.Core.Diagnosis;
using LbTools.Core.Logs;

namespace LbTools.Core.Tests.Diagnosis;

public class CauseCatalogTests
{
    [Fact]
    public void Built_in_catalog_loads_with_english_and_japanese_texts()
    {
        var catalog = CauseCatalog.BuiltIn;
        Assert.NotEmpty(catalog.Causes);
        Assert.All(catalog.Causes, c =>
        {
            Assert.Matches(@"^\d{3}\.[A-Z][A-Za-z0-9]*$", c.Id);
            Assert.Contains(int.Parse(c.Id.Substring(0, 3), CultureInfo.InvariantCulture), c.StatusCodes);
            Assert.NotEmpty(c.GetText(CultureInfo.GetCultureInfo("en")).Checks);
            Assert.NotEqual(c.GetText(CultureInfo.GetCultureInfo("en")).Title, c.GetText(CultureInfo.GetCultureInfo("ja")).Title);
        });
    }

    [Fact]
    public void Japanese_culture_selects_the_japanese_text_and_others_fall_back_to_english()
    {
        var cause = CauseCatalog.BuiltIn.Get("502.BackendConnectFailed");
        Assert.Contains("TCP", cause.GetText(CultureInfo.GetCultureInfo("ja-JP")).Title);
        Assert.Contains("ロードバランサー", cause.GetText(CultureInfo.GetCultureInfo("ja-JP")).Title);
        Assert.Equal(cause.GetText(CultureInfo.GetCultureInfo("en")).Title, cause.GetText(CultureInfo.GetCultureInfo("de-DE")).Title);
    }

    [Theory]
    [InlineData(405, "405.TraceNotSupported")] // nginx finalizes a TRACE request with 405 (ngx_http_request.c); seen in the nginx integration tests
    [InlineData(414, "414.UriTooLong")]        // nginx docs, large_client_header_buffers: a request line over one buffer gets 414
    public void Nginx_codes_nginx_really_produces_are_listed_for_nginx(int status, string id)
    {
        Assert.Contains(CauseCatalog.BuiltIn.ForStatus(status, LbProvider.Nginx), c => c.Id == id);
    }

    [Fact]
    public void Status_lookup_respects_provider()
    {
        Assert.Contains(CauseCatalog.BuiltIn.ForStatus(502, LbProvider.AwsAlb), c => c.Id == "502.LambdaError");
        Assert.DoesNotContain(CauseCatalog.BuiltIn.ForStatus(502, LbProvider.AlibabaAlb), c => c.Id == "502.LambdaError");
    }

    private const string ValidEntry = "{\"id\":\"599.Custom\",\"status\":[599],\"providers\":[\"Nginx\"],\"origin\":\"Backend\",\"source\":\"ops wiki\",\"text\":{\"en\":{\"title\":\"t\",\"explanation\":\"e\",\"checks\":[\"c\"],\"remedy\":\"r\"},\"ja\":{\"title\":\"t\",\"explanation\":\"e\",\"checks\":[\"c\"],\"remedy\":\"r\"}}}";

    [Fact]
    public void A_valid_user_file_parses_and_merges()
    {
        var user = CauseCatalog.Parse("{\"causes\":[" + ValidEntry + "]}", "mine.json");
        var merged = CauseCatalog.BuiltIn.Merge(user, "mine.json");
        Assert.NotNull(merged.Find("599.Custom"));
        Assert.Equal(CauseCatalog.BuiltIn.Causes.Count + 1, merged.Causes.Count);
    }

    [Theory]
    [InlineData("\"id\":\"599.Custom\"", "\"id\":\"599-custom\"", "599-custom")]
    [InlineData("\"origin\":\"Backend\"", "\"origin\":\"Somewhere\"", "Somewhere")]
    [InlineData("\"providers\":[\"Nginx\"]", "\"providers\":[\"Haproxy\"]", "Haproxy")]
    [InlineData(",\"ja\":{\"title\":\"t\",\"explanation\":\"e\",\"checks\":[\"c\"],\"remedy\":\"r\"}", "", "'ja' text is missing")]
    [InlineData("\"source\":\"ops wiki\"", "\"source\":\"ops wiki\",\"colour\":\"red\"", "unknown field 'colour'")]
    public void A_bad_entry_is_an_error_naming_file_entry_and_problem(string find, string replace, string expected)
    {
        var json = "{\"causes\":[" + ValidEntry.Replace(find, replace) + "]}";
        var ex = Assert.Throws<CatalogFormatException>(() => CauseCatalog.Parse(json, "mine.json"));
        Assert.StartsWith("mine.json: entry '", ex.Message);
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void Duplicate_ids_are_rejected()
    {
        var ex = Assert.Throws<CatalogFormatException>(() => CauseCatalog.Parse("{\"causes\":[" + ValidEntry + "," + ValidEntry + "]}", "dup.json"));
        Assert.Contains("duplicate id", ex.Message);
        Assert.Throws<CatalogFormatException>(() => CauseCatalog.BuiltIn.Merge(CauseCatalog.Parse("{\"causes\":[" + ValidEntry.Replace("599.Custom", "502.FromBackend").Replace("599", "502") + "]}", "x.json"), "x.json"));
    }
}
