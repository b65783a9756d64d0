namespace LbTools.Core.Probes
{
    public enum ProbeOutcome
    {
        Pass,
        Warn,
        Fail,
    }
}
