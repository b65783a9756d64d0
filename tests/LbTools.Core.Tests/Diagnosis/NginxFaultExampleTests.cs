using System.Globalization;
using LbTools.Core.Diagnosis;
using LbTools.Core.Logs;
using LbTools.Core.Logs.ErrorLog;
using LbTools.Core.Logs.Nginx;
using LbTools.Core.Tests.Support;

namespace LbTools.Core.Tests.Diagnosis;

/// <summary>
/// examples/nginx-faults: access and error log a real nginx 1.22.1 wrote in front of backends that
/// misbehaved on purpose (examples/nginx-faults/README.md). The expected cause of each request is
/// the fault its backend was made to commit; the Pester test runs the same pipeline in PowerShell.
/// </summary>
public class NginxFaultExampleTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "nginx-faults");

    // Request line -> the fault the backend committed -> the cause that names it.
    public static TheoryData<string, string?, bool> Expected() => new()
    {
        { "GET /orders?id=1 HTTP/1.1", null, false },
        { "GET /refused HTTP/1.1", "502.BackendConnectFailed", true },
        { "GET /invalid HTTP/1.1", "502.MalformedResponse", true },
        { "GET /bigheader HTTP/1.1", "502.ResponseHeaderTooLarge", true },
        { "GET /closed HTTP/1.1", "502.BackendClosedConnection", true },
        { "GET /reset HTTP/1.1", "502.BackendClosedConnection", true },
        { "GET /retry HTTP/1.1", "502.BackendConnectFailed", false },
        { "GET /short HTTP/1.1", "200.UpstreamBodyBroken", false },
        { "GET /nostatus HTTP/1.1", "009.Http09Response", false },
        { "GET /orders?id=2 HTTP/1.1", null, false },
        { "GET /orders?id=3 HTTP/1.1", "400.HeaderTooLarge", true },
        { "this is not http", "400.MalformedRequest", true },
    };

    private static (List<LbLogRecord> Records, List<NginxErrorEvent> Events, CollectingSink Sink) Read()
    {
        var sink = new CollectingSink();
        var records = new AccessLogReader(new AccessLogReadOptions { Format = LogFormat.Auto }, sink)
            .ReadFiles(new[] { Path.Combine(Folder, "access.log") }, CancellationToken.None).ToList();
        var errorReader = new ErrorLogReader(null, sink);
        var events = errorReader.ReadFiles(new[] { Path.Combine(Folder, "error.log") }, CancellationToken.None).ToList();
        Assert.Equal(errorReader.Statistics.LinesRead, errorReader.Statistics.Events + errorReader.Statistics.ContinuationLines);
        return (records, events, sink);
    }

    [Fact]
    public void The_diagnosis_format_is_detected_and_every_line_read()
    {
        var (records, events, sink) = Read();
        Assert.Empty(sink.Errors);
        Assert.Equal(12, records.Count);
        Assert.All(records, r => Assert.NotNull(ErrorLogJoin.ConnectionOf(r)));
        Assert.Equal(NginxLogFormats.Diagnosis, File.ReadAllText(Path.Combine(Folder, "log_format.txt")).Trim());
        Assert.Equal(15, events.Count);
    }

    [Theory]
    [MemberData(nameof(Expected))]
    public void Each_request_gets_the_cause_of_its_fault_with_the_error_log(string request, string? cause, bool tiedWithoutErrorLog)
    {
        var (records, events, _) = Read();
        var join = new ErrorLogJoin(events);
        var resolver = new StatusResolver(CauseCatalog.BuiltIn, CultureInfo.InvariantCulture);
        StatusDiagnosis? mine = null;
        foreach (var record in records)
        {
            var d = resolver.Resolve(record, null, join.Attach(record));
            if (record["request"] == request)
            {
                mine = d;
            }
        }

        // Every request event found its access line; only the worker's start-up notices stay outside.
        Assert.Empty(join.Unjoined);
        Assert.All(join.ProcessEvents, e => Assert.Equal(NginxErrorLevel.Notice, e.Level));
        Assert.Equal(cause, mine?.TopCause);
        Assert.False(mine?.IsTied ?? false);

        var alone = new StatusResolver(CauseCatalog.BuiltIn, CultureInfo.InvariantCulture).Resolve(records.Single(r => r["request"] == request));
        Assert.Equal(tiedWithoutErrorLog, alone?.IsTied ?? false);
        if (tiedWithoutErrorLog)
        {
            Assert.Contains(cause!, alone!.TiedCauses);
        }
    }
}
