using LbTools.Core.Logs;
using LbTools.Core.Logs.Nginx;
using LbTools.Core.Tests.Support;

namespace LbTools.Core.Tests.Logs;

/// <summary>
/// -LogFormat given as nginx.conf has it. The reference (§6.1) quotes nginx's own combined
/// definition as a directive of three quoted parts; nginx joins the parts as they are and reads
/// escape=default|json|none after the name (ngx_http_log_module). What escape=json writes is
/// ngx_escape_json in nginx's src/core/ngx_string.c: a backslash before '"' and '\', \n \r \t
/// \b \f for those control bytes, \u00XX for the other ones below 0x20, every other byte as it is.
/// </summary>
public class NginxLogFormatDirectiveTests
{
    // §6.1, verbatim.
    private const string CombinedDirective = "log_format combined '$remote_addr - $remote_user [$time_local] ' '\"$request\" $status $body_bytes_sent ' '\"$http_referer\" \"$http_user_agent\"';";

    [Fact]
    public void The_combined_directive_compiles_to_the_combined_format()
    {
        var format = NginxLineFormat.Compile(CombinedDirective);

        Assert.Equal(NginxLogFormats.Combined, format.Text);
        Assert.Equal(NginxEscape.Default, format.Escape);
    }

    [Fact]
    public void A_directive_pasted_over_several_lines_with_comments_is_joined()
    {
        const string pasted = """
                log_format  main  '$remote_addr - $remote_user [$time_local] "$request" '
                                  # the status and sizes
                                  '$status $body_bytes_sent "$http_referer" '
                                  '"$http_user_agent" "$http_x_forwarded_for"';
            """;

        var format = NginxLineFormat.Compile(pasted);

        Assert.Equal("$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent \"$http_referer\" \"$http_user_agent\" \"$http_x_forwarded_for\"", format.Text);
    }

    [Theory]
    [InlineData("log_format j escape=json '{\"s\":\"$status\"}';", NginxEscape.Json)]
    [InlineData("log_format j escape=none '{\"s\":\"$status\"}'", NginxEscape.None)]
    [InlineData("log_format j escape=default '{\"s\":\"$status\"}'", NginxEscape.Default)]
    [InlineData("escape=json '{\"s\":\"$status\"}'", NginxEscape.Json)]
    [InlineData("'{\"s\":\"$status\"}'", NginxEscape.Default)]
    public void The_escape_parameter_and_the_short_forms_are_read(string text, NginxEscape escape)
    {
        var format = NginxLineFormat.Compile(text);

        Assert.Equal("{\"s\":\"$status\"}", format.Text);
        Assert.Equal(escape, format.Escape);
    }

    [Fact]
    public void Double_quoted_parts_and_bare_words_follow_nginx_quoting()
    {
        // \" stands for the quote inside a double-quoted string; a bare word is a string too.
        var format = NginxLineFormat.Compile("log_format q \"$remote_addr \\\"$request\\\" \" $status;");

        Assert.Equal("$remote_addr \"$request\" $status", format.Text);
    }

    [Theory]
    [InlineData("$remote_addr $status")]
    [InlineData("\"$request\" $status")]
    [InlineData("combined")]
    public void A_bare_format_or_a_preset_is_taken_as_it_is(string text)
    {
        Assert.False(NginxLogFormatDirective.TryRead(NginxLogFormats.Resolve(text), out _, out _));
        Assert.Equal(NginxLogFormats.Resolve(text), NginxLineFormat.Compile(text).Text);
    }

    [Theory]
    [InlineData("log_format main '$remote_addr $status", "never closed")]
    [InlineData("log_format main escape=xml '$status'", "escape=xml")]
    [InlineData("log_format main;", "no format strings")]
    [InlineData("log_format main '$status'; access_log x;", "after its ';'")]
    public void A_broken_directive_is_an_error_that_says_what_is_wrong(string text, string expected)
    {
        var ex = Assert.Throws<ArgumentException>(() => NginxLineFormat.Compile(text));

        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void Escape_json_values_are_decoded_and_an_escaped_quote_does_not_end_a_value()
    {
        // The agent was sent as: Mozilla "5" \x<TAB>y<0x01>; nginx wrote it with ngx_escape_json.
        const string directive = "log_format j escape=json '$remote_addr \"$request\" $status \"$http_user_agent\" $request_time';";
        const string line = "192.0.2.1 \"GET /a\\\"b HTTP/1.1\" 200 \"Mozilla \\\"5\\\" \\\\x\\ty\\u0001\" 0.004";

        var record = ParseAssert.Ok(new NginxLineParser(directive), line);

        Assert.Equal("Mozilla \"5\" \\x\ty\u0001", record.UserAgent);
        Assert.Equal("/a\"b", record.Path);
        Assert.Equal(200, record.Status);
        Assert.Equal(0.004, record.RequestTime);

        // Fields keep what nginx wrote.
        Assert.Equal("Mozilla \\\"5\\\" \\\\x\\ty\\u0001", record["http_user_agent"]);
    }

    [Fact]
    public void The_here_string_directive_of_the_Pester_test_reads_the_same()
    {
        // Get-LbAccessLog.Tests.ps1 passes this directive (a PowerShell here-string) and line.
        const string directive = "log_format j escape=json\n    '$remote_addr \"$http_user_agent\" '\n    '$status $request_time';";

        var record = ParseAssert.Ok(new NginxLineParser(directive), "192.0.2.1 \"say \\\"hi\\\"\" 502 0.004");

        Assert.Equal("say \"hi\"", record.UserAgent);
        Assert.Equal(502, record.Status);
        Assert.Equal(0.004, record.RequestTime);
    }

    [Fact]
    public void Escape_json_lines_with_bytes_from_0x80_up_take_the_text_route_alike()
    {
        // escape=json writes non-ASCII bytes as they are (UTF-8), so the line is not ASCII.
        const string directive = "log_format j escape=json '$remote_addr \"$http_user_agent\" $status';";

        var record = ParseAssert.Ok(new NginxLineParser(directive), "192.0.2.1 \"caf\u00e9 \\\"x\\\" y\" 502");

        Assert.Equal("caf\u00e9 \"x\" y", record.UserAgent);
        Assert.Equal(502, record.Status);
    }

    [Fact]
    public void Without_escape_json_a_backslash_before_a_quote_is_not_special()
    {
        // Default escaping writes a quote in a value as \x22, so a '"' in the line always delimits;
        // a value ending in a backslash (written \x5C by nginx, but hand-made logs exist) stays whole.
        const string format = "$remote_addr \"$http_user_agent\" $status";

        var record = ParseAssert.Ok(new NginxLineParser(format), "192.0.2.1 \"a\\x22b\\\" 404");

        Assert.Equal("a\"b\\", record.UserAgent);
        Assert.Equal(404, record.Status);
    }

    [Fact]
    public void Escape_none_leaves_values_as_logged()
    {
        var record = ParseAssert.Ok(new NginxLineParser("log_format n escape=none '$remote_addr \"$http_user_agent\" $status';"), "192.0.2.1 \"a\\x22b\" 200");

        Assert.Equal("a\\x22b", record.UserAgent);
    }
}
