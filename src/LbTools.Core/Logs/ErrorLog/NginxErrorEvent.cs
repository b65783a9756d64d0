using System;
using System.Collections.Generic;

namespace LbTools.Core.Logs.ErrorLog
{
    /// <summary>
    /// One entry of an nginx, Tengine or OpenResty error log: the header nginx writes
    /// (time, [level], pid#tid, *connection), the message and the request context nginx appends
    /// (client, server, request, upstream, host), plus the causes the message table maps it to.
    /// </summary>
    public sealed class NginxErrorEvent
    {
        /// <summary>The time as written: nginx's local clock, one-second resolution, no zone.</summary>
        public DateTime LocalTime { get; set; }

        /// <summary>
        /// <see cref="LocalTime"/> placed in a zone: the offset the reader was given, else null (the
        /// join then takes the offset of the access-log line, which nginx writes on the same clock).
        /// </summary>
        public DateTimeOffset? Time { get; set; }

        public NginxErrorLevel Level { get; set; }

        public int ProcessId { get; set; }

        public int ThreadId { get; set; }

        /// <summary>The connection serial (*N), the value $connection logs in the access log; null for events outside a connection.</summary>
        public long? Connection { get; set; }

        /// <summary>The message without the context, including nginx's "while ..." phrase; continuation lines joined with a line break.</summary>
        public string Message { get; set; } = string.Empty;

        public string? Client { get; set; }

        public string? Server { get; set; }

        /// <summary>The request line ("GET /path HTTP/1.1").</summary>
        public string? Request { get; set; }

        /// <summary>The upstream URL nginx was talking to ("http://10.0.0.5:8080/path").</summary>
        public string? Upstream { get; set; }

        /// <summary>The upstream's host:port, taken from <see cref="Upstream"/> (what $upstream_addr logs).</summary>
        public string? UpstreamAddress { get; set; }

        public string? Host { get; set; }

        public string? Referrer { get; set; }

        /// <summary>The cause ids the message table maps the message to (nginx-messages.json and -RulePath files); empty when none.</summary>
        public IReadOnlyList<string> CauseIds { get; set; } = Array.Empty<string>();

        /// <summary>The table entry that matched (its name), or null.</summary>
        public string? MessageId { get; set; }

        /// <summary>Where nginx documents or writes the matched message (an nginx source file or nginx.org page).</summary>
        public string? MessageSource { get; set; }

        /// <summary>Lines after the first that belong to this event (multi-line messages such as Lua stack traces).</summary>
        public int ContinuationLines { get; set; }

        public string? SourceFile { get; set; }

        public long LineNumber { get; set; }

        public override string ToString() => $"{LocalTime:yyyy/MM/dd HH:mm:ss} [{Level.ToString().ToLowerInvariant()}] {(Connection == null ? string.Empty : "*" + Connection + " ")}{Message}";
    }
}
