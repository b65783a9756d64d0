using System;
using LbTools.Core.Common;
using Microsoft.Extensions.Logging;

namespace LbTools.Core.Logs
{
    public sealed partial class AccessLogReader
    {
        /// <summary>Turns the lines of one source into records and keeps its accounting.</summary>
        internal sealed class LineProcessor
        {
            private readonly AccessLogReader _owner;
            private readonly string _source;
            private readonly LogFileStatistics _stats;
            private readonly ILogLineParser _parser;
            private readonly IUtf8LineParser? _utf8Parser;
            private readonly IOperationSink _sink;
            private readonly AccessLogFilter _filter;
            private readonly bool _filterActive;
            private long _reported;

            public LineProcessor(AccessLogReader owner, string source, LogFileStatistics stats, ILogLineParser parser, IOperationSink sink)
            {
                _sink = sink;
                _filter = owner._options.Filter;
                _owner = owner;
                _source = source;
                _stats = stats;
                _parser = parser;

                // Decided once per source, not per line.
                _utf8Parser = parser as IUtf8LineParser;
                _filterActive = _filter.IsActive;
                stats.Format = parser.Format;
                if (_filter.HasNumberFilters && parser is IPrefilteringParser prefiltering)
                {
                    // Lines the status/time filters drop never become records.
                    prefiltering.Prefilter = _filter;
                }
            }

            /// <summary>The record for the line, or null when it was rejected or skipped.</summary>
            public LbLogRecord? Process(in LogLine line)
            {
                _stats.LinesRead++;
                if (line.TooLong)
                {
                    _owner.Reject(_sink, _source, _stats, line.Number, LineRejection.LineTooLong, $"longer than the {_owner._options.MaxLineBytes}-byte line cap", ref _reported);
                    return null;
                }

                if (line.IsEmpty)
                {
                    _stats.Skipped++;
                    return null;
                }

                ParseOutcome outcome;
                try
                {
                    outcome = _utf8Parser != null && line.HasBytes ? _utf8Parser.Parse(line.Bytes) : _parser.Parse(line.Text!);
                }
                catch (Exception ex) when (!(ex is OperationCanceledException))
                {
                    // A parser bug must cost one line, never the whole read.
                    outcome = ParseOutcome.Reject(LineRejection.InvalidField, "the parser failed: " + ex.Message);
                }

                if (outcome.IsFilteredOut)
                {
                    _stats.Parsed++;
                    _stats.Filtered++;
                    return null;
                }

                if (outcome.IsSkipped)
                {
                    _stats.Skipped++;
                    return null;
                }

                if (!outcome.IsRecord)
                {
                    _owner.Reject(_sink, _source, _stats, line.Number, outcome.Reason, outcome.Detail ?? outcome.Reason.ToString(), ref _reported);
                    return null;
                }

                var record = outcome.Record!;
                record.SourceFile = _source;
                record.LineNumber = line.Number;
                _stats.Parsed++;
                if (_filterActive && !_filter.Matches(record))
                {
                    _stats.Filtered++;
                    return null;
                }

                return record;
            }

            /// <summary>Reports what was not shown line by line, and logs the file's totals.</summary>
            public void Finish()
            {
                long suppressed = _stats.Rejected - _reported;
                if (suppressed > 0)
                {
                    _sink.ReportError(new LbError(
                        "LinesRejectedSummary",
                        LbErrorCategory.InvalidData,
                        $"{suppressed} more lines of '{_source}' were rejected and not shown one by one ({_stats.Rejected} rejected of {_stats.LinesRead} read).",
                        _source));
                }

                _owner._logger.LogInformation("{Source}: {Read} lines read, {Parsed} parsed, {Rejected} rejected, {Skipped} skipped.", _source, _stats.LinesRead, _stats.Parsed, _stats.Rejected, _stats.Skipped);
            }
        }
    }
}
