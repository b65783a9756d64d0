using System.Globalization;
using LbTools.Core.Common;
using LbTools.Core.Logs;
using LbTools.Core.Tests.Support;
using LbTools.Core.Triage;

namespace LbTools.Core.Tests.Triage;

/// <summary>
/// The triage with nginx's error log, on examples/nginx-faults: the access and error log a real
/// nginx 1.22.1 wrote in front of backends that misbehaved on purpose (NginxFaultExampleTests has
/// the expected cause of every request, checked record by record).
/// </summary>
public class TriageErrorLogTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "nginx-faults");

    private static TriageReport Run(bool withErrorLog)
    {
        var options = new TriageOptions { Culture = CultureInfo.GetCultureInfo("en"), Threads = 1 };
        if (withErrorLog)
        {
            options.ErrorLogFiles.Add(Path.Combine(Folder, "error.log"));
        }

        var files = AccessLogReader.ExpandFiles(Path.Combine(Folder, "access.log"), recurse: false, NullOperationSink.Instance).ToList();
        return new TriageRunner(options, new CollectingSink()).Run(files, CancellationToken.None);
    }

    [Fact]
    public void Without_the_error_log_the_look_alike_502s_are_an_honest_tie()
    {
        var report = Run(withErrorLog: false);

        Assert.Null(report.ErrorLog);
        // /invalid, /bigheader, /closed and /reset all log 502 with no upstream header time.
        Assert.Contains(report.Incidents, i => i.Status == 502 && i.Cause != null && i.Cause.Contains('|'));
    }

    [Fact]
    public void With_the_error_log_nginx_decides_every_502_and_every_event_is_accounted_for()
    {
        var report = Run(withErrorLog: true);

        var errorLog = Assert.IsType<TriageErrorLog>(report.ErrorLog);
        Assert.Equal(15, errorLog.Events);
        Assert.Equal(0, errorLog.Unjoined);
        Assert.Empty(errorLog.UnjoinedEvents);
        Assert.Equal(errorLog.Events, errorLog.Joined + errorLog.Unjoined + errorLog.NotAboutRequest);
        Assert.Equal(errorLog.LinesRead, errorLog.Files.Sum(f => f.Events + f.ContinuationLines + f.Rejected + f.Skipped));

        var causes502 = report.Incidents.Where(i => i.Status == 502).Select(i => i.Cause).ToList();
        Assert.DoesNotContain(causes502, c => c != null && c.Contains('|'));
        Assert.Contains("502.MalformedResponse", causes502);
        Assert.Contains("502.ResponseHeaderTooLarge", causes502);
        Assert.Contains("502.BackendClosedConnection", causes502);
        Assert.Contains("502.BackendConnectFailed", causes502);

        // Both report files say what the error log gave (error.log: 11 lines with a connection serial *N, 4 start-up notices).
        var markdown = new StringWriter();
        LbTools.Core.Reports.TriageMarkdown.Write(report, markdown);
        Assert.Contains("nginx error log: 15 events, 11 joined to a request, 0 joined none, 4 not about a request", markdown.ToString().Split('\n').First(l => l.StartsWith("nginx error log")));

        // /short answered 200 but nginx cut the body off: only the error log shows it.
        Assert.Contains(report.Incidents, i => i.Status == 200 && i.Cause == "200.UpstreamBodyBroken");
        Assert.DoesNotContain(Run(withErrorLog: false).Incidents, i => i.Cause == "200.UpstreamBodyBroken");
    }
}
