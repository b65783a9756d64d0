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
    /// Speed: a fast parser may fill only the numbers (time, status, timings, sizes) and leave
    /// the text properties pending; they are decoded from the kept line bytes the first time
    /// any of them is read or set.
    /// </summary>
    public sealed class LbLogRecord
    {
        private static readonly IReadOnlyDictionary<string, string?> NoFields = new Dictionary<string, string?>();

        private IPendingText? _pending;
        private string? _clientAddress;
        private string? _method;
        private string? _scheme;
        private string? _host;
        private int? _listenerPort;
        private string? _path;
        private string? _query;
        private string? _protocol;
        private IReadOnlyList<int?> _upstreamStatuses = Array.Empty<int?>();
        private string? _upstream;
        private IReadOnlyList<string> _upstreamAddresses = Array.Empty<string>();
        private string? _userAgent;
        private string? _referer;
        private string? _tlsProtocol;
        private string? _tlsCipher;
        private string? _errorReason;
        private string? _traceId;
        private IReadOnlyDictionary<string, string?> _fields = NoFields;
        private IReadOnlyList<string> _extraFields = Array.Empty<string>();

        /// <summary>Fills the text properties of a record from the line it was parsed from.</summary>
        internal interface IPendingText
        {
            void Fill(LbLogRecord record);
        }

        public LbProvider Provider { get; set; }

        /// <summary>When the balancer logged the request, in UTC.</summary>
        public DateTimeOffset? Time { get; set; }

        public string? ClientAddress { get => Text()._clientAddress; set => Text()._clientAddress = value; }

        public int? ClientPort { get; set; }

        public string? Method { get => Text()._method; set => Text()._method = value; }

        /// <summary>http, https, ws, wss… as the listener saw it.</summary>
        public string? Scheme { get => Text()._scheme; set => Text()._scheme = value; }

        public string? Host { get => Text()._host; set => Text()._host = value; }

        /// <summary>Port the balancer listened on (ALB/CLB: from the request URL; Alibaba: slb_vport; nginx: $server_port).</summary>
        public int? ListenerPort { get => Text()._listenerPort; set => Text()._listenerPort = value; }

        public string? Path { get => Text()._path; set => Text()._path = value; }

        /// <summary>Query string without the leading '?', or null when there is none.</summary>
        public string? Query { get => Text()._query; set => Text()._query = value; }

        /// <summary>HTTP version of the request, e.g. HTTP/1.1.</summary>
        public string? Protocol { get => Text()._protocol; set => Text()._protocol = value; }

        /// <summary>Status the balancer sent to the client.</summary>
        public int? Status { get; set; }

        /// <summary>Status of the last upstream attempt; null when no backend answered.</summary>
        public int? UpstreamStatus { get; set; }

        /// <summary>One entry per upstream attempt; null entries are attempts without a status.</summary>
        public IReadOnlyList<int?> UpstreamStatuses { get => Text()._upstreamStatuses; set => Text()._upstreamStatuses = value; }

        /// <summary>Address (ip:port) of the last upstream attempt; null when none was chosen.</summary>
        public string? Upstream { get => Text()._upstream; set => Text()._upstream = value; }

        public IReadOnlyList<string> UpstreamAddresses { get => Text()._upstreamAddresses; set => Text()._upstreamAddresses = value; }

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

        public string? UserAgent { get => Text()._userAgent; set => Text()._userAgent = value; }

        public string? Referer { get => Text()._referer; set => Text()._referer = value; }

        public string? TlsProtocol { get => Text()._tlsProtocol; set => Text()._tlsProtocol = value; }

        public string? TlsCipher { get => Text()._tlsCipher; set => Text()._tlsCipher = value; }

        public string? ErrorReason { get => Text()._errorReason; set => Text()._errorReason = value; }

        public string? TraceId { get => Text()._traceId; set => Text()._traceId = value; }

        public string? SourceFile { get; set; }

        public long LineNumber { get; set; }

        /// <summary>Every original field under its vendor name; sentinels are kept as written.</summary>
        public IReadOnlyDictionary<string, string?> Fields { get => Text()._fields; set => Text()._fields = value; }

        /// <summary>Trailing fields the format does not document yet (kept, never a reject).</summary>
        public IReadOnlyList<string> ExtraFields { get => Text()._extraFields; set => Text()._extraFields = value; }

        /// <summary>The vendor field of that name, or null.</summary>
        public string? this[string vendorName] => Fields.TryGetValue(vendorName, out var value) ? value : null;

        public override string ToString() => $"{Time:O} {Status} {Method} {Host}{Path} -> {Upstream ?? "-"} {UpstreamStatus?.ToString() ?? "-"}";

        internal void SetPendingText(IPendingText pending) => _pending = pending;

        private LbLogRecord Text()
        {
            var pending = _pending;
            if (pending != null)
            {
                _pending = null;
                pending.Fill(this);
            }

            return this;
        }
    }
}
