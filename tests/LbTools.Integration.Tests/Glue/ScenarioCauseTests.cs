using System.Globalization;
using LbTools.Core.Common;
using LbTools.Core.Diagnosis;
using LbTools.Core.Logs;
using LbTools.Core.Probes;
using LbTools.Integration.Tests.Nginx;
using LbTools.Integration.Tests.Scenarios;
using Xunit.Abstractions;

namespace LbTools.Integration.Tests.Glue;

/// <summary>
/// The proof of issue 6: the lines the real nginx wrote go through the product's parsers
/// (Alibaba SLS JSON, and nginx with the compiled log_format), the probe runs against the
/// failing backend while it still fails, and Resolve must name the expected cause.
/// Coded against the contract names of the helper brief; compiled only after the merge of
/// issues 3-5 (remove the Compile Remove="Glue/**" line in the csproj).
/// </summary>
public class ScenarioCauseTests(ITestOutputHelper output)
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(1);

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

        var probes = Probe(outcome);
        foreach (var probe in probes)
        {
            output.WriteLine($"probe {probe.Probe} {probe.Outcome} {probe.FailureReason}: {probe.Message} supports [{string.Join(", ", probe.Supports)}]");
        }

        if (outcome.ExpectedProbeFailure is { } failure)
        {
            Assert.Contains(probes, p => p.FailureReason == failure);
        }
        else
        {
            Assert.All(probes, p => Assert.True(p.Succeeded, $"{p.Probe}: {p.Message}"));
        }

        var resolver = new StatusResolver(CauseCatalog.BuiltIn, CultureInfo.InvariantCulture);
        foreach (var record in new[] { fromJson, fromPlain })
        {
            var diagnosis = resolver.Resolve(record, probes);
            Assert.True(diagnosis != null, $"{name}: no diagnosis for {record}");
            output.WriteLine($"{record.Provider}: {string.Join(" > ", diagnosis!.Causes.Take(3).Select(c => c.CauseId))}");
            Assert.Equal(outcome.ExpectedTopCause, diagnosis.TopCause);
        }
    }

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
        var prober = new BackendProber(options, new CollectingSink());
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return prober.Probe(BackendTarget.Parse(outcome.ProbeTarget), cancel.Token).ToList();
    }

    private sealed class CollectingSink : IOperationSink
    {
        public List<LbError> Errors { get; } = new();

        public void ReportError(LbError error) => Errors.Add(error);

        public void ReportProgress(LbProgress progress)
        {
        }
    }
}
