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

        private int _loaded;

        /// <summary>Text properties that are decoded together (one source field or one parse).</summary>
        [Flags]
        internal enum TextGroup
        {
            Client = 1,
            Request = 2,
            Agent = 4,
            Tls = 8,
            Error = 16,
            Trace = 32,
            Upstream = 64,
            UpstreamStatuses = 128,
            Fields = 256,
        }

        /// <summary>Fills one group of text properties of a record from the line it was parsed from.</summary>
        internal interface IPendingText
        {
            void Fill(LbLogRecord record, TextGroup group);
        }

        public LbProvider Provider { get; set; }

        /// <summary>When the balancer logged the request, in UTC.</summary>
        public DateTimeOffset? Time { get; set; }

        public string? ClientAddress { get => Load(TextGroup.Client)._clientAddress; set => Load(TextGroup.Client)._clientAddress = value; }

        public int? ClientPort { get; set; }

        public string? Method { get => Load(TextGroup.Request)._method; set => Load(TextGroup.Request)._method = value; }

        /// <summary>http, https, ws, wss… as the listener saw it.</summary>
        public string? Scheme { get => Load(TextGroup.Request)._scheme; set => Load(TextGroup.Request)._scheme = value; }

        public string? Host { get => Load(TextGroup.Request)._host; set => Load(TextGroup.Request)._host = value; }

        /// <summary>Port the balancer listened on (ALB/CLB: from the request URL; Alibaba: slb_vport; nginx: $server_port).</summary>
        public int? ListenerPort { get => Load(TextGroup.Request)._listenerPort; set => Load(TextGroup.Request)._listenerPort = value; }

        public string? Path { get => Load(TextGroup.Request)._path; set => Load(TextGroup.Request)._path = value; }

        /// <summary>Query string without the leading '?', or null when there is none.</summary>
        public string? Query { get => Load(TextGroup.Request)._query; set => Load(TextGroup.Request)._query = value; }

        /// <summary>HTTP version of the request, e.g. HTTP/1.1.</summary>
        public string? Protocol { get => Load(TextGroup.Request)._protocol; set => Load(TextGroup.Request)._protocol = value; }

        /// <summary>Status the balancer sent to the client.</summary>
        public int? Status { get; set; }

        /// <summary>Status of the last upstream attempt; null when no backend answered.</summary>
        public int? UpstreamStatus { get; set; }

        /// <summary>One entry per upstream attempt; null entries are attempts without a status.</summary>
        public IReadOnlyList<int?> UpstreamStatuses { get => Load(TextGroup.UpstreamStatuses)._upstreamStatuses; set => Load(TextGroup.UpstreamStatuses)._upstreamStatuses = value; }

        /// <summary>Address (ip:port) of the last upstream attempt; null when none was chosen.</summary>
        public string? Upstream { get => Load(TextGroup.Upstream)._upstream; set => Load(TextGroup.Upstream)._upstream = value; }

        public IReadOnlyList<string> UpstreamAddresses { get => Load(TextGroup.Upstream)._upstreamAddresses; set => Load(TextGroup.Upstream)._upstreamAddresses = value; }

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

        public string? UserAgent { get => Load(TextGroup.Agent)._userAgent; set => Load(TextGroup.Agent)._userAgent = value; }

        public string? Referer { get => Load(TextGroup.Agent)._referer; set => Load(TextGroup.Agent)._referer = value; }

        public string? TlsProtocol { get => Load(TextGroup.Tls)._tlsProtocol; set => Load(TextGroup.Tls)._tlsProtocol = value; }

        public string? TlsCipher { get => Load(TextGroup.Tls)._tlsCipher; set => Load(TextGroup.Tls)._tlsCipher = value; }

        public string? ErrorReason { get => Load(TextGroup.Error)._errorReason; set => Load(TextGroup.Error)._errorReason = value; }

        public string? TraceId { get => Load(TextGroup.Trace)._traceId; set => Load(TextGroup.Trace)._traceId = value; }

        public string? SourceFile { get; set; }

        public long LineNumber { get; set; }

        /// <summary>Every original field under its vendor name; sentinels are kept as written.</summary>
        public IReadOnlyDictionary<string, string?> Fields { get => Load(TextGroup.Fields)._fields; set => Load(TextGroup.Fields)._fields = value; }

        /// <summary>Trailing fields the format does not document yet (kept, never a reject).</summary>
        public IReadOnlyList<string> ExtraFields { get => Load(TextGroup.Fields)._extraFields; set => Load(TextGroup.Fields)._extraFields = value; }

        /// <summary>The vendor field of that name, or null.</summary>
        public string? this[string vendorName] => Fields.TryGetValue(vendorName, out var value) ? value : null;

        public override string ToString() => $"{Time:O} {Status} {Method} {Host}{Path} -> {Upstream ?? "-"} {UpstreamStatus?.ToString() ?? "-"}";

        internal void SetPendingText(IPendingText pending) => _pending = pending;

        /// <summary>Decodes a pending group before it is read or set (setting first keeps a later fill from overwriting).</summary>
        private LbLogRecord Load(TextGroup group)
        {
            if (_pending != null && (_loaded & (int)group) == 0)
            {
                _loaded |= (int)group;
                _pending.Fill(this, group);
            }

            return this;
        }
    }
}
