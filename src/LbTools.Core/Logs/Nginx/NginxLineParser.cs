using System;
using System.Collections.Generic;
using LbTools.Core.Logs.Named;

namespace LbTools.Core.Logs.Nginx
{
    /// <summary>
    /// nginx / Tengine access logs in the log_format the user names. Every variable lands in
    /// Fields under its name without '$'; the known ones ($status, $upstream_addr, $request_time,
    /// $time_local…) fill the common record. nginx writes "\xHH" for bytes it escapes; those are
    /// decoded for the common text properties, Fields keep the text as logged.
    /// </summary>
    public sealed class NginxLineParser : ILogLineParser, IParallelLineParser
    {
        private readonly NginxLineFormat _format;
        private readonly Dictionary<string, int> _index;

        public NginxLineParser(string? formatOrPreset)
            : this(NginxLineFormat.Compile(formatOrPreset ?? NginxLogFormats.Combined))
        {
        }

        public NginxLineParser(NginxLineFormat format)
        {
            _format = format ?? throw new ArgumentNullException(nameof(format));
            _index = LazyFieldMap.IndexOf(format.Variables);
        }

        public LogFormat Format => LogFormat.Nginx;

        public NginxLineFormat LineFormat => _format;

        ILogLineParser IParallelLineParser.CreateWorkerCopy() => new NginxLineParser(_format);

        public ParseOutcome Parse(string line)
        {
            var values = new string[_format.Variables.Count];
            if (!_format.TryMatch(line, values, out var failure))
            {
                return ParseOutcome.Reject(LineRejection.FormatMismatch, "the line does not follow the log format: " + failure);
            }

            // The name index is built once per format; a line only adds its values.
            var fields = new LazyFieldMap(_format.Variables, _index, values.Length, i => values[i]);

            // A format without $status still yields records; the status is simply unknown.
            var outcome = NamedRecord.Build(fields, LbProvider.Nginx, requireStatus: false);
            return outcome.IsRecord ? ParseOutcome.Success(Decode(outcome.Record!)) : outcome;
        }

        private static LbLogRecord Decode(LbLogRecord record)
        {
            record.UserAgent = NginxEscapes.Decode(record.UserAgent);
            record.Referer = NginxEscapes.Decode(record.Referer);
            record.Path = NginxEscapes.Decode(record.Path);
            return record;
        }
    }
}
