using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using System;
using LbTools.Core.Common;
using LbTools.Core.Logs.Lines;
using LbTools.Core.Logs.Sources;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging;

namespace LbTools.Core.Logs.ErrorLog
{
    /// <summary>
    /// Streams the entries of nginx / Tengine / OpenResty error logs: plain, .gz (by content) or
    /// UTF-16, opened the way the access-log reader opens files. Every line is accounted for in
    /// <see cref="Statistics"/>; a line that breaks the shape is reported with file and line.
    /// </summary>
    public sealed class ErrorLogReader
    {
        private const string ProgressActivity = "Reading nginx error logs";

        private readonly ErrorLogReadOptions _options;
        private readonly IOperationSink _sink;
        private readonly ILogger _logger;

        public ErrorLogReader(ErrorLogReadOptions? options, IOperationSink sink, ILogger? logger = null)
        {
            _options = options ?? new ErrorLogReadOptions();
            _sink = sink ?? throw new ArgumentNullException(nameof(sink));
            _logger = logger ?? NullLogger.Instance;
        }

        public ErrorLogStatistics Statistics { get; } = new ErrorLogStatistics();

        public IEnumerable<NginxErrorEvent> ReadFiles(IEnumerable<string> files, CancellationToken cancellationToken)
        {
            var list = files as IList<string> ?? new List<string>(files);
            for (int i = 0; i < list.Count; i++)
            {
                _sink.ReportProgress(new LbProgress(ProgressActivity, $"File {i + 1} of {list.Count}", list.Count == 0 ? -1 : 100 * i / list.Count, list[i]));
                foreach (var entry in ReadFile(list[i], cancellationToken))
                {
                    yield return entry;
                }
            }

            _sink.ReportProgress(new LbProgress(ProgressActivity, "Done", 100, completed: true));
        }

        public IEnumerable<NginxErrorEvent> ReadFile(string path, CancellationToken cancellationToken)
        {
            var stats = new ErrorLogFileStatistics(path);
            Statistics.Add(stats);
            Stream stream;
            try
            {
                stream = LogSource.Open(path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                var category = ex is FileNotFoundException || ex is DirectoryNotFoundException ? LbErrorCategory.ObjectNotFound : LbErrorCategory.ReadError;
                _sink.ReportError(new LbError("LogFileUnreadable", category, $"Cannot read '{path}': {ex.Message}", path, ex));
                yield break;
            }

            using (stream)
            using (var reader = new LogLineReader(stream, _options.MaxLineBytes))
            {
                foreach (var entry in ReadLines(reader, path, stats, cancellationToken))
                {
                    yield return entry;
                }

                stats.BytesRead = reader.BytesRead;
            }

            _logger.LogInformation("{Source}: {Lines} lines, {Events} entries, {Continuations} continuation lines, {Rejected} rejected, {Skipped} empty.", path, stats.LinesRead, stats.Events, stats.ContinuationLines, stats.Rejected, stats.Skipped);
        }

        /// <summary>Reads lines given as text (piped strings); <paramref name="source"/> names them in errors.</summary>
        public IEnumerable<NginxErrorEvent> ReadText(IEnumerable<string> lines, string source, CancellationToken cancellationToken)
        {
            var stats = new ErrorLogFileStatistics(source);
            Statistics.Add(stats);
            long number = 0;
            var numbered = new List<LogLine>();
            foreach (var text in lines)
            {
                foreach (var part in text.Split('\n'))
                {
                    numbered.Add(new LogLine(++number, part.TrimEnd('\r'), 0, tooLong: false));
                }
            }

            return ReadLogLines(numbered, source, stats, cancellationToken);
        }

        private IEnumerable<NginxErrorEvent> ReadLines(LogLineReader reader, string source, ErrorLogFileStatistics stats, CancellationToken cancellationToken)
        {
            return ReadLogLines(Lines(reader, cancellationToken), source, stats, cancellationToken);
        }

        private static IEnumerable<LogLine> Lines(LogLineReader reader, CancellationToken cancellationToken)
        {
            while (reader.TryReadLine(out var line, cancellationToken))
            {
                yield return line;
            }
        }

        private IEnumerable<NginxErrorEvent> ReadLogLines(IEnumerable<LogLine> lines, string source, ErrorLogFileStatistics stats, CancellationToken cancellationToken)
        {
            NginxErrorEvent? current = null;
            StringBuilder? continued = null;
            long reported = 0;
            foreach (var line in lines)
            {
                cancellationToken.ThrowIfCancellationRequested();
                stats.LinesRead++;
                if (line.TooLong)
                {
                    Reject(source, stats, line.Number, $"longer than {_options.MaxLineBytes} bytes", ref reported);
                    continue;
                }

                var text = line.Text ?? string.Empty;
                if (text.Length == 0)
                {
                    stats.Skipped++;
                    continue;
                }

                if (!NginxErrorLineParser.StartsEntry(text))
                {
                    if (current == null)
                    {
                        Reject(source, stats, line.Number, "neither an entry (no yyyy/MM/dd HH:mm:ss time stamp) nor the continuation of one", ref reported);
                        continue;
                    }

                    stats.ContinuationLines++;
                    current.ContinuationLines++;
                    continued ??= new StringBuilder(current.Message);
                    if (continued.Length + text.Length < _options.MaxMessageChars)
                    {
                        continued.Append('\n').Append(text);
                    }

                    continue;
                }

                if (!NginxErrorLineParser.TryParse(text, out var entry, out var failure))
                {
                    Reject(source, stats, line.Number, failure, ref reported);
                    continue;
                }

                stats.Events++;
                if (current != null && Finish(current, continued, stats))
                {
                    yield return current;
                }

                continued = null;
                entry!.SourceFile = source;
                entry.LineNumber = line.Number;
                current = entry;
            }

            if (current != null && Finish(current, continued, stats))
            {
                yield return current;
            }

            if (reported < stats.Rejected)
            {
                _sink.ReportError(new LbError("LinesRejected", LbErrorCategory.InvalidData, $"{source}: {stats.Rejected - reported} more lines rejected (not nginx error-log entries); only the first {reported} were reported one by one.", source));
            }
        }

        /// <summary>Completes an entry (message, zone, causes); false when it is below the minimum level.</summary>
        private bool Finish(NginxErrorEvent entry, StringBuilder? continued, ErrorLogFileStatistics stats)
        {
            if (continued != null)
            {
                entry.Message = continued.ToString();
            }

            if (entry.Level < _options.MinimumLevel)
            {
                stats.BelowLevel++;
                return false;
            }

            if (_options.UtcOffset is TimeSpan offset)
            {
                entry.Time = new DateTimeOffset(entry.LocalTime, offset);
            }

            _options.Messages.Annotate(entry);
            return true;
        }

        private void Reject(string source, ErrorLogFileStatistics stats, long lineNumber, string detail, ref long reported)
        {
            stats.Rejected++;
            if (reported >= _options.MaxErrorsPerFile)
            {
                return;
            }

            reported++;
            _sink.ReportError(new LbError("LineRejected", LbErrorCategory.InvalidData, $"{source}:{lineNumber}: not an nginx error-log line: {detail}", $"{source}:{lineNumber}"));
        }
    }
}
