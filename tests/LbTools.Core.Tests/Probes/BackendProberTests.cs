using System.Net;
using System.Net.Sockets;
using LbTools.Core.Probes;
using LbTools.Core.Tests.Support;

namespace LbTools.Core.Tests.Probes;

/// <summary>
/// The prober as a whole: DNS through an injected resolver (never real DNS), every address of a
/// name probed on its own, parallel work handed back on the enumerating thread, -Quiet verdicts,
/// and cancellation.
/// </summary>
public class BackendProberTests
{
    private static BackendProber Prober(ProbeOptions options, CollectingSink? sink = null) => new(options, sink ?? new CollectingSink());

    [Theory]
    [InlineData(SocketError.HostNotFound, ProbeFailureReason.NameNotFound)]
    [InlineData(SocketError.NoData, ProbeFailureReason.NoAddress)]
    [InlineData(SocketError.TryAgain, ProbeFailureReason.DnsTimeout)]
    public void Dns_failures_have_their_reason(SocketError error, ProbeFailureReason expected)
    {
        var resolver = new FakeResolver().Fails("backend.internal", error);
        var results = Prober(new ProbeOptions { Resolver = resolver, Timeout = TimeSpan.FromSeconds(2) })
            .Probe(BackendTarget.Parse("backend.internal:8080"), CancellationToken.None).ToList();
        var dns = Assert.Single(results);
        Assert.Equal(ProbeKind.Dns, dns.Probe);
        Assert.Equal(ProbeOutcome.Fail, dns.Outcome);
        Assert.Equal(expected, dns.FailureReason);
        Assert.Contains("502.DnsMisconfigured", dns.Supports);
        Assert.Equal(new[] { "backend.internal" }, resolver.Queries);
    }

    [Fact]
    public void A_name_without_addresses_is_no_address()
    {
        var resolver = new FakeResolver().Returns("empty.internal");
        var dns = Assert.Single(Prober(new ProbeOptions { Resolver = resolver }).Probe(BackendTarget.Parse("empty.internal:80"), CancellationToken.None));
        Assert.Equal(ProbeFailureReason.NoAddress, dns.FailureReason);
    }

    [Fact]
    public void A_resolver_that_never_answers_is_a_dns_timeout()
    {
        var resolver = new FakeResolver().Hangs("slow.internal");
        var dns = Assert.Single(Prober(new ProbeOptions { Resolver = resolver, Timeout = TimeSpan.FromMilliseconds(300) }).Probe(BackendTarget.Parse("slow.internal:80"), CancellationToken.None));
        Assert.Equal(ProbeFailureReason.DnsTimeout, dns.FailureReason);
    }

    [SkippableFact]
    public void Every_address_of_a_name_is_probed_and_reported_on_its_own()
    {
        LoopbackListener.SkipUnlessIpv6Loopback();

        using var v4 = RawBackend.Start((_, _, _) => Task.CompletedTask);
        // The same name resolves to 127.0.0.1 (listening) and ::1 (nothing listens on that port there).
        var resolver = new FakeResolver().Returns("dual.internal", IPAddress.Loopback, IPAddress.IPv6Loopback);
        var options = new ProbeOptions { Resolver = resolver, Probes = new[] { ProbeKind.Dns, ProbeKind.Tcp }, Timeout = TimeSpan.FromSeconds(2) };
        var results = Prober(options).Probe(BackendTarget.Parse($"dual.internal:{v4.Port}"), CancellationToken.None).ToList();
        var dns = results.Single(r => r.Probe == ProbeKind.Dns);
        Assert.Equal(new[] { "127.0.0.1", "::1" }, (string[])dns.Details["Addresses"]!);
        var tcp = results.Where(r => r.Probe == ProbeKind.Tcp).ToDictionary(r => r.Address!);
        Assert.Equal(2, tcp.Count);
        Assert.Equal(ProbeOutcome.Pass, tcp["127.0.0.1"].Outcome);
        Assert.Equal(ProbeOutcome.Fail, tcp["::1"].Outcome);
        Assert.All(results, r => Assert.Equal($"dual.internal:{v4.Port}", r.Target));
    }

    [Fact]
    public void The_default_set_runs_dns_tcp_and_http_and_adds_tls_for_https_only()
    {
        var options = new ProbeOptions();
        Assert.Equal(new[] { ProbeKind.Dns, ProbeKind.Tcp, ProbeKind.Http }, options.ProbesFor(BackendTarget.Parse("10.0.0.1:80")));
        Assert.Equal(new[] { ProbeKind.Dns, ProbeKind.Tcp, ProbeKind.Tls, ProbeKind.Http }, options.ProbesFor(BackendTarget.Parse("https://10.0.0.1/")));
        options.Probes = new[] { ProbeKind.Http, ProbeKind.Tls };
        Assert.Equal(new[] { ProbeKind.Tls, ProbeKind.Http }, options.ProbesFor(BackendTarget.Parse("10.0.0.1:80")));
    }

    [Fact]
    public void Default_probes_against_a_sound_backend_all_pass_in_order()
    {
        using var backend = RawBackend.Answering("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        var results = Prober(new ProbeOptions { Timeout = TimeSpan.FromSeconds(2) }).Probe(backend.Target(), CancellationToken.None).ToList();
        Assert.Equal(new[] { ProbeKind.Dns, ProbeKind.Tcp, ProbeKind.Http }, results.Select(r => r.Probe));
        Assert.All(results, r => Assert.Equal(ProbeOutcome.Pass, r.Outcome));
    }

    [Fact]
    public void A_refused_connect_ends_the_chain_for_that_address()
    {
        var target = BackendTarget.Parse($"127.0.0.1:{LoopbackListener.ClosedPort()}");
        var options = new ProbeOptions { Probes = new[] { ProbeKind.Tcp, ProbeKind.Http, ProbeKind.Methods }, Timeout = TimeSpan.FromSeconds(2) };
        var result = Assert.Single(Prober(options).Probe(target, CancellationToken.None));
        Assert.Equal(ProbeFailureReason.Refused, result.FailureReason);
    }

    [Fact]
    public void Results_of_parallel_probes_are_handed_back_on_the_enumerating_thread()
    {
        using var a = RawBackend.Answering("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        using var b = RawBackend.Answering("HTTP/1.1 500 Oops\r\nContent-Length: 0\r\n\r\n");
        var sink = new ThreadRecordingSink();
        var prober = new BackendProber(new ProbeOptions { Probes = new[] { ProbeKind.Http }, Timeout = TimeSpan.FromSeconds(2), ThrottleLimit = 4 }, sink);
        var results = prober.ProbeAll(new[] { a.Target(), b.Target() }, CancellationToken.None).ToList();
        Assert.Equal(2, results.Count);
        Assert.Equal(500, results.Single(r => r.Target == b.Authority).StatusCode);
        Assert.Contains("500.FromBackend", results.Single(r => r.Target == b.Authority).Supports);
        Assert.NotEmpty(sink.Threads);
        Assert.All(sink.Threads, id => Assert.Equal(Environment.CurrentManagedThreadId, id));
    }

    [Fact]
    public void Quiet_verdicts_come_one_per_target_in_input_order()
    {
        using var good = RawBackend.Answering("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        var closed = BackendTarget.Parse($"127.0.0.1:{LoopbackListener.ClosedPort()}");
        var prober = Prober(new ProbeOptions { Timeout = TimeSpan.FromSeconds(2) });
        var verdicts = prober.CheckAll(new[] { closed, good.Target() }, CancellationToken.None).ToList();
        Assert.Equal(new[] { false, true }, verdicts.Select(v => v.Passed));
        Assert.Equal(closed.Original, verdicts[0].Target);
    }

    [Fact]
    public void Cancellation_stops_every_probe_well_before_the_timeout()
    {
        using var silent = RawBackend.Start((_, _, token) => Task.Delay(Timeout.Infinite, token));
        var prober = Prober(new ProbeOptions { Probes = new[] { ProbeKind.Http, ProbeKind.Latency }, Timeout = TimeSpan.FromSeconds(30), RequestTimeout = TimeSpan.FromSeconds(30) });
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var started = DateTime.UtcNow;
        Assert.ThrowsAny<OperationCanceledException>(() => prober.ProbeAll(new[] { silent.Target(), silent.Target("http") }, cts.Token).ToList());
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10), "cancellation must not wait for the 30 s timeout");
    }

    [Fact]
    public void Invalid_options_are_refused_up_front()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Prober(new ProbeOptions { Concurrency = 201 }));
        Assert.Throws<ArgumentException>(() => Prober(new ProbeOptions { Method = "GE T" }));
    }

    private sealed class ThreadRecordingSink : LbTools.Core.Common.IOperationSink
    {
        public List<int> Threads { get; } = new();

        public void ReportError(LbTools.Core.Common.LbError error) => Threads.Add(Environment.CurrentManagedThreadId);

        public void ReportProgress(LbTools.Core.Common.LbProgress progress) => Threads.Add(Environment.CurrentManagedThreadId);
    }
}

public class BackendProberChainTests
{
    [Fact]
    public void A_plain_target_keeps_probing_http_after_a_failed_tls_probe()
    {
        // Like nginx on a plain port: a TLS ClientHello gets "400" in plain HTTP at once, a request gets 200.
        // (A backend that waited for a blank line would make the TLS probe run into its timeout,
        // and the test into the machine's load.)
        using var backend = RawBackend.Start(async (stream, socket, token) =>
        {
            var first = new byte[1];
            if (await stream.ReadAsync(first, token) == 0)
            {
                return;
            }

            if (first[0] == 0x16)
            {
                await RawBackend.WriteAsync(stream, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", token);
                socket.Shutdown(SocketShutdown.Send);
                while (await stream.ReadAsync(new byte[4096], token) > 0)
                {
                    // Drain the rest of the hello until the client closes, so the close is not a reset.
                }

                return;
            }

            await RawBackend.ReadRequestAsync(stream, token);
            await RawBackend.WriteAsync(stream, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", token);
        });
        var options = new ProbeOptions { Probes = new[] { ProbeKind.Dns, ProbeKind.Tls, ProbeKind.Http }, Timeout = TimeSpan.FromSeconds(10) };
        var results = new BackendProber(options, new CollectingSink()).Probe(backend.Target(), CancellationToken.None).ToList();
        Assert.Equal(new[] { ProbeKind.Dns, ProbeKind.Tls, ProbeKind.Http }, results.Select(r => r.Probe));
        Assert.Equal(ProbeFailureReason.TlsToPlainPort, results[1].FailureReason);
        Assert.Equal(ProbeOutcome.Pass, results[2].Outcome);
        Assert.Equal(results[0].DnsMs, results[2].DnsMs); // the DNS phase is carried into the HTTP breakdown
    }

    [Theory]
    [InlineData(SocketError.HostUnreachable, ProbeFailureReason.Unreachable)]
    [InlineData(SocketError.NetworkUnreachable, ProbeFailureReason.Unreachable)]
    [InlineData(SocketError.ConnectionRefused, ProbeFailureReason.Refused)]
    [InlineData(SocketError.TimedOut, ProbeFailureReason.TimedOut)]
    [InlineData(SocketError.ConnectionReset, ProbeFailureReason.Reset)]
    public void Socket_errors_map_to_stable_reasons(SocketError error, ProbeFailureReason expected)
    {
        // Unreachable cannot be produced on loopback, so its mapping is checked directly.
        Assert.Equal(expected, SocketErrorMapping.ToReason(error));
    }

    [Fact]
    public void Stable_reason_names_are_kept()
    {
        // Issue 5: scripts match on these names; they may be added to, never renamed.
        string[] names = { "Refused", "TimedOut", "Unreachable", "Reset", "NameNotFound", "TlsNameMismatch", "TlsExpired", "TlsUntrusted", "PlainHttpToTlsPort", "TlsToPlainPort", "MalformedResponse", "IncompleteBody", "HeaderTooLarge", "MethodNotAllowed", "SlowResponse", "BacklogFull", "ClosedWithoutResponse", "NoAddress", "DnsTimeout", "TlsNotYetValid" };
        Assert.All(names, n => Assert.True(Enum.TryParse<ProbeFailureReason>(n, out _), n));
    }
}
