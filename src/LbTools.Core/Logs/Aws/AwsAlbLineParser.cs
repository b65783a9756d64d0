using System.Collections.Generic;
using System.Text;
using System;
using LbTools.Core.Logs.Lines;
using LbTools.Core.Logs.Parsing;
using LbTools.Core.Logs.Values;

namespace LbTools.Core.Logs.Aws
{
    /// <summary>
    /// AWS Application Load Balancer access log lines (space-delimited, some fields quoted).
    /// Field order from the AWS "Access logs for your Application Load Balancer" page, plus
    /// conn_trace_id (2024) and the transform fields (2025). AWS appends new fields at the end
    /// and tells parsers to ignore unexpected ones, so anything past the known list is kept in
    /// <see cref="LbLogRecord.ExtraFields"/> rather than rejected.
    /// Speed: the line is parsed from its UTF-8 bytes. Numbers, time and statuses are parsed at
    /// once (they decide rejection and feed the filters); the text properties and Fields are
    /// decoded from a copy of the line only when first read.
    /// </summary>
    internal sealed class AwsAlbLineParser : IUtf8LineParser, IPrefilteringParser, IParallelLineParser, ICountingParser
    {
        /// <summary>The documented fields, in log order, under AWS's own names.</summary>
        public static readonly IReadOnlyList<string> FieldNames = new[]
        {
            "type", "time", "elb", "client:port", "target:port",
            "request_processing_time", "target_processing_time", "response_processing_time",
            "elb_status_code", "target_status_code", "received_bytes", "sent_bytes",
            "request", "user_agent", "ssl_cipher", "ssl_protocol", "target_group_arn",
            "trace_id", "domain_name", "chosen_cert_arn", "matched_rule_priority",
            "request_creation_time", "actions_executed", "redirect_url", "error_reason",
            "target:port_list", "target_status_code_list", "classification",
            "classification_reason", "conn_trace_id", "transformed_host", "transformed_uri",
            "request_transform_status",
        };

        /// <summary>Lines before 2018 stop after the request line; fewer fields than that is not ALB.</summary>
        public const int MinimumFieldCount = 13;

        private const int Time = 1, Client = 3, Target = 4, RequestTime = 5, TargetTime = 6, ResponseTime = 7;
        private const int ElbStatus = 8, TargetStatus = 9, Received = 10, Sent = 11, Request = 12, UserAgent = 13;
        private const int Cipher = 14, TlsProtocol = 15, TraceId = 17, ErrorReason = 24, TargetList = 25, StatusList = 26;

        private static readonly Dictionary<string, int> NameIndex = LazyFieldMap.IndexOf(FieldNames);

        private static readonly Utf8StringCache Addresses = new Utf8StringCache();

        private static readonly HashSet<string> KnownTypes = new HashSet<string>(StringComparer.Ordinal)
        {
            "http", "https", "h2", "grpcs", "ws", "wss",
        };

        private int[] _spans = new int[48 * AwsFieldSpans.Stride];
        private ushort[] _narrow = new ushort[2 * 1024];
        private readonly IAwsVectorFieldFinder? _vector;
        private UtcHourCache _hour;
        private AccessLogFilter? _prefilter;
        private ILineCounter? _counter;

        public AwsAlbLineParser()
            : this(AwsFieldFinders.Vector)
        {
        }

        /// <summary>With the given vector tokenizer, or none: tests compare the two paths.</summary>
        internal AwsAlbLineParser(IAwsVectorFieldFinder? vector)
        {
            _vector = vector;
        }

        public LogFormat Format => LogFormat.AwsAlb;

        AccessLogFilter? IPrefilteringParser.Prefilter { get => _prefilter; set => _prefilter = value; }

        ILineCounter? ICountingParser.Counter { get => _counter; set => _counter = value; }

        ILogLineParser IParallelLineParser.CreateWorkerCopy() => new AwsAlbLineParser(_vector);

        /// <summary>True when the line starts like an ALB entry (type token, then an ISO time).</summary>
        public static bool LooksLikeAlb(string line)
        {
            int space = line.IndexOf(' ');
            if (space <= 0 || !KnownTypes.Contains(line.Substring(0, space)))
            {
                return false;
            }

            return line.Length > space + 11 && char.IsDigit(line[space + 1]) && line[space + 5] == '-' && line[space + 11] == 'T';
        }

        public ParseOutcome Parse(string line) => Parse(Encoding.UTF8.GetBytes(line));

        public ParseOutcome Parse(ReadOnlySpan<byte> line)
        {
            // Real lines take the 16-bit path; only lines over 32 KiB need int offsets.
            bool narrow = line.Length <= AwsFieldSpans.NarrowLimit;
            int count;
            if (narrow ? !FindNarrow(line, out count) : !AwsFieldSpans.TryFind(line, ref _spans, out count))
            {
                return ParseOutcome.Reject(LineRejection.UnterminatedQuote, "a quoted field is not closed");
            }

            if (count < MinimumFieldCount)
            {
                return ParseOutcome.Reject(LineRejection.TooFewFields, $"{count} fields, an ALB entry has at least {MinimumFieldCount}");
            }

            var n = narrow ? _narrow : null;
            var w = narrow ? null : _spans;
            if (!Utf8FieldValues.TryUtcTime(Field(line, n, w, Time), ref _hour, out var time) || time == null)
            {
                return Invalid(line, n, w, Time);
            }

            if (!Utf8FieldValues.TrySeconds(Field(line, n, w, RequestTime), NegativeSeconds.MinusSignIsAbsent, out var requestProcessing))
            {
                return Invalid(line, n, w, RequestTime);
            }

            if (!Utf8FieldValues.TrySeconds(Field(line, n, w, TargetTime), NegativeSeconds.MinusSignIsAbsent, out var targetProcessing))
            {
                return Invalid(line, n, w, TargetTime);
            }

            if (!Utf8FieldValues.TrySeconds(Field(line, n, w, ResponseTime), NegativeSeconds.MinusSignIsAbsent, out var responseProcessing))
            {
                return Invalid(line, n, w, ResponseTime);
            }

            if (!Utf8FieldValues.TryInt(Field(line, n, w, ElbStatus), IntegerSyntax.DigitsOnly, out var status))
            {
                return Invalid(line, n, w, ElbStatus);
            }

            if (!Utf8FieldValues.TryInt(Field(line, n, w, TargetStatus), IntegerSyntax.DigitsOnly, out var targetStatus))
            {
                return Invalid(line, n, w, TargetStatus);
            }

            if (!Utf8FieldValues.TryLong(Field(line, n, w, Received), IntegerSyntax.DigitsOnly, out var received))
            {
                return Invalid(line, n, w, Received);
            }

            if (!Utf8FieldValues.TryLong(Field(line, n, w, Sent), IntegerSyntax.DigitsOnly, out var sent))
            {
                return Invalid(line, n, w, Sent);
            }

            if (count > StatusList && !IsStatusList(Field(line, n, w, StatusList)))
            {
                return Invalid(line, n, w, StatusList);
            }

            if (_prefilter != null && !_prefilter.MatchesNumbers(status, time))
            {
                return ParseOutcome.FilteredOut();
            }

            if (_counter != null && status is int code && _counter.CountsOnly(code) && TryCount(line, n, w, count, time.Value.UtcTicks, code, requestProcessing + targetProcessing + responseProcessing, targetProcessing))
            {
                return ParseOutcome.FilteredOut();
            }

            var record = new LbLogRecord
            {
                Provider = LbProvider.AwsAlb,
                Time = time,
                ClientPort = PortOf(Field(line, n, w, Client)),

                // ALB logs three partial times; the whole is known only when all three are.
                RequestTime = requestProcessing + targetProcessing + responseProcessing,
                UpstreamHeaderTime = targetProcessing,
                Status = status,
                UpstreamStatus = targetStatus,
                BytesReceived = received,
                BytesSent = sent,
            };

            record.SetPendingText(PendingText.Instance, narrow ? KeptLine.CopyNarrow(line, _narrow, count) : KeptLine.Copy(line, _spans, AwsFieldSpans.Stride, count));
            return ParseOutcome.Success(record);
        }

        /// <summary>
        /// Hands a count-only line to the counter when its backend is one plain address: the
        /// target:port_list entry when the line has one (as <see cref="LbLogRecord.Upstream"/>
        /// takes it), else target:port. Lines with several attempts, or escapes in the address,
        /// stay on the record path (a success after a failed attempt must be diagnosed).
        /// </summary>
        private bool TryCount(ReadOnlySpan<byte> line, ushort[]? n, int[]? w, int count, long ticks, int status, double? requestTime, double? targetTime)
        {
            // Lines over 32 KiB (int spans) and multi-attempt lines are rare: they take the record path.
            if (n == null || (count > StatusList && Field(line, n, w, StatusList).IndexOf((byte)' ') >= 0))
            {
                return false;
            }

            int index = count > TargetList && !IsDash(Field(line, n, w, TargetList)) ? TargetList : Target;
            if ((n[(index * 2) + 1] & AwsFieldSpans.EscapedFlag) != 0)
            {
                return false;
            }

            var backend = Field(line, n, w, index);
            if (backend.IndexOf((byte)' ') >= 0)
            {
                return false;
            }

            _counter!.Count(ticks, status, requestTime ?? double.NaN, targetTime ?? double.NaN, IsDash(backend) ? ReadOnlySpan<byte>.Empty : backend);
            return true;
        }

        private static bool IsDash(ReadOnlySpan<byte> field) => field.Length == 0 || (field.Length == 1 && field[0] == (byte)'-');

        /// <summary>The vector tokenizer when it takes the line, else the portable one (which decides the rest).</summary>
        private bool FindNarrow(ReadOnlySpan<byte> line, out int count) =>
            (_vector != null && _vector.TryFindNarrow(line, ref _narrow, out count)) || AwsFieldSpans.TryFindNarrow(line, ref _narrow, out count);

        /// <summary>Field <paramref name="index"/> from the 16-bit spans when there are, else the int ones.</summary>
        private static ReadOnlySpan<byte> Field(ReadOnlySpan<byte> line, ushort[]? narrow, int[]? wide, int index) =>
            narrow != null
                ? line.Slice(narrow[index * 2], narrow[(index * 2) + 1] & ~AwsFieldSpans.EscapedFlag)
                : line.Slice(wide![index * AwsFieldSpans.Stride], wide[(index * AwsFieldSpans.Stride) + 1]);

        /// <summary>The port after the last colon ("ip:port", "v6:addr:port"), or null.</summary>
        private static int? PortOf(ReadOnlySpan<byte> address)
        {
            int colon = address.LastIndexOf((byte)':');
            if (colon <= 0 || !Utf8FieldValues.TryInt(address.Slice(colon + 1), IntegerSyntax.DigitsOnly, out var port) || port < 0)
            {
                return null;
            }

            return port;
        }

        /// <summary>The *_list status field: codes separated by spaces, or "-".</summary>
        private static bool IsStatusList(ReadOnlySpan<byte> list)
        {
            foreach (byte b in list)
            {
                if (!((b >= (byte)'0' && b <= (byte)'9') || b == (byte)' ' || b == (byte)'-'))
                {
                    return false;
                }
            }

            return true;
        }

        private static ParseOutcome Invalid(ReadOnlySpan<byte> line, ushort[]? narrow, int[]? wide, int index) =>
            AwsFields.Invalid(FieldNames[index], Utf8FieldValues.Decode(Field(line, narrow, wide, index)));

        /// <summary>
        /// The text half of every ALB record, decoded from the record's kept line (see
        /// <see cref="KeptLine"/>) on first use. Stateless, so one instance serves all records.
        /// </summary>
        private sealed class PendingText : LbLogRecord.IPendingText
        {
            public static readonly PendingText Instance = new PendingText();

            public void Fill(LbLogRecord record, object state, LbLogRecord.TextGroup group)
            {
                var line = (byte[])state;
                switch (group)
                {
                    case LbLogRecord.TextGroup.Fields:
                        int count = KeptLine.Count(line);
                        record.Fields = new LazyFieldMap(FieldNames, NameIndex, Math.Min(count, FieldNames.Count), i => KeptLine.Text(line, i));
                        if (count > FieldNames.Count)
                        {
                            var extra = new string[count - FieldNames.Count];
                            for (int i = 0; i < extra.Length; i++)
                            {
                                extra[i] = KeptLine.Text(line, FieldNames.Count + i);
                            }

                            record.ExtraFields = extra;
                        }

                        break;
                    case LbLogRecord.TextGroup.Client:
                        FieldValues.SplitAddress(Get(line, Client), out var client, out _);
                        record.ClientAddress = client;
                        break;
                    case LbLogRecord.TextGroup.Request:
                        var request = KeptLine.Raw(line, Request, out bool escaped);
                        if (escaped || !Utf8RequestLine.TryApply(request, record))
                        {
                            AwsFields.ApplyRequest(Get(line, Request), record);
                        }

                        break;
                    case LbLogRecord.TextGroup.Agent:
                        record.UserAgent = FieldValues.Text(Get(line, UserAgent));
                        break;
                    case LbLogRecord.TextGroup.Tls:
                        record.TlsCipher = FieldValues.Text(Get(line, Cipher));
                        record.TlsProtocol = FieldValues.Text(Get(line, TlsProtocol));
                        break;
                    case LbLogRecord.TextGroup.Trace:
                        record.TraceId = FieldValues.Text(Get(line, TraceId));
                        break;
                    case LbLogRecord.TextGroup.Error:
                        record.ErrorReason = FieldValues.Text(Get(line, ErrorReason));
                        break;
                    case LbLogRecord.TextGroup.Upstream:
                        FillUpstream(record, line);
                        break;
                    case LbLogRecord.TextGroup.UpstreamStatuses:
                        FillStatuses(record, line);
                        break;
                    case LbLogRecord.TextGroup.HeaderTimes:
                        // ALB logs one target attempt's time; a list of one keeps the shape of the multi-attempt formats.
                        record.UpstreamHeaderTimes = new[] { record.UpstreamHeaderTime };
                        break;
                }
            }

            /// <summary>
            /// Upstream is the target:port field, the documented target of the request, even when
            /// target:port_list says something else (AWS documents the list as "currently" one item
            /// equal to target:port; when they differ, the list is kept as it is in UpstreamAddresses).
            /// Without a target:port the last address of the list stands in.
            /// </summary>
            private static void FillUpstream(LbLogRecord record, byte[] line)
            {
                var targets = KeptLine.Count(line) > TargetList ? SplitAddresses(line, TargetList, isList: true) : Array.Empty<string>();
                var target = SplitAddresses(line, Target, isList: false);
                if (targets.Length == 0 && target.Length == 1)
                {
                    targets = target;
                }

                record.UpstreamAddresses = targets;
                record.Upstream = target.Length == 1 ? target[0] : targets.Length > 0 ? targets[targets.Length - 1] : null;
            }

            private static void FillStatuses(LbLogRecord record, byte[] line)
            {
                var statusList = SplitList(Get(line, StatusList));
                if (statusList.Length > 0)
                {
                    var statuses = new int?[statusList.Length];
                    for (int i = 0; i < statusList.Length; i++)
                    {
                        FieldValues.TryInt(statusList[i], out statuses[i]);
                    }

                    record.UpstreamStatuses = statuses;
                }
                else if (record.UpstreamStatus != null)
                {
                    record.UpstreamStatuses = new[] { record.UpstreamStatus };
                }
            }

            /// <summary>
            /// An address field ("ip:port", or the space-separated *_list form) as its entries
            /// without "-" placeholders; single addresses come from a shared cache (they repeat).
            /// </summary>
            private static string[] SplitAddresses(byte[] line, int index, bool isList)
            {
                var raw = KeptLine.Raw(line, index, out bool escaped);
                if (escaped || raw.IndexOf((byte)' ') >= 0)
                {
                    var text = Get(line, index);
                    return isList ? SplitList(text) : FieldValues.IsAbsent(text) ? Array.Empty<string>() : new[] { text! };
                }

                if (raw.Length == 0 || (raw.Length == 1 && raw[0] == (byte)'-'))
                {
                    return Array.Empty<string>();
                }

                return new[] { Addresses.Get(raw) };
            }

            /// <summary>A documented field straight from the line; null past the fields the line has.</summary>
            private static string? Get(byte[] line, int index) =>
                index >= KeptLine.Count(line) || index >= FieldNames.Count ? null : KeptLine.Text(line, index);

            /// <summary>The *_list fields are space-delimited inside their quotes; "-" means empty.</summary>
            private static string[] SplitList(string? text)
            {
                if (FieldValues.IsAbsent(text))
                {
                    return Array.Empty<string>();
                }

                if (text!.IndexOf(' ') < 0)
                {
                    return new[] { text };
                }

                var parts = text.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
                int kept = 0;
                foreach (var part in parts)
                {
                    if (part != "-")
                    {
                        parts[kept++] = part;
                    }
                }

                if (kept != parts.Length)
                {
                    Array.Resize(ref parts, kept);
                }

                return parts;
            }
        }
    }
}
