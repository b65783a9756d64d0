using LbTools.Core.Logs;
using LbTools.Core.Logs.CloudFront;

namespace LbTools.Core.Tests.Logs;

/// <summary>Header and rows copied verbatim from Amazon CloudFront "Standard logging reference".</summary>
public class CloudFrontLineParserTests
{
    internal const string Version = "#Version: 1.0";
    internal const string Fields = "#Fields: date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status cs(Referer) cs(User-Agent) cs-uri-query cs(Cookie) x-edge-result-type x-edge-request-id x-host-header cs-protocol cs-bytes time-taken x-forwarded-for ssl-protocol ssl-cipher x-edge-response-result-type cs-protocol-version fle-status fle-encrypted-fields c-port time-to-first-byte x-edge-detailed-result-type sc-content-type sc-content-len sc-range-start sc-range-end";
    internal const string Hit = "2019-12-04\t21:02:31\tLAX1\t392\t192.0.2.100\tGET\td111111abcdef8.cloudfront.net\t/index.html\t200\t-\tMozilla/5.0%20(Windows%20NT%2010.0;%20Win64;%20x64)%20AppleWebKit/537.36%20(KHTML,%20like%20Gecko)%20Chrome/78.0.3904.108%20Safari/537.36\t-\t-\tHit\tSOX4xwn4XV6Q4rgb7XiVGOHms_BGlTAC4KyHmureZmBNrjGdRLiNIQ==\td111111abcdef8.cloudfront.net\thttps\t23\t0.001\t-\tTLSv1.2\tECDHE-RSA-AES128-GCM-SHA256\tHit\tHTTP/2.0\t-\t-\t11040\t0.001\tHit\ttext/html\t78\t-\t-";
    internal const string DnsError = "2019-12-13\t22:36:27\tSEA19-C1\t900\t192.0.2.200\tGET\td111111abcdef8.cloudfront.net\t/favicon.ico\t502\thttp://www.example.com/\tMozilla/5.0%20(Windows%20NT%2010.0;%20Win64;%20x64)%20AppleWebKit/537.36%20(KHTML,%20like%20Gecko)%20Chrome/78.0.3904.108%20Safari/537.36\t-\t-\tError\t1pkpNfBQ39sYMnjjUQjmH2w1wdJnbHYTbag21o_3OfcQgPzdL2RSSQ==\twww.example.com\thttp\t675\t0.102\t-\t-\t-\tError\tHTTP/1.1\t-\t-\t25260\t0.102\tOriginDnsError\ttext/html\t507\t-\t-";
    internal const string DnsErrorTrailingTab = "2019-12-13\t22:37:02\tSEA19-C2\t900\t192.0.2.200\tGET\td111111abcdef8.cloudfront.net\t/\t502\t-\tcurl/7.55.1\t-\t-\tError\tkBkDzGnceVtWHqSCqBUqtA_cEs2T3tFUBbnBNkB9El_uVRhHgcZfcw==\twww.example.com\thttp\t387\t0.103\t-\t-\t-\tError\tHTTP/1.1\t-\t-\t12644\t0.103\tOriginDnsError\ttext/html\t507\t-\t-\t";

    private static LbLogRecord ParseAfterHeader(CloudFrontLineParser parser, string line)
    {
        Assert.True(parser.Parse(Version).IsSkipped);
        Assert.True(parser.Parse(Fields).IsSkipped);
        var outcome = parser.Parse(line);
        Assert.True(outcome.IsRecord, outcome.Detail);
        return outcome.Record!;
    }

    [Fact]
    public void Hit_row_is_mapped_and_url_decoded()
    {
        var r = ParseAfterHeader(new CloudFrontLineParser(), Hit);
        Assert.Equal(new DateTimeOffset(2019, 12, 4, 21, 2, 31, TimeSpan.Zero), r.Time);
        Assert.Equal(200, r.Status);
        Assert.Equal("/index.html", r.Path);
        Assert.Equal("d111111abcdef8.cloudfront.net", r.Host);
        Assert.Equal("https", r.Scheme);
        Assert.Equal("HTTP/2.0", r.Protocol);
        Assert.Equal(392, r.BytesSent);
        Assert.Equal(23, r.BytesReceived);
        Assert.Equal(0.001, r.RequestTime);
        Assert.Equal(11040, r.ClientPort);
        Assert.StartsWith("Mozilla/5.0 (Windows NT 10.0; Win64; x64)", r.UserAgent);
        Assert.Equal("Hit", r["x-edge-result-type"]);
    }

    [Fact]
    public void Error_rows_keep_the_detailed_result_and_tolerate_a_trailing_tab()
    {
        var parser = new CloudFrontLineParser();
        var r = ParseAfterHeader(parser, DnsError);
        Assert.Equal(502, r.Status);
        Assert.Equal("OriginDnsError", r.ErrorReason);
        Assert.Equal("www.example.com", r.Host);
        Assert.Equal("507", r["sc-content-len"]);

        var trailing = parser.Parse(DnsErrorTrailingTab);
        Assert.True(trailing.IsRecord, trailing.Detail);
        Assert.Empty(trailing.Record!.ExtraFields);
    }

    [Fact]
    public void Columns_follow_the_fields_header_not_fixed_positions()
    {
        var parser = new CloudFrontLineParser();
        Assert.True(parser.Parse("#Fields: sc-status date time cs-uri-stem").IsSkipped);
        var outcome = parser.Parse("504\t2020-01-02\t03:04:05\t/a%20b");
        Assert.True(outcome.IsRecord, outcome.Detail);
        Assert.Equal(504, outcome.Record!.Status);
        Assert.Equal("/a b", outcome.Record.Path);
        Assert.Equal(new DateTimeOffset(2020, 1, 2, 3, 4, 5, TimeSpan.Zero), outcome.Record.Time);
        Assert.Equal(LineRejection.TooFewFields, parser.Parse("504\t2020-01-02").Reason);
    }

    [Fact]
    public void A_file_is_detected_from_its_header()
    {
        Assert.Equal(LogFormat.CloudFront, LogFormatDetector.Detect(new[] { Version, Fields, Hit }));
        Assert.Equal(LogFormat.CloudFront, LogFormatDetector.Detect(new[] { Hit }));
    }
}
