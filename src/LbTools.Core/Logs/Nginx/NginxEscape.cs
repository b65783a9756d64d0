namespace LbTools.Core.Logs.Nginx
{
    /// <summary>How nginx escaped the variable values of a log line (the log_format escape= parameter).</summary>
    public enum NginxEscape
    {
        /// <summary>nginx's default: '"', '\' and bytes below 0x20 or from 0x7F up are written as \xHH.</summary>
        Default,

        /// <summary>escape=json (nginx 1.11.8+): JSON string escapes; bytes from 0x80 up are written as they are.</summary>
        Json,

        /// <summary>escape=none (nginx 1.13.10+): values are written as they are.</summary>
        None,
    }
}
