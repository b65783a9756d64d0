using System.Text;
using System;
using LbTools.Core.Logs.Lines;
using LbTools.Core.Logs.Named;
using LbTools.Core.Logs.Parsing;
using LbTools.Core.Logs.Values;

namespace LbTools.Core.Logs.Nginx
{
    /// <summary>
    /// nginx / Tengine access logs in the log_format the user names. Every variable lands in
    /// Fields under its name without '$'; the known ones ($status, $upstream_addr, $request_time,
    /// $time_local…) fill the common record. nginx writes "\xHH" for bytes it escapes; those are
    /// decoded for the common text properties, Fields keep the text as logged.
    /// Speed: ASCII lines (nginx's default escaping makes nearly all lines ASCII) are matched
    /// over their UTF-8 bytes; numbers and times are parsed at once (they decide rejection), the
    /// text properties and Fields are decoded from a copy of the line when first read. Other
    /// lines take the string route (<see cref="ParseText"/>), which defines the behaviour.
    /// </summary>
    internal sealed class NginxLineParser : IUtf8LineParser, IParallelLineParser, IPrefilteringParser
    {
        private readonly NginxLineFormat _format;
        private readonly NginxFieldSlots _slots;
        private readonly NginxPendingText _pending;
        private readonly int[] _spans;
        private LocalHourCache _hour;
        private AccessLogFilter? _prefilter;

        public NginxLineParser(string? formatOrPreset)
            : this(NginxLineFormat.Compile(formatOrPreset ?? NginxLogFormats.Combined))
        {
        }

        public NginxLineParser(NginxLineFormat format)
        {
            _format = format ?? throw new ArgumentNullException(nameof(format));
            _slots = new NginxFieldSlots(format);
            _pending = new NginxPendingText(format, _slots);
            _spans = new int[2 * format.Variables.Count];
        }

        /// <summary>A worker copy: the immutable slots and filler are shared, the scratch is its own.</summary>
        private NginxLineParser(NginxLineParser other)
        {
            _format = other._format;
            _slots = other._slots;
            _pending = other._pending;
            _spans = new int[other._spans.Length];
        }

        public LogFormat Format => LogFormat.Nginx;

        public NginxLineFormat LineFormat => _format;

        ILogLineParser IParallelLineParser.CreateWorkerCopy() => new NginxLineParser(this);

        AccessLogFilter? IPrefilteringParser.Prefilter { get => _prefilter; set => _prefilter = value; }

        public ParseOutcome Parse(string line) =>
            _format.AsciiLiterals && Utf8Ascii.IsAscii(line) ? ParseAscii(Encoding.ASCII.GetBytes(line)) : ParseText(line);

        public ParseOutcome Parse(ReadOnlySpan<byte> line) =>
            _format.AsciiLiterals && Utf8Ascii.IsAscii(line) ? ParseAscii(line) : ParseText(Utf8FieldValues.Decode(line));

        /// <summary>
        /// The string route: split into one string per variable, map by name. Kept as the
        /// reference the byte route must equal (and for lines that are not ASCII).
        /// </summary>
        internal ParseOutcome ParseText(string line)
        {
            var values = new string[_format.Variables.Count];
            if (!_format.TryMatch(line, values, out var failure))
            {
                return ParseOutcome.Reject(LineRejection.FormatMismatch, "the line does not follow the log format: " + failure);
            }

            // The name index is built once per format; a line only adds its values.
            var fields = new LazyFieldMap(_format.Variables, _slots.Index, values.Length, i => values[i]);

            // A format without $status still yields records; the status is simply unknown.
            var outcome = NamedRecord.Build(fields, LbProvider.Nginx, requireStatus: false);
            return outcome.IsRecord ? ParseOutcome.Success(Decode(outcome.Record!)) : outcome;
        }

        /// <summary>
        /// <see cref="NamedFieldMapper.TryMap"/> by position over an ASCII line: the same checks
        /// in the same order (so the same rejection detail), numbers and times from the bytes.
        /// </summary>
        private ParseOutcome ParseAscii(ReadOnlySpan<byte> line)
        {
            var spans = _spans;
            if (!_format.TryMatch(line, spans, out var failure))
            {
                return ParseOutcome.Reject(LineRejection.FormatMismatch, "the line does not follow the log format: " + failure);
            }

            var s = _slots;
            DateTimeOffset? time = null;
            if (s.UtcTime >= 0 && !Utf8FieldValues.TryUtcTime(Field(line, s.UtcTime), out time))
            {
                return Invalid(line, s.UtcTimeName, s.UtcTime);
            }

            if (time == null && s.LocalTime >= 0 && !Utf8FieldValues.TryNginxLocalTime(Field(line, s.LocalTime), ref _hour, out time))
            {
                return Invalid(line, "time_local", s.LocalTime);
            }

            if (time == null && s.UnixTime >= 0 && !FieldValues.TryUnixSeconds(Utf8FieldValues.Decode(Field(line, s.UnixTime)), out time))
            {
                return Invalid(line, "__time__", s.UnixTime);
            }

            int? clientPort;
            if (s.SplitClient)
            {
                clientPort = Utf8FieldValues.PortOf(Field(line, s.Client));
            }
            else
            {
                if (!Utf8FieldValues.TryInt(Field(line, s.ClientPort), IntegerSyntax.AsFieldValues, out var port))
                {
                    return Invalid(line, "client_port", s.ClientPort);
                }

                if (!Utf8FieldValues.TryInt(Field(line, s.RemotePort), IntegerSyntax.AsFieldValues, out var remotePort))
                {
                    return Invalid(line, "remote_port", s.RemotePort);
                }

                clientPort = port ?? remotePort;
            }

            // The listener port itself is filled with the request text; here it is only checked.
            if (!Utf8FieldValues.TryInt(Field(line, s.VirtualPort), IntegerSyntax.AsFieldValues, out _))
            {
                return Invalid(line, "slb_vport", s.VirtualPort);
            }

            if (!Utf8FieldValues.TryInt(Field(line, s.ServerPort), IntegerSyntax.AsFieldValues, out _))
            {
                return Invalid(line, "server_port", s.ServerPort);
            }

            if (!Utf8FieldValues.TryInt(Field(line, s.Status), IntegerSyntax.AsFieldValues, out var status))
            {
                return Invalid(line, "status", s.Status);
            }

            if (!Utf8UpstreamValues.TryLastStatus(Field(line, s.UpstreamStatus), out var upstreamStatus))
            {
                return Invalid(line, "upstream_status", s.UpstreamStatus);
            }

            if (!Utf8FieldValues.TrySeconds(Field(line, s.RequestTime), NegativeSeconds.BelowZeroIsAbsent, out var requestTime))
            {
                return Invalid(line, "request_time", s.RequestTime);
            }

            if (!Utf8UpstreamValues.TrySeconds(Field(line, s.ConnectTime), out var connect))
            {
                return Invalid(line, "upstream_connect_time", s.ConnectTime);
            }

            if (!Utf8UpstreamValues.TryLastSeconds(Field(line, s.HeaderTime), out var header))
            {
                return Invalid(line, "upstream_header_time", s.HeaderTime);
            }

            if (!Utf8UpstreamValues.TrySeconds(Field(line, s.ResponseTime), out var response))
            {
                return Invalid(line, "upstream_response_time", s.ResponseTime);
            }

            if (!Utf8FieldValues.TryLong(Field(line, s.BytesSent), IntegerSyntax.AsFieldValues, out var bytesSent))
            {
                return Invalid(line, "bytes_sent", s.BytesSent);
            }

            if (!Utf8FieldValues.TryLong(Field(line, s.BodyBytesSent), IntegerSyntax.AsFieldValues, out var bodyBytes))
            {
                return Invalid(line, "body_bytes_sent", s.BodyBytesSent);
            }

            if (!Utf8FieldValues.TryLong(Field(line, s.RequestLength), IntegerSyntax.AsFieldValues, out var requestLength))
            {
                return Invalid(line, "request_length", s.RequestLength);
            }

            if (!Utf8FieldValues.TryLong(Field(line, s.Rtt), IntegerSyntax.AsFieldValues, out var rttMicroseconds))
            {
                return Invalid(line, "tcpinfo_rtt", s.Rtt);
            }

            // Every check has run (a bad line is rejected whatever the filters say); a line the
            // status/time filters drop needs no record.
            if (_prefilter != null && !_prefilter.MatchesNumbers(status, time))
            {
                return ParseOutcome.FilteredOut();
            }

            var record = new LbLogRecord
            {
                Provider = LbProvider.Nginx,
                Time = time,
                ClientPort = clientPort,
                Status = status,
                UpstreamStatus = upstreamStatus,
                RequestTime = requestTime,
                UpstreamConnectTimes = connect,
                UpstreamConnectTime = UpstreamValues.Last(connect),
                UpstreamHeaderTime = header,
                UpstreamResponseTimes = response,
                UpstreamResponseTime = UpstreamValues.Last(response),
                BytesSent = bytesSent ?? bodyBytes,
                RequestLength = requestLength,
                BytesReceived = requestLength,
                Rtt = rttMicroseconds / 1_000_000.0,
            };

            record.SetPendingText(_pending, KeptLine.Copy(line, spans, 2, s.Count));
            return ParseOutcome.Success(record);
        }

        /// <summary>A variable's bytes in the matched line; empty (read as "no value") for a slot the format lacks.</summary>
        private ReadOnlySpan<byte> Field(ReadOnlySpan<byte> line, int slot) =>
            slot < 0 ? default : line.Slice(_spans[2 * slot], _spans[(2 * slot) + 1]);

        private ParseOutcome Invalid(ReadOnlySpan<byte> line, string name, int slot) =>
            ParseOutcome.Reject(LineRejection.InvalidField, NamedFieldMapper.Describe(name, slot < 0 ? null : Utf8Ascii.Decode(Field(line, slot))));

        private LbLogRecord Decode(LbLogRecord record)
        {
            var escape = _format.Escape;
            record.UserAgent = NginxEscapes.Decode(record.UserAgent, escape);
            record.Referer = NginxEscapes.Decode(record.Referer, escape);
            record.Path = NginxEscapes.Decode(record.Path, escape);
            return record;
        }
    }
}
