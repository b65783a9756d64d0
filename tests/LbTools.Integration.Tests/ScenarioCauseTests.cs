using System.Globalization;
using LbTools.Core.Common;
using LbTools.Core.Diagnosis;
using LbTools.Core.Logs;
using LbTools.Core.Logs.ErrorLog;
using LbTools.Core.Probes;
using LbTools.Integration.Tests.Nginx;
using LbTools.Integration.Tests.Support;
using LbTools.Integration.Tests.Scenarios;
using Xunit.Abstractions;

namespace LbTools.Integration.Tests;

/// <summary>
/// The proof of issue 6: the lines the real nginx wrote go through the product's parsers
/// (Alibaba SLS JSON, and nginx with the compiled log_format), the probe runs against the
/// failing backend while it still fails, and Resolve must name the expected cause. Where the
/// line alone points elsewhere (ScenarioOutcome.TopCauseWithoutProbe) the test checks that too,
/// so a probe-decided cause is decided by the probe and not by accident.
/// What nginx logged for each scenario is written down in NginxScenarioTests; why each expected
/// cause is the right one is on the scenario in NginxScenarios.
/// </summary>
public class ScenarioCauseTests(ITestOutputHelper output)
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(1);

    // Resolve-LbStatus -ConnectTimeout/-RequestTimeout set to what the scenarios' nginx uses.
    private static readonly DiagnosisSettings NginxTimeouts = new()
    {
        ConnectTimeout = TimeSpan.FromSeconds(NginxConfig.ProxyTimeoutSeconds),
        RequestTimeout = TimeSpan.FromSeconds(NginxConfig.ProxyTimeoutSeconds),
    };

    public static TheoryData<string> ScenarioNames() => new(NginxScenarios.All.Keys);

    [Theory]
    [MemberData(nameof(ScenarioNames))]
    public async Task Resolve_names_the_cause_from_what_nginx_logged_and_the_probe_confirms_it(string name)
    {
        using var run = await NginxScenarios.All[name]();
        var outcome = run.Outcome;
        output.WriteLine(outcome.JsonLine);

        var fromJson = ParseOne(outcome.JsonLine, new AccessLogReadOptions { Format = LogFormat.AlibabaSlsJson });
        var fromPlain = ParseOne(outcome.PlainLine, new AccessLogReadOptions { Format = LogFormat.Nginx, NginxLogFormat = NginxLogFormats.Plain });
        Assert.Equal(outcome.Logged.Status, fromJson.Status);
        Assert.Equal(outcome.Logged.Status, fromPlain.Status);
        Assert.Equal(fromJson.UpstreamStatuses, fromPlain.UpstreamStatuses);
        // The timings and addresses the rules read must not depend on the log's shape either.
        Assert.Equal(fromJson.UpstreamAddresses, fromPlain.UpstreamAddresses);
        Assert.Equal(fromJson.UpstreamConnectTimes, fromPlain.UpstreamConnectTimes);
        Assert.Equal(fromJson.UpstreamHeaderTimes, fromPlain.UpstreamHeaderTimes);
        Assert.Equal(fromJson.UpstreamResponseTimes, fromPlain.UpstreamResponseTimes);
        Assert.Equal(fromJson.RequestTime, fromPlain.RequestTime);
        Assert.Equal(fromJson.Method, fromPlain.Method);
        Assert.Equal(fromJson.RequestLength, fromPlain.RequestLength);
        if (outcome.Logged["upstream_status"].Contains(", "))
        {
            // One entry per attempt (§6.2), "-" entries included.
            Assert.Equal(outcome.Logged["upstream_status"].Split(", ").Length, fromJson.UpstreamStatuses.Count);
        }

        var probes = Probe(outcome);
        foreach (var probe in probes)
        {
            output.WriteLine($"probe {probe.Probe} {probe.Outcome} {probe.FailureReason}: {probe.Message} supports [{string.Join(", ", probe.Supports)}]");
        }

        if (outcome.ExpectedProbeFailure is { } failure)
        {
            Assert.Contains(probes, p => p.FailureReason == failure);
        }
        else if (outcome.ProbeMustFail)
        {
            Assert.Contains(probes, p => !p.Succeeded);
        }
        else
        {
            Assert.All(probes, p => Assert.True(p.Succeeded, $"{p.Probe}: {p.Message}"));
        }

        // nginx's error log, read by the product, joined by $connection (both formats log it).
        var errorReader = new ErrorLogReader(null, new CollectingSink());
        var events = errorReader.ReadFiles(new[] { outcome.ErrorLogPath }, CancellationToken.None).ToList();
        Assert.Equal(0, errorReader.Statistics.Rejected);
        foreach (var record in new[] { fromJson, fromPlain })
        {
            Assert.NotNull(ErrorLogJoin.ConnectionOf(record));

            // 1. Access log + error log, no probe: nginx's own word names the expected cause, untied.
            var attached = new ErrorLogJoin(events).Attach(record);
            output.WriteLine($"{record.Provider} joined events: {string.Join(" | ", attached.Select(e => e.Message))}");
            if (outcome.ExpectedTopCause == NginxScenarios.NoCause)
            {
                // A fault nginx passed over: a clean 2xx, no diagnosis with or without its error log.
                Assert.False(StatusResolver.NeedsDiagnosis(record), $"{name}: {record}");
                Assert.Null(Resolver().Resolve(record));
                Assert.Null(Resolver().Resolve(record, null, attached));
                continue;
            }

            var withErrorLog = Resolver().Resolve(record, null, attached);
            Assert.True(withErrorLog != null, $"{name}: no diagnosis with the error log for {record}");
            output.WriteLine($"{record.Provider} with error log: {withErrorLog!.Verdict} ({string.Join(" > ", withErrorLog.Causes.Take(3).Select(c => $"{c.CauseId} ({c.Score})"))})");
            Assert.Equal(outcome.ExpectedTopCause, withErrorLog.TopCause);
            Assert.False(withErrorLog.IsTied, withErrorLog.Verdict);

            // 2. The access log alone: the expected cause, or an honest tie that holds it (and says what
            // decides), or the documented guess a probe corrects; a clean-looking 2xx gets no diagnosis.
            var logOnly = Resolver().Resolve(record);
            if (!StatusResolver.NeedsDiagnosis(record))
            {
                Assert.Null(logOnly);
                Assert.StartsWith("200.", outcome.ExpectedTopCause, StringComparison.Ordinal);
            }
            else
            {
                Assert.True(logOnly != null, $"{name}: no diagnosis for {record}");
                output.WriteLine($"{record.Provider} log only: {logOnly!.Verdict} ({string.Join(" > ", logOnly.Causes.Take(3).Select(c => $"{c.CauseId} ({c.Score})"))}) decided by: {string.Join(" / ", logOnly.DecidedBy)}");
                if (outcome.TopCauseWithoutProbe != null)
                {
                    Assert.Equal(outcome.TopCauseWithoutProbe, logOnly.TopCause);
                }
                else if (logOnly.IsTied)
                {
                    Assert.Contains(outcome.ExpectedTopCause, logOnly.TiedCauses);
                    Assert.NotEmpty(logOnly.DecidedBy);
                }
                else
                {
                    Assert.Equal(outcome.ExpectedTopCause, logOnly.TopCause);
                }
            }

            // 3. With the probe of the failing backend: a probe that names the failure decides, or it
            // narrows the tie to causes its observation fits alike and the error log then decides.
            if (outcome.TiedWithProbe.Count > 0)
            {
                var withProbes = Resolver().Resolve(record, probes)!;
                output.WriteLine($"{record.Provider} with probes: {withProbes.Verdict} decided by: {string.Join(" / ", withProbes.DecidedBy)}");
                Assert.True(withProbes.IsTied, withProbes.Verdict);
                Assert.Equal(outcome.TiedWithProbe.Order(StringComparer.Ordinal), withProbes.TiedCauses.Order(StringComparer.Ordinal));
                Assert.NotEmpty(withProbes.DecidedBy);
                var withBoth = Resolver().Resolve(record, probes, attached)!;
                output.WriteLine($"{record.Provider} with probes and error log: {withBoth.Verdict}");
                Assert.Equal(outcome.ExpectedTopCause, withBoth.TopCause);
                Assert.False(withBoth.IsTied, withBoth.Verdict);
            }
            else if (outcome.ExpectedProbeFailure != null)
            {
                var withProbes = Resolver().Resolve(record, probes)!;
                output.WriteLine($"{record.Provider} with probes: {withProbes.Verdict}");
                Assert.Equal(outcome.ExpectedTopCause, withProbes.TopCause);
                Assert.False(withProbes.IsTied, withProbes.Verdict);
                foreach (var listed in outcome.AlsoListed)
                {
                    Assert.Contains(withProbes.Causes, c => c.CauseId == listed);
                }
            }
        }
    }

    // A fresh resolver per record: it keeps burst state across records.
    private static StatusResolver Resolver() => new(CauseCatalog.BuiltIn, CultureInfo.InvariantCulture, NginxTimeouts, null);

    private static LbLogRecord ParseOne(string line, AccessLogReadOptions options)
    {
        var sink = new CollectingSink();
        var session = new AccessLogReader(options, sink).CreateTextSession("nginx-scenario");
        var records = session.Push(line).Concat(session.Complete()).ToList();
        Assert.True(sink.Errors.Count == 0, string.Join(Environment.NewLine, sink.Errors.Select(e => e.Message)));
        return Assert.Single(records);
    }

    private static List<ProbeResult> Probe(ScenarioOutcome outcome)
    {
        var options = new ProbeOptions { Probes = outcome.ProbeWith.ToArray(), Timeout = ProbeTimeout };
        if (outcome.ProbeRequestTimeout is { } requestTimeout)
        {
            options.RequestTimeout = requestTimeout;
        }

        if (outcome.ProbeInNetworkOf is { } pid)
        {
            // The backend is unreachable only inside nginx's private network: probe from in there, with
            // the Tcp probe itself (BackendProber's workers run on pool threads, outside the namespace).
            Assert.Equal(new[] { ProbeKind.Tcp }, outcome.ProbeWith);
            var target = BackendTarget.Parse(outcome.ProbeTarget);
            var address = System.Net.IPAddress.Parse(target.Host);
            return new List<ProbeResult>
            {
                PrivateNetwork.RunInside(pid, () => LbTools.Core.Probes.Checks.TcpProbe.RunAsync(target, address, ProbeTimeout, CancellationToken.None).GetAwaiter().GetResult()),
            };
        }

        var prober = new BackendProber(options, new CollectingSink());
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return prober.Probe(BackendTarget.Parse(outcome.ProbeTarget), cancel.Token).ToList();
    }
}
