namespace LbTools.Core.Diagnosis
{
    /// <summary>The order an investigation follows.</summary>
    public enum TriagePhase
    {
        Scope,
        Check,
        Inspect,
        Emergency,
        Prevent,
    }
}
