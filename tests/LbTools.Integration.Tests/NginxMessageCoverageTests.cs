using LbTools.Core.Diagnosis;
using LbTools.Core.Logs.ErrorLog;
using LbTools.Integration.Tests.Scenarios;
using LbTools.Integration.Tests.Support;
using Xunit.Abstractions;

namespace LbTools.Integration.Tests;

/// <summary>
/// Every entry of the nginx message table (nginx-messages.json) is matched by what the real nginx
/// wrote in some scenario. The connect errors a loopback cannot give (101 "Network is unreachable",
/// 113 "No route to host") come from nginx in a private network namespace (NetworkUnreachable,
/// NoRouteToHost).
/// </summary>
public class NginxMessageCoverageTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Every_table_entry_is_matched_by_a_real_nginx_message()
    {
        var matched = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in NginxScenarios.All.Keys)
        {
            using var run = await NginxScenarios.All[name]();
            var events = new ErrorLogReader(null, new CollectingSink()).ReadFiles(new[] { run.Outcome.ErrorLogPath }, CancellationToken.None);
            foreach (var e in events)
            {
                foreach (var pattern in NginxMessageTable.BuiltIn.Match(e.Message))
                {
                    matched.TryAdd(pattern.Name, $"{name}: {e.Message}");
                }
            }
        }

        foreach (var pair in matched.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{pair.Key} <- {pair.Value}");
        }

        var missing = NginxMessageTable.BuiltIn.Patterns.Select(p => p.Name)
            .Where(n => !matched.ContainsKey(n))
            .ToList();
        Assert.True(missing.Count == 0, "No scenario made nginx write: " + string.Join(", ", missing));
    }
}
