using System;
using LbTools.Core.Common;
using LbTools.Core.Logs.Lines;
using LbTools.Core.Logs.Parsing;
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
                AttachPrefilter(parser);
            }

            /// <summary>The record for the line, or null when it was rejected or skipped.</summary>
            public LbLogRecord? Process(in LogLine line) => Account(line.Number, Parse(_parser, _utf8Parser, in line));

            /// <summary>
            /// A parser for a worker thread of <see cref="ParallelLineParsing"/>, with the same
            /// prefilter; null when the format cannot be parsed out of order.
            /// </summary>
            public ILogLineParser? CreateWorkerParser()
            {
                if (!(_parser is IParallelLineParser parallel))
                {
                    return null;
                }

                var copy = parallel.CreateWorkerCopy();
                AttachPrefilter(copy);
                return copy;
            }

            /// <summary>
            /// Counts a parsed line and reports its rejection, in line order on the reading
            /// thread; returns its record, or null when it was rejected, skipped or filtered out.
            /// </summary>
            public LbLogRecord? Account(long lineNumber, in ParseOutcome outcome)
            {
                _stats.LinesRead++;
                if (outcome.IsRecord)
                {
                    _stats.Parsed++;
                    return outcome.Record;
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

                _owner.Reject(_sink, _source, _stats, lineNumber, outcome.Reason, outcome.Detail ?? outcome.Reason.ToString(), ref _reported);
                return null;
            }

            /// <summary>
            /// Parses one line with the given parser (<paramref name="utf8Parser"/> is the same
            /// parser when it reads bytes, else null) and applies the filters; touches no
            /// statistics, so worker threads can call it with their own parser copies.
            /// </summary>
            public ParseOutcome Parse(ILogLineParser parser, IUtf8LineParser? utf8Parser, in LogLine line)
            {
                if (line.TooLong)
                {
                    return ParseOutcome.Reject(LineRejection.LineTooLong, $"longer than the {_owner._options.MaxLineBytes}-byte line cap");
                }

                if (line.IsEmpty)
                {
                    return ParseOutcome.Skip();
                }

                ParseOutcome outcome;
                try
                {
                    outcome = utf8Parser != null && line.HasBytes ? utf8Parser.Parse(line.Bytes) : parser.Parse(line.Text!);
                }
                catch (Exception ex) when (!(ex is OperationCanceledException))
                {
                    // A parser bug must cost one line, never the whole read.
                    return ParseOutcome.Reject(LineRejection.InvalidField, "the parser failed: " + ex.Message);
                }

                var record = outcome.Record;
                if (record == null)
                {
                    return outcome;
                }

                record.SourceFile = _source;
                record.LineNumber = line.Number;
                if (_filterActive && !_filter.Matches(record))
                {
                    return ParseOutcome.FilteredOut();
                }

                return outcome;
            }

            /// <summary>Lines the status/time filters drop, or a line counter takes, never become records (parsers that can tell before building one).</summary>
            private void AttachPrefilter(ILogLineParser parser)
            {
                if (_filter.HasNumberFilters && parser is IPrefilteringParser prefiltering)
                {
                    prefiltering.Prefilter = _filter;
                }

                if (_owner._options.LineCounter != null && parser is ICountingParser counting)
                {
                    counting.Counter = _owner._options.LineCounter;
                }
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
