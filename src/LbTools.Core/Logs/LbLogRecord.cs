using System;
using System.Collections.Generic;

namespace LbTools.Core.Logs
{
    /// <summary>
    /// One access-log entry in the shape shared by every provider, plus every original field
    /// under its vendor name in <see cref="Fields"/>.
    /// Units: every duration is in seconds (the unit AWS and nginx log in); sizes in bytes.
    /// Multi-attempt upstream values keep one element per attempt; the scalar property is the
    /// last attempt (the one whose answer reached the balancer).
    /// </summary>
    public sealed class LbLogRecord
    {
        private static readonly IReadOnlyDictionary<string, string?> NoFields = new Dictionary<string, string?>();

        public LbProvider Provider { get; set; }

        /// <summary>When the balancer logged the request, in UTC.</summary>
        public DateTimeOffset? Time { get; set; }

        public string? ClientAddress { get; set; }

        public int? ClientPort { get; set; }

        public string? Method { get; set; }

        /// <summary>http, https, ws, wss… as the listener saw it.</summary>
        public string? Scheme { get; set; }

        public string? Host { get; set; }

        public string? Path { get; set; }

        /// <summary>Port the balancer listened on (ALB/CLB: from the request URL; Alibaba: slb_vport; nginx: $server_port).</summary>
        public int? ListenerPort { get; set; }

        /// <summary>Query string without the leading '?', or null when there is none.</summary>
        public string? Query { get; set; }

        /// <summary>HTTP version of the request, e.g. HTTP/1.1.</summary>
        public string? Protocol { get; set; }

        /// <summary>Status the balancer sent to the client.</summary>
        public int? Status { get; set; }

        /// <summary>Status of the last upstream attempt; null when no backend answered.</summary>
        public int? UpstreamStatus { get; set; }

        /// <summary>One entry per upstream attempt; null entries are attempts without a status.</summary>
        public IReadOnlyList<int?> UpstreamStatuses { get; set; } = Array.Empty<int?>();

        /// <summary>Address (ip:port) of the last upstream attempt; null when none was chosen.</summary>
        public string? Upstream { get; set; }

        public IReadOnlyList<string> UpstreamAddresses { get; set; } = Array.Empty<string>();

        /// <summary>Total time the balancer spent on the request.</summary>
        public double? RequestTime { get; set; }

        public double? UpstreamConnectTime { get; set; }

        /// <summary>Time until the backend's response header arrived; null when none arrived.</summary>
        public double? UpstreamHeaderTime { get; set; }

        public double? UpstreamResponseTime { get; set; }

        public IReadOnlyList<double?> UpstreamConnectTimes { get; set; } = Array.Empty<double?>();

        public IReadOnlyList<double?> UpstreamHeaderTimes { get; set; } = Array.Empty<double?>();

        public IReadOnlyList<double?> UpstreamResponseTimes { get; set; } = Array.Empty<double?>();

        /// <summary>Client TCP round-trip time in seconds.</summary>
        public double? Rtt { get; set; }

        public long? BytesReceived { get; set; }

        public long? BytesSent { get; set; }

        /// <summary>Length of the whole request (line, headers and body) when the provider logs it.</summary>
        public long? RequestLength { get; set; }

        public string? UserAgent { get; set; }

        public string? Referer { get; set; }

        public string? TlsProtocol { get; set; }

        public string? TlsCipher { get; set; }

        public string? ErrorReason { get; set; }

        public string? TraceId { get; set; }

        public string? SourceFile { get; set; }

        public long LineNumber { get; set; }

        /// <summary>Every original field under its vendor name; sentinels are kept as written.</summary>
        public IReadOnlyDictionary<string, string?> Fields { get; set; } = NoFields;

        /// <summary>Trailing fields the format does not document yet (kept, never a reject).</summary>
        public IReadOnlyList<string> ExtraFields { get; set; } = Array.Empty<string>();

        /// <summary>The vendor field of that name, or null.</summary>
        public string? this[string vendorName] => Fields.TryGetValue(vendorName, out var value) ? value : null;

        public override string ToString() => $"{Time:O} {Status} {Method} {Host}{Path} -> {Upstream ?? "-"} {UpstreamStatus?.ToString() ?? "-"}";
    }
}
