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

        // Reference fields start null (read as empty) rather than pointing at shared empties:
        // every reference stored in a new object costs a GC write barrier, once per line.
        // A record is made per line, so only what most reads touch lives here; the request
        // parts and the rarely read text live in side objects made when first set.
        private IPendingText? _pending;
        private object? _pendingState;
        private string? _clientAddress;
        private string? _upstream;
        private IReadOnlyList<string>? _upstreamAddresses;
        private RequestText? _request;
        private OtherText? _other;

        private int _loaded;

        // Numbers are kept without Nullable's flag and padding (a record is made per line):
        // these sentinels stand for null and are never values a log holds (NaN is not a time).
        private const int NoInt = int.MinValue;
        private const long NoLong = long.MinValue;
        private int _clientPort = NoInt;
        private int _status = NoInt;
        private int _upstreamStatus = NoInt;
        private double _requestTime = double.NaN;
        private double _upstreamConnectTime = double.NaN;
        private double _upstreamHeaderTime = double.NaN;
        private double _upstreamResponseTime = double.NaN;
        private double _rtt = double.NaN;
        private long _bytesReceived = NoLong;
        private long _bytesSent = NoLong;
        private long _requestLength = NoLong;
        private long _timeTicks = NoLong;

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
            HeaderTimes = 512,
        }

        /// <summary>
        /// Fills one group of text properties of a record from the line it was parsed from. One
        /// instance serves every record of a format; the line itself is the record's state.
        /// </summary>
        internal interface IPendingText
        {
            void Fill(LbLogRecord record, object state, TextGroup group);
        }

        public LbProvider Provider { get; set; }

        /// <summary>When the balancer logged the request, in UTC.</summary>
        /// <remarks>Kept as UTC ticks; a time set with another offset is stored as the same instant in UTC.</remarks>
        public DateTimeOffset? Time { get => _timeTicks == NoLong ? (DateTimeOffset?)null : new DateTimeOffset(_timeTicks, TimeSpan.Zero); set => _timeTicks = value?.UtcTicks ?? NoLong; }

        public string? ClientAddress { get => Load(TextGroup.Client)._clientAddress; set => Load(TextGroup.Client)._clientAddress = value; }

        public int? ClientPort { get => _clientPort == NoInt ? (int?)null : _clientPort; set => _clientPort = value ?? NoInt; }

        public string? Method { get => Load(TextGroup.Request)._request?.Method; set => Load(TextGroup.Request).Request(value != null)?.Method = value; }

        /// <summary>http, https, ws, wss… as the listener saw it.</summary>
        public string? Scheme { get => Load(TextGroup.Request)._request?.Scheme; set => Load(TextGroup.Request).Request(value != null)?.Scheme = value; }

        public string? Host { get => Load(TextGroup.Request)._request?.Host; set => Load(TextGroup.Request).Request(value != null)?.Host = value; }

        /// <summary>Port the balancer listened on (ALB/CLB: from the request URL; Alibaba: slb_vport; nginx: $server_port).</summary>
        public int? ListenerPort { get => Load(TextGroup.Request)._request?.ListenerPort; set => Load(TextGroup.Request).Request(value != null)?.ListenerPort = value; }

        public string? Path { get => Load(TextGroup.Request)._request?.Path; set => Load(TextGroup.Request).Request(value != null)?.Path = value; }

        /// <summary>Query string without the leading '?', or null when there is none.</summary>
        public string? Query { get => Load(TextGroup.Request)._request?.Query; set => Load(TextGroup.Request).Request(value != null)?.Query = value; }

        /// <summary>HTTP version of the request, e.g. HTTP/1.1.</summary>
        public string? Protocol { get => Load(TextGroup.Request)._request?.Protocol; set => Load(TextGroup.Request).Request(value != null)?.Protocol = value; }

        /// <summary>Status the balancer sent to the client.</summary>
        public int? Status { get => _status == NoInt ? (int?)null : _status; set => _status = value ?? NoInt; }

        /// <summary>Status of the last upstream attempt; null when no backend answered.</summary>
        public int? UpstreamStatus { get => _upstreamStatus == NoInt ? (int?)null : _upstreamStatus; set => _upstreamStatus = value ?? NoInt; }

        /// <summary>One entry per upstream attempt; null entries are attempts without a status.</summary>
        public IReadOnlyList<int?> UpstreamStatuses { get => Load(TextGroup.UpstreamStatuses)._other?.UpstreamStatuses ?? Array.Empty<int?>(); set => Load(TextGroup.UpstreamStatuses).Other(value != null)?.UpstreamStatuses = value; }

        /// <summary>Address (ip:port) of the last upstream attempt; null when none was chosen.</summary>
        public string? Upstream { get => Load(TextGroup.Upstream)._upstream; set => Load(TextGroup.Upstream)._upstream = value; }

        public IReadOnlyList<string> UpstreamAddresses { get => Load(TextGroup.Upstream)._upstreamAddresses ?? Array.Empty<string>(); set => Load(TextGroup.Upstream)._upstreamAddresses = value; }

        /// <summary>Total time the balancer spent on the request.</summary>
        public double? RequestTime { get => double.IsNaN(_requestTime) ? (double?)null : _requestTime; set => _requestTime = value ?? double.NaN; }

        public double? UpstreamConnectTime { get => double.IsNaN(_upstreamConnectTime) ? (double?)null : _upstreamConnectTime; set => _upstreamConnectTime = value ?? double.NaN; }

        /// <summary>Time until the backend's response header arrived; null when none arrived.</summary>
        public double? UpstreamHeaderTime { get => double.IsNaN(_upstreamHeaderTime) ? (double?)null : _upstreamHeaderTime; set => _upstreamHeaderTime = value ?? double.NaN; }

        public double? UpstreamResponseTime { get => double.IsNaN(_upstreamResponseTime) ? (double?)null : _upstreamResponseTime; set => _upstreamResponseTime = value ?? double.NaN; }

        public IReadOnlyList<double?> UpstreamConnectTimes { get => _other?.UpstreamConnectTimes ?? Array.Empty<double?>(); set => Other(value != null)?.UpstreamConnectTimes = value; }

        public IReadOnlyList<double?> UpstreamHeaderTimes { get => Load(TextGroup.HeaderTimes)._other?.UpstreamHeaderTimes ?? Array.Empty<double?>(); set => Load(TextGroup.HeaderTimes).Other(value != null)?.UpstreamHeaderTimes = value; }

        public IReadOnlyList<double?> UpstreamResponseTimes { get => _other?.UpstreamResponseTimes ?? Array.Empty<double?>(); set => Other(value != null)?.UpstreamResponseTimes = value; }

        /// <summary>Client TCP round-trip time in seconds.</summary>
        public double? Rtt { get => double.IsNaN(_rtt) ? (double?)null : _rtt; set => _rtt = value ?? double.NaN; }

        public long? BytesReceived { get => _bytesReceived == NoLong ? (long?)null : _bytesReceived; set => _bytesReceived = value ?? NoLong; }

        public long? BytesSent { get => _bytesSent == NoLong ? (long?)null : _bytesSent; set => _bytesSent = value ?? NoLong; }

        /// <summary>Length of the whole request (line, headers and body) when the provider logs it.</summary>
        public long? RequestLength { get => _requestLength == NoLong ? (long?)null : _requestLength; set => _requestLength = value ?? NoLong; }

        public string? UserAgent { get => Load(TextGroup.Agent)._other?.UserAgent; set => Load(TextGroup.Agent).Other(value != null)?.UserAgent = value; }

        public string? Referer { get => Load(TextGroup.Agent)._other?.Referer; set => Load(TextGroup.Agent).Other(value != null)?.Referer = value; }

        public string? TlsProtocol { get => Load(TextGroup.Tls)._other?.TlsProtocol; set => Load(TextGroup.Tls).Other(value != null)?.TlsProtocol = value; }

        public string? TlsCipher { get => Load(TextGroup.Tls)._other?.TlsCipher; set => Load(TextGroup.Tls).Other(value != null)?.TlsCipher = value; }

        public string? ErrorReason { get => Load(TextGroup.Error)._other?.ErrorReason; set => Load(TextGroup.Error).Other(value != null)?.ErrorReason = value; }

        public string? TraceId { get => Load(TextGroup.Trace)._other?.TraceId; set => Load(TextGroup.Trace).Other(value != null)?.TraceId = value; }

        public string? SourceFile { get; set; }

        public long LineNumber { get; set; }

        /// <summary>Every original field under its vendor name; sentinels are kept as written.</summary>
        public IReadOnlyDictionary<string, string?> Fields { get => Load(TextGroup.Fields)._other?.Fields ?? NoFields; set => Load(TextGroup.Fields).Other(value != null)?.Fields = value; }

        /// <summary>Trailing fields the format does not document yet (kept, never a reject).</summary>
        public IReadOnlyList<string> ExtraFields { get => Load(TextGroup.Fields)._other?.ExtraFields ?? Array.Empty<string>(); set => Load(TextGroup.Fields).Other(value != null)?.ExtraFields = value; }

        /// <summary>The vendor field of that name, or null.</summary>
        public string? this[string vendorName] => Fields.TryGetValue(vendorName, out var value) ? value : null;

        public override string ToString() => $"{Time:O} {Status} {Method} {Host}{Path} -> {Upstream ?? "-"} {UpstreamStatus?.ToString() ?? "-"}";

        internal void SetPendingText(IPendingText pending, object state)
        {
            _pending = pending;
            _pendingState = state;
        }

        /// <summary>
        /// All request parts at once, as setting each property would (the fast request split
        /// calls this once a line): one side object and one pending check instead of seven.
        /// </summary>
        internal void SetRequestParts(string? method, string? scheme, string? host, int? listenerPort, string? path, string? query, string? protocol)
        {
            Load(TextGroup.Request);
            if (_request == null && method == null && scheme == null && host == null && listenerPort == null && path == null && query == null && protocol == null)
            {
                return;
            }

            var request = _request ??= new RequestText();
            request.Method = method;
            request.Scheme = scheme;
            request.Host = host;
            request.ListenerPort = listenerPort;
            request.Path = path;
            request.Query = query;
            request.Protocol = protocol;
        }

        /// <summary>The request parts, made on the first non-null value (null into nothing stays nothing).</summary>
        private RequestText? Request(bool needed) => _request ?? (needed ? _request = new RequestText() : null);

        /// <summary>The rarely read text, made on the first non-null value.</summary>
        private OtherText? Other(bool needed) => _other ?? (needed ? _other = new OtherText() : null);

        /// <summary>Decodes a pending group before it is read or set (setting first keeps a later fill from overwriting).</summary>
        private LbLogRecord Load(TextGroup group)
        {
            if (_pending != null && (_loaded & (int)group) == 0)
            {
                _loaded |= (int)group;
                _pending.Fill(this, _pendingState!, group);
            }

            return this;
        }

        /// <summary>What the request line (or the request fields) said.</summary>
        private sealed class RequestText
        {
            public string? Method;
            public string? Scheme;
            public string? Host;
            public int? ListenerPort;
            public string? Path;
            public string? Query;
            public string? Protocol;
        }

        /// <summary>Text and lists that few reads touch (agent, TLS, ids, per-attempt lists, the vendor fields).</summary>
        private sealed class OtherText
        {
            public IReadOnlyList<int?>? UpstreamStatuses;
            public IReadOnlyList<double?>? UpstreamConnectTimes;
            public IReadOnlyList<double?>? UpstreamHeaderTimes;
            public IReadOnlyList<double?>? UpstreamResponseTimes;
            public string? UserAgent;
            public string? Referer;
            public string? TlsProtocol;
            public string? TlsCipher;
            public string? ErrorReason;
            public string? TraceId;
            public IReadOnlyDictionary<string, string?>? Fields;
            public IReadOnlyList<string>? ExtraFields;
        }
    }
}
