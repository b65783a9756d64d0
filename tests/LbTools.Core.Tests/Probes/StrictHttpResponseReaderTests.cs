using System.Text;
using LbTools.Core.Probes.Http;
using LbTools.Core.Probes;

namespace LbTools.Core.Tests.Probes;

/// <summary>
/// The strict reader over in-memory bytes. Expected verdicts follow RFC 9112: status-line (§4),
/// field-line syntax and no whitespace before the colon (§5.1), obs-fold (§5.2), line endings
/// (§2.2), message body length (§6.3) and chunked coding (§7.1).
/// </summary>
public class StrictHttpResponseReaderTests
{
    private static Task<HttpResponseReport> Read(string raw, int maxHeaderBytes = 64 * 1024, bool head = false, bool plainText = true)
    {
        var reader = new StrictHttpResponseReader(new MemoryStream(Encoding.Latin1.GetBytes(raw)), maxHeaderBytes, 8 * 1024 * 1024, TimeSpan.FromSeconds(2), plainText);
        return reader.ReadAsync(TimeSpan.FromSeconds(2), head, CancellationToken.None);
    }

    [Fact]
    public async Task A_sound_content_length_response_has_no_problem()
    {
        var report = await Read("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello");
        Assert.Equal(ProbeFailureReason.None, report.Problem);
        Assert.Equal(200, report.StatusCode);
        Assert.Equal("HTTP/1.1", report.Version);
        Assert.Equal("OK", report.ReasonPhrase);
        Assert.Equal(5, report.BodyBytes);
        Assert.Equal("ContentLength", report.Framing);
        Assert.Equal("text/plain", report.GetHeader("content-type"));
        Assert.NotNull(report.FirstByteMs);
    }

    [Fact]
    public async Task A_sound_chunked_response_with_extension_and_trailer_is_read_to_the_end()
    {
        var report = await Read("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;name=value\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: 1\r\n\r\n");
        Assert.Equal(ProbeFailureReason.None, report.Problem);
        Assert.Equal("Chunked", report.Framing);
        Assert.Equal(11, report.BodyBytes);
    }

    [Fact]
    public async Task A_body_without_length_is_read_until_the_close()
    {
        var report = await Read("HTTP/1.0 200 OK\r\n\r\nabc");
        Assert.Equal(ProbeFailureReason.None, report.Problem);
        Assert.Equal("UntilClose", report.Framing);
        Assert.Equal(3, report.BodyBytes);
    }

    [Fact]
    public async Task An_empty_reason_phrase_is_allowed()
    {
        // reason-phrase is optional, the SP before it is not (RFC 9112 §4); nginx also accepts none at all.
        var report = await Read("HTTP/1.1 204 \r\n\r\n");
        Assert.Equal(ProbeFailureReason.None, report.Problem);
        Assert.Equal(204, report.StatusCode);
    }

    [Theory]
    [InlineData("HTTP/1.1 OK\r\n\r\n")]
    [InlineData("HTTP/1.1 2000 OK\r\n\r\n")]
    [InlineData("HTTP/1.1  200 OK\r\n\r\n")]
    [InlineData("HTTP/1 200 OK\r\n\r\n")]
    [InlineData("<html>hello</html>\r\n")]
    [InlineData("ICY 200 OK\r\n\r\n")]
    public async Task A_malformed_status_line_fails(string raw)
    {
        var report = await Read(raw);
        Assert.Equal(ProbeFailureReason.MalformedResponse, report.Problem);
        Assert.Equal(ProbeOutcome.Fail, report.ProblemSeverity);
        Assert.Contains("status line", report.ProblemDetail);
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nX-Broken header\r\nContent-Length: 0\r\n\r\n", "no colon")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length : 0\r\n\r\n", "whitespace between a header name and its colon")]
    [InlineData("HTTP/1.1 200 OK\r\nX-Long: part one\r\n part two\r\nContent-Length: 0\r\n\r\n", "folding")]
    [InlineData("HTTP/1.1 200 OK\r\nX-A: 1\rX-B: 2\r\nContent-Length: 0\r\n\r\n", "bare CR")]
    [InlineData("HTTP/1.1 200 OK\r\nX(Bad): 1\r\nContent-Length: 0\r\n\r\n", "not allowed in a token")]
    [InlineData("HTTP/1.1 200 OK\r\nX-A: a\u0001b\r\nContent-Length: 0\r\n\r\n", "control character")]
    public async Task Invalid_header_syntax_fails_with_what_is_wrong(string raw, string detail)
    {
        var report = await Read(raw);
        Assert.Equal(ProbeFailureReason.MalformedResponse, report.Problem);
        Assert.Equal(ProbeOutcome.Fail, report.ProblemSeverity);
        Assert.Contains(detail, report.ProblemDetail);
    }

    [Fact]
    public async Task A_bare_lf_is_a_warning_and_the_response_is_still_read()
    {
        // RFC 9112 §2.2: a recipient MAY accept a bare LF as line terminator.
        var report = await Read("HTTP/1.1 200 OK\nContent-Length: 2\n\nok");
        Assert.Equal(ProbeFailureReason.MalformedResponse, report.Problem);
        Assert.Equal(ProbeOutcome.Warn, report.ProblemSeverity);
        Assert.Equal(200, report.StatusCode);
        Assert.Equal(2, report.BodyBytes);
    }

    [Fact]
    public async Task A_body_shorter_than_content_length_is_incomplete()
    {
        var report = await Read("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly 19 bytes here.");
        Assert.Equal(ProbeFailureReason.IncompleteBody, report.Problem);
        Assert.Equal(19, report.BodyBytes);
        Assert.Contains("Content-Length is 100", report.ProblemDetail);
    }

    [Fact]
    public async Task Bytes_after_the_declared_body_are_a_warning()
    {
        var report = await Read("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokEXTRA");
        Assert.Equal(ProbeFailureReason.MalformedResponse, report.Problem);
        Assert.Equal(ProbeOutcome.Warn, report.ProblemSeverity);
    }

    [Theory]
    [InlineData("Content-Length: 5\r\nContent-Length: 6\r\n")]
    [InlineData("Content-Length: five\r\n")]
    [InlineData("Content-Length: 5\r\nTransfer-Encoding: chunked\r\n")]
    public async Task Contradictory_or_invalid_framing_fails(string headers)
    {
        var report = await Read($"HTTP/1.1 200 OK\r\n{headers}\r\nhello");
        Assert.Equal(ProbeFailureReason.MalformedResponse, report.Problem);
        Assert.Equal(ProbeOutcome.Fail, report.ProblemSeverity);
    }

    [Fact]
    public async Task A_chunk_size_that_is_not_hex_is_broken_chunking()
    {
        var report = await Read("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n");
        Assert.Equal(ProbeFailureReason.BrokenChunking, report.Problem);
    }

    [Fact]
    public async Task A_chunk_longer_than_its_size_is_broken_chunking()
    {
        var report = await Read("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nhello\r\n0\r\n\r\n");
        Assert.Equal(ProbeFailureReason.BrokenChunking, report.Problem);
    }

    [Fact]
    public async Task A_chunked_body_without_last_chunk_is_incomplete()
    {
        var report = await Read("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n");
        Assert.Equal(ProbeFailureReason.IncompleteBody, report.Problem);
        Assert.Equal(5, report.BodyBytes);
    }

    [Fact]
    public async Task A_header_block_over_the_cap_is_too_large()
    {
        string big = "X-Big: " + new string('a', 3000) + "\r\n";
        var report = await Read($"HTTP/1.1 200 OK\r\n{big}Content-Length: 0\r\n\r\n", maxHeaderBytes: 2048);
        Assert.Equal(ProbeFailureReason.HeaderTooLarge, report.Problem);
    }

    [Theory]
    [InlineData(32 * 1024, false)]
    [InlineData((32 * 1024) + 1, true)]
    public async Task A_header_block_over_the_32_K_of_an_AWS_ALB_is_a_warning_and_still_read(int headerBytes, bool warned)
    {
        // AWS ALB troubleshooting, HTTP 502: "The target response header exceeded 32 K for the entire response header."
        const string head = "HTTP/1.1 200 OK\r\nX-Big: ";
        const string tail = "\r\nContent-Length: 2\r\n\r\n";
        string raw = head + new string('a', headerBytes - head.Length - tail.Length) + tail + "ok";

        var report = await Read(raw);

        Assert.Equal(headerBytes, report.HeaderBytes);
        Assert.Equal(warned ? ProbeFailureReason.HeaderTooLarge : ProbeFailureReason.None, report.Problem);
        if (warned)
        {
            Assert.Equal(ProbeOutcome.Warn, report.ProblemSeverity);
            Assert.Contains("32 K", report.ProblemDetail);
        }

        Assert.Equal(200, report.StatusCode);
        Assert.Equal(2, report.BodyBytes);
    }

    [Fact]
    public async Task A_header_block_just_under_the_cap_passes()
    {
        string raw = "HTTP/1.1 200 OK\r\nX-Big: " + new string('a', 1900) + "\r\nContent-Length: 0\r\n\r\n";
        var report = await Read(raw, maxHeaderBytes: raw.Length);
        Assert.Equal(ProbeFailureReason.None, report.Problem);
        Assert.Equal(raw.Length, report.HeaderBytes);
    }

    [Fact]
    public async Task No_bytes_at_all_is_closed_without_response()
    {
        var report = await Read(string.Empty);
        Assert.Equal(ProbeFailureReason.ClosedWithoutResponse, report.Problem);
        Assert.Null(report.StatusCode);
    }

    [Fact]
    public async Task A_close_in_the_middle_of_the_headers_is_closed_without_response()
    {
        var report = await Read("HTTP/1.1 200 OK\r\nContent-Len");
        Assert.Equal(ProbeFailureReason.ClosedWithoutResponse, report.Problem);
        Assert.Contains("middle of the response headers", report.ProblemDetail);
    }

    [Theory]
    [InlineData(new byte[] { 0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x46 })]
    [InlineData(new byte[] { 0x16, 0x03, 0x01, 0x00, 0x05, 0x02, 0x00, 0x00, 0x01, 0x00 })]
    public async Task Tls_record_bytes_on_a_plain_connection_mean_the_port_speaks_tls(byte[] bytes)
    {
        // TLS record header: content type 21 (alert) or 22 (handshake), then version 0x03 0x0N (RFC 8446 §5.1).
        var reader = new StrictHttpResponseReader(new MemoryStream(bytes), 65536, 1024, TimeSpan.FromSeconds(2), plainText: true);
        var report = await reader.ReadAsync(TimeSpan.FromSeconds(2), false, CancellationToken.None);
        Assert.Equal(ProbeFailureReason.PlainHttpToTlsPort, report.Problem);
    }

    [Fact]
    public async Task Interim_100_continue_is_skipped()
    {
        var report = await Read("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n");
        Assert.Equal(ProbeFailureReason.None, report.Problem);
        Assert.Equal(201, report.StatusCode);
    }

    [Fact]
    public async Task A_head_response_has_no_body_despite_content_length()
    {
        var report = await Read("HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n", head: true);
        Assert.Equal(ProbeFailureReason.None, report.Problem);
        Assert.Equal(0, report.BodyBytes);
        Assert.Equal("None", report.Framing);
    }

}
