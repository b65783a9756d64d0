namespace LbTools.Core.Logs.ErrorLog
{
    /// <summary>The severity nginx writes in brackets, lowest first (nginx "Core functionality", error_log).</summary>
    public enum NginxErrorLevel
    {
        Debug,
        Info,
        Notice,
        Warn,
        Error,
        Crit,
        Alert,
        Emerg,
    }
}
