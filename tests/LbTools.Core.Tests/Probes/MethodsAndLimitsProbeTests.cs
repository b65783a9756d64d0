using System.Net;
using LbTools.Core.Probes.Checks;
using LbTools.Core.Probes;
using LbTools.Core.Tests.Support;

namespace LbTools.Core.Tests.Probes;

/// <summary>
/// Methods and Limits probes. Against Kestrel (a well-behaved backend, answers 405 for methods a
/// route does not map, 431 over its header limit, 413 over its body limit) and against a raw
/// backend that stops reading large bodies (the MTU symptom of 502.MtuExceeded: "small body
/// passes, large fails").
/// </summary>
public class MethodsAndLimitsProbeTests
{
    private static ProbeOptions Options() => new() { Timeout = TimeSpan.FromSeconds(3) };

    private static ProbeOptions Ladders(int[] headerSizes, int[] uriLengths, int[] bodySizes, double timeoutSec = 3) => new()
    {
        Timeout = TimeSpan.FromSeconds(timeoutSec),
        HeaderSizes = headerSizes,
        UriLengths = uriLengths,
        BodySizes = bodySizes,
    };

    [Fact]
    public async Task Methods_probe_lists_the_refused_methods_and_supports_405_from_backend()
    {
        await using var backend = await KestrelBackend.StartAsync();
        var result = await MethodsProbe.RunAsync(backend.Target, IPAddress.Loopback, Options(), CancellationToken.None);
        Assert.Equal(new[] { "GET", "HEAD", "POST" }, (string[])result.Details["Accepted"]!);
        Assert.Equal(new[] { "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE" }, (string[])result.Details["NotAllowed"]!);
        Assert.Equal("405", ((SortedDictionary<string, string>)result.Details["Statuses"]!)["TRACE"]);
        Assert.Equal(ProbeFailureReason.MethodNotAllowed, result.FailureReason);
        Assert.Equal(ProbeOutcome.Warn, result.Outcome); // GET, the -Method, is accepted.
        Assert.Contains("405.FromBackend", result.Supports);
    }

    [Fact]
    public async Task Methods_probe_fails_when_the_chosen_method_is_refused()
    {
        await using var backend = await KestrelBackend.StartAsync();
        var options = Options();
        options.Method = "TRACE";
        options.Methods = new[] { "GET", "TRACE" };
        var result = await MethodsProbe.RunAsync(backend.Target, IPAddress.Loopback, options, CancellationToken.None);
        Assert.Equal(ProbeOutcome.Fail, result.Outcome);
        Assert.Equal(ProbeFailureReason.MethodNotAllowed, result.FailureReason);
    }

    [Fact]
    public async Task Methods_probe_passes_when_everything_is_accepted()
    {
        using var backend = RawBackend.Answering("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        var options = Options();
        options.Methods = new[] { "GET", "TRACE" };
        var result = await MethodsProbe.RunAsync(backend.Target(), IPAddress.Loopback, options, CancellationToken.None);
        Assert.Equal(ProbeOutcome.Pass, result.Outcome);
        Assert.Contains("405.FromBackend", result.RulesOut);
    }

    [Fact]
    public async Task Limits_probe_finds_the_header_size_where_the_backend_starts_failing()
    {
        await using var backend = await KestrelBackend.StartAsync();
        var options = Ladders(new[] { 4096, 8192, 32768, 65536 }, new[] { 1024 }, new[] { 512 });
        var result = await LimitsProbe.RunAsync(backend.Target, IPAddress.Loopback, options, CancellationToken.None);
        // Kestrel's total header limit is 16 KB: 8 KB passes, 32 KB is refused with 431.
        Assert.Equal(8192, result.Details["HeaderBytesLargestPass"]);
        Assert.Equal(32768, result.Details["HeaderBytesSmallestFail"]);
        Assert.Equal("status 431", result.Details["HeaderBytesFailedWith"]);
        Assert.Equal(ProbeFailureReason.HeaderTooLarge, result.FailureReason);
        Assert.Equal(ProbeOutcome.Warn, result.Outcome);
    }

    [Fact]
    public async Task Limits_probe_reports_a_body_limit_answered_with_413_as_a_limit_not_mtu()
    {
        await using var backend = await KestrelBackend.StartAsync();
        var options = Ladders(new[] { 1024 }, new[] { 1024 }, new[] { 512, 65536, 1048576 });
        var result = await LimitsProbe.RunAsync(backend.Target, IPAddress.Loopback, options, CancellationToken.None);
        Assert.Equal(65536, result.Details["BodyBytesLargestPass"]);
        Assert.Equal(1048576, result.Details["BodyBytesSmallestFail"]);
        Assert.DoesNotContain("502.MtuExceeded", result.Supports);
        Assert.Equal(ProbeFailureReason.LimitReached, result.FailureReason);
    }

    [Fact]
    public async Task Limits_probe_shows_the_mtu_symptom_when_large_bodies_get_no_answer()
    {
        using var backend = RawBackend.Start(async (stream, _, token) =>
        {
            string? head = await RawBackend.ReadRequestAsync(stream, token, readBody: false);
            bool large = head != null && head.Contains("Content-Length: 65536", StringComparison.Ordinal);
            if (large)
            {
                await Task.Delay(Timeout.Infinite, token); // Like packets over the MTU: nothing arrives, nothing answers.
            }

            await RawBackend.ReadBodyAsync(stream, head!, token);
            await RawBackend.WriteAsync(stream, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", token);
        });
        var options = Ladders(new[] { 1024 }, new[] { 1024 }, new[] { 512, 65536 }, timeoutSec: 2);
        var result = await LimitsProbe.RunAsync(backend.Target(), IPAddress.Loopback, options, CancellationToken.None);
        Assert.Equal(512, result.Details["BodyBytesLargestPass"]);
        Assert.Equal(65536, result.Details["BodyBytesSmallestFail"]);
        Assert.Equal(ProbeOutcome.Fail, result.Outcome);
        Assert.Contains("502.MtuExceeded", result.Supports);
    }

    [Fact]
    public async Task Limits_probe_passes_and_rules_out_mtu_when_every_size_works()
    {
        await using var backend = await KestrelBackend.StartAsync();
        var options = Ladders(new[] { 4096 }, new[] { 4096 }, new[] { 512, 65536 });
        var result = await LimitsProbe.RunAsync(backend.Target, IPAddress.Loopback, options, CancellationToken.None);
        Assert.Equal(ProbeOutcome.Pass, result.Outcome);
        Assert.Contains("502.MtuExceeded", result.RulesOut);
        Assert.Equal(4096, result.Details["UriLengthLargestPass"]);
    }

    [Fact]
    public async Task Limits_probe_does_not_climb_the_body_ladder_when_post_is_refused()
    {
        using var backend = RawBackend.Start(async (stream, _, token) =>
        {
            string? head = await RawBackend.ReadRequestAsync(stream, token);
            string status = head!.StartsWith("POST", StringComparison.Ordinal) ? "501 Not Implemented" : "200 OK";
            await RawBackend.WriteAsync(stream, $"HTTP/1.1 {status}\r\nContent-Length: 0\r\n\r\n", token);
        });
        var options = Ladders(new[] { 1024 }, new[] { 1024 }, new[] { 512, 65536 });
        var result = await LimitsProbe.RunAsync(backend.Target(), IPAddress.Loopback, options, CancellationToken.None);
        Assert.Equal(ProbeOutcome.Pass, result.Outcome);
        Assert.Null(result.Details["BodyBytesLargestPass"]);
        Assert.Contains("501", (string)result.Details["BodyBytesNotMeasured"]!);
        Assert.DoesNotContain("502.MtuExceeded", result.RulesOut);
    }
}
