namespace LbTools.Integration.Tests.Scenarios;

/// <summary>
/// A finished scenario whose nginx and backends are still running, so Test-LbBackend can probe
/// the failing backend as it was when nginx logged the request. Dispose stops everything.
/// </summary>
public sealed class ScenarioRun : IDisposable
{
    private readonly IReadOnlyList<IDisposable> _owned;

    internal ScenarioRun(ScenarioOutcome outcome, IReadOnlyList<IDisposable> owned)
    {
        Outcome = outcome;
        _owned = owned;
    }

    public ScenarioOutcome Outcome { get; }

    public void Dispose()
    {
        for (int i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }
    }
}
