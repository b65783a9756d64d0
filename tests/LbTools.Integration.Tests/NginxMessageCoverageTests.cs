using LbTools.Core.Diagnosis;
using LbTools.Core.Logs.ErrorLog;
using LbTools.Integration.Tests.Scenarios;
using LbTools.Integration.Tests.Support;
using Xunit.Abstractions;

namespace LbTools.Integration.Tests;

/// <summary>
/// Every entry of the nginx message table (nginx-messages.json) is matched by what the real nginx
/// wrote in some scenario, except the few a loopback test cannot provoke, each named with why.
/// </summary>
public class NginxMessageCoverageTests(ITestOutputHelper output)
{
    private static readonly IReadOnlyDictionary<string, string> NotProvokedOnLoopback = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ConnectUnreachable"] = "113 No route to host / 101 Network unreachable need a route that does not exist, not loopback",
    };

    [Fact]
    public async Task Every_table_entry_is_matched_by_a_real_nginx_message_or_named_as_not_provoked()
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
            .Where(n => !matched.ContainsKey(n) && !NotProvokedOnLoopback.ContainsKey(n))
            .ToList();
        Assert.True(missing.Count == 0, "No scenario made nginx write: " + string.Join(", ", missing));
        Assert.All(NotProvokedOnLoopback.Keys, n => Assert.Contains(NginxMessageTable.BuiltIn.Patterns, p => p.Name == n));
    }
}
