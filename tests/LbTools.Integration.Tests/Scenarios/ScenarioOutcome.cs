using LbTools.Core.Probes;

namespace LbTools.Integration.Tests.Scenarios;

/// <summary>
/// What one scenario produced: the lines the real nginx wrote, the cause LbTools must name for
/// them (an id of the built-in cause catalog), and how Test-LbBackend should
/// confirm it against the backend that is still running.
/// </summary>
public sealed record ScenarioOutcome
{
    public required string Name { get; init; }

    /// <summary>The top cause id Resolve-LbStatus must give for the logged record.</summary>
    public required string ExpectedTopCause { get; init; }

    /// <summary>The scenario's line in the JSON (SLS-style) access log.</summary>
    public required string JsonLine { get; init; }

    /// <summary>The same request's line in the plain log (format <see cref="Nginx.NginxLogFormats.Plain"/>).</summary>
    public required string PlainLine { get; init; }

    /// <summary>The line as field name → value (JSON fields, the plain line agrees with it).</summary>
    public required LoggedRequest Logged { get; init; }

    /// <summary>What Test-LbBackend is pointed at: the failing backend (host:port or URL), still running.</summary>
    public required string ProbeTarget { get; init; }

    public required IReadOnlyList<ProbeKind> ProbeWith { get; init; }

    /// <summary>The request timeout a Latency probe measures against (the wait that ran out in the scenario).</summary>
    public TimeSpan? ProbeRequestTimeout { get; init; }

    /// <summary>
    /// The top cause of the log line alone, when it differs from <see cref="ExpectedTopCause"/>:
    /// the probe is what decides (null: the log alone already names the expected cause).
    /// </summary>
    public string? TopCauseWithoutProbe { get; init; }

    /// <summary>
    /// The causes the probe's observation fits alike, so the access log plus the probe stay tied on
    /// exactly these and the error log decides (empty: the probe decides on its own).
    /// </summary>
    public IReadOnlyList<string> TiedWithProbe { get; init; } = Array.Empty<string>();

    /// <summary>Causes that must still be listed below the top one (what the log shows but the top cause does not say).</summary>
    public IReadOnlyList<string> AlsoListed { get; init; } = Array.Empty<string>();

    /// <summary>
    /// The failure the probe must report; null when the backend is healthy and the probe must pass
    /// (the fault was the client's or the balancer's, which the passing probe helps to show).
    /// </summary>
    public ProbeFailureReason? ExpectedProbeFailure { get; init; }

    /// <summary>Status the client saw (null when nginx closed without an answer or the client hung up).</summary>
    public int? ClientStatus { get; init; }

    /// <summary>nginx's error log for the scenario: why it answered as it did.</summary>
    public required string ErrorLog { get; init; }

    /// <summary>The error log's file (still there while the run lasts), for the product's ErrorLogReader.</summary>
    public required string ErrorLogPath { get; init; }

    /// <summary>The probe must find the backend broken, whatever reason it names (byte-level faults the probe may classify differently).</summary>
    public bool ProbeMustFail { get; init; }

    /// <summary>
    /// The process (nginx's master) whose private network namespace the probe must run in, or null
    /// for this machine's network: the failing backend is unreachable only in there, and probing from
    /// here would send packets to a real network.
    /// </summary>
    public int? ProbeInNetworkOf { get; init; }

    public override string ToString() => $"{Name}: {JsonLine}";
}
