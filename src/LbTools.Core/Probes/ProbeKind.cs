namespace LbTools.Core.Probes
{
    /// <summary>What a probe checks, in the order a balancer's request goes through them.</summary>
    public enum ProbeKind
    {
        Dns,
        Tcp,
        Tls,
        Http,
        Methods,
        Limits,
        Latency,
        Concurrency,
    }
}
