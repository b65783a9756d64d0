using System.Text.RegularExpressions;
using LbTools.Core.Diagnosis;
using LbTools.Core.Logs;

namespace LbTools.Core.Tests.Diagnosis;

/// <summary>
/// Every source a user sees (a cause's source, a triage step's source, a provider profile's source)
/// names public documents a reader can open: each reference separated by "; " gives the publisher,
/// the page title in quotes (or an nginx source file) and the page's address in angle brackets on a
/// vendor or nginx host. An internal note, a working file or an unlinked title fails.
/// </summary>
public class PublicSourceTests
{
    private static readonly Regex Reference = new(
        "^(?<publisher>AWS|AWS Knowledge Center|Amazon CloudFront|Amazon CloudFront API Reference|Alibaba Cloud|nginx|IETF) " +
        "(?:\"(?<title>[^\"]+)\"|source (?<file>src/[a-z_/]+\\.[ch]))" +
        "[^<>]* <(?<url>https://[^\\s<>]+)>(?:, (?<detail>[^<>]+))?$",
        RegexOptions.CultureInvariant);

    private static readonly string[] PublicHosts =
    {
        "https://docs.aws.amazon.com/",
        "https://repost.aws/",
        "https://www.alibabacloud.com/help/",
        "https://help.aliyun.com/",
        "https://nginx.org/en/docs/",
        "https://github.com/nginx/nginx/blob/",
        "https://www.rfc-editor.org/rfc/",
    };

    private static readonly string[] InternalMarks = { "seed", ".md", "§", "shared/reference" };

    /// <summary>Why <paramref name="source"/> is not a list of public references, or null when it is.</summary>
    internal static string? Problem(string source)
    {
        if (string.IsNullOrWhiteSpace(source))
        {
            return "empty source";
        }

        foreach (string part in source.Split("; "))
        {
            string? mark = InternalMarks.FirstOrDefault(m => part.Contains(m, StringComparison.OrdinalIgnoreCase));
            if (mark != null)
            {
                return $"'{part}' names an internal document ({mark})";
            }

            var m = Reference.Match(part);
            if (!m.Success)
            {
                return $"'{part}' is not: publisher \"title\" <https://...>[, detail]";
            }

            string url = m.Groups["url"].Value;
            if (!PublicHosts.Any(h => url.StartsWith(h, StringComparison.Ordinal)))
            {
                return $"'{url}' is not on a vendor documentation or nginx host";
            }

            if (m.Groups["file"].Success && !url.EndsWith("/" + m.Groups["file"].Value, StringComparison.Ordinal))
            {
                return $"'{url}' is not the nginx source file {m.Groups["file"].Value}";
            }
        }

        return null;
    }

    public static TheoryData<string> CauseIds() => new(CauseCatalog.BuiltIn.Causes.Select(c => c.Id));

    [Theory]
    [MemberData(nameof(CauseIds))]
    public void Every_cause_cites_public_documents(string id)
    {
        Assert.Null(Problem(CauseCatalog.BuiltIn.Get(id).Source));
    }

    [Fact]
    public void Every_nginx_message_pattern_cites_public_documents()
    {
        Assert.NotEmpty(NginxMessageTable.BuiltIn.Patterns);
        Assert.All(NginxMessageTable.BuiltIn.Patterns, p => Assert.Null(Problem(p.Source)));
    }

    [Fact]
    public void Every_triage_step_cites_public_documents()
    {
        var steps = TriageChecklist.BuiltIn.Steps(null);
        Assert.NotEmpty(steps);
        Assert.All(steps, s => Assert.Null(Problem(s.Source)));
    }

    [Theory]
    [InlineData(LbProvider.AwsAlb)]
    [InlineData(LbProvider.AwsClb)]
    [InlineData(LbProvider.CloudFront)]
    [InlineData(LbProvider.AlibabaAlb)]
    [InlineData(LbProvider.AlibabaClb)]
    [InlineData(LbProvider.Nginx)]
    [InlineData(LbProvider.Unknown)]
    public void Every_provider_profile_cites_public_documents(LbProvider provider)
    {
        Assert.Null(Problem(ProviderProfile.For(provider).Source));
    }

    [Theory]
    [InlineData("Alibaba Cloud ALB status codes (seed 000 ja, seed 001 en), HTTP 400", "internal")]
    [InlineData("log-formats-and-status-codes.md §2 (AWS ALB troubleshooting), HTTP 502", "internal")]
    [InlineData("AWS \"Troubleshoot your Application Load Balancers\", HTTP 502", "is not")]
    [InlineData("AWS \"Troubleshoot your Application Load Balancers\" <https://example.com/alb.html>, HTTP 502", "not on a vendor")]
    [InlineData("nginx source src/http/ngx_http_request.h <https://github.com/nginx/nginx/blob/master/src/http/ngx_http_upstream.c>", "not the nginx source file")]
    [InlineData("AWS \"Troubleshoot your Application Load Balancers\" <https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-troubleshooting.html>; AWS 502 article", "is not")]
    [InlineData("", "empty")]
    public void The_check_rejects_sources_a_reader_cannot_open(string source, string expected)
    {
        Assert.Contains(expected, Problem(source));
    }

    [Fact]
    public void The_check_accepts_a_vendor_page_and_an_nginx_source_file()
    {
        Assert.Null(Problem(
            "AWS \"Troubleshoot your Application Load Balancers\" <https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-troubleshooting.html>, HTTP 502; " +
            "nginx source src/http/ngx_http_request.h <https://github.com/nginx/nginx/blob/master/src/http/ngx_http_request.h>, code 499"));
    }
}
