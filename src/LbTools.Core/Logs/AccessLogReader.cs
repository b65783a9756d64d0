using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading;
using LbTools.Core.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LbTools.Core.Logs
{
    /// <summary>
    /// Streams records out of log files or lines. Every line is accounted for: it becomes a
    /// record, or a rejection with a reason reported to the sink (the first few per file one by
    /// one, then a count). Statistics are kept per file in <see cref="Statistics"/>.
    /// </summary>
    public sealed partial class AccessLogReader
    {
        private const string ProgressActivity = "Reading access logs";
        private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

        private readonly AccessLogReadOptions _options;
        private readonly IOperationSink _sink;
        private readonly ILogger _logger;
        private readonly Stopwatch _progressClock = Stopwatch.StartNew();
        private TimeSpan _lastProgress = TimeSpan.Zero;

        public AccessLogReader(AccessLogReadOptions options, IOperationSink sink, ILogger? logger = null)
        {
            _options = options ?? throw new ArgumentNullException(nameof(options));
            _sink = sink ?? throw new ArgumentNullException(nameof(sink));
            _logger = logger ?? NullLogger.Instance;
        }

        public LogReadStatistics Statistics { get; } = new LogReadStatistics();

        internal AccessLogReadOptions Options => _options;

        /// <summary>Expands folders into the files below them (all levels with recurse).</summary>
        public static IEnumerable<string> ExpandFiles(string path, bool recurse)
        {
            if (Directory.Exists(path))
            {
                var option = recurse ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly;
                var files = Directory.GetFiles(path, "*", option);
                Array.Sort(files, StringComparer.Ordinal);
                return files;
            }

            return new[] { path };
        }

        public IEnumerable<LbLogRecord> ReadFiles(IEnumerable<string> files, CancellationToken cancellationToken)
        {
            foreach (var file in files)
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (var record in ReadFile(file, cancellationToken))
                {
                    yield return record;
                }
            }

            _sink.ReportProgress(new LbProgress(ProgressActivity, "Done", 100, completed: true));
        }

        public IEnumerable<LbLogRecord> ReadFile(string path, CancellationToken cancellationToken)
        {
            var stats = new LogFileStatistics(path);
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
            {
                var reader = new LogLineReader(stream, _options.MaxLineBytes);
                foreach (var record in ReadLines(reader.ReadLines(cancellationToken), path, stats, () => reader.BytesRead, cancellationToken))
                {
                    yield return record;
                }
            }
        }

        /// <summary>
        /// A session for lines pushed one at a time (pipeline input). Lines are held back until
        /// the format is known, then parsed as they come.
        /// </summary>
        public TextLogSession CreateTextSession(string sourceName)
        {
            var stats = new LogFileStatistics(sourceName);
            Statistics.Add(stats);
            return new TextLogSession(this, sourceName, stats);
        }

        private IEnumerable<LbLogRecord> ReadLines(IEnumerable<LogLine> lines, string source, LogFileStatistics stats, Func<long> bytesRead, CancellationToken cancellationToken)
        {
            var held = new List<LogLine>();
            using var enumerator = lines.GetEnumerator();
            ILogLineParser? parser = null;
            if (_options.Format == LogFormat.Auto)
            {
                // Hold the first lines back until the format is known, then replay them.
                while (held.Count < _options.DetectionLines && enumerator.MoveNext())
                {
                    held.Add(enumerator.Current);
                }

                parser = DetectOrReject(source, stats, held);
                if (parser == null)
                {
                    CountUnrecognised(stats, held.Count, enumerator);
                    stats.BytesRead = bytesRead();
                    yield break;
                }
            }
            else
            {
                parser = LogFormatDetector.CreateParser(_options.Format);
            }

            var processor = new LineProcessor(this, source, stats, parser);
            foreach (var line in Replay(held, enumerator))
            {
                if ((stats.LinesRead & 0x3FF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    MaybeReportProgress(source, stats, bytesRead());
                }

                var record = processor.Process(line);
                if (record != null)
                {
                    yield return record;
                }
            }

            stats.BytesRead = bytesRead();
            processor.Finish();
        }

        internal ILogLineParser? DetectOrReject(string source, LogFileStatistics stats, List<LogLine> held)
        {
            var sample = new List<string>();
            foreach (var line in held)
            {
                if (line.Text is { Length: > 0 } text)
                {
                    sample.Add(text);
                }
            }

            var detected = LogFormatDetector.Detect(sample);
            if (detected != null)
            {
                _logger.LogInformation("{Source}: detected format {Format}.", source, detected.Value);
                return LogFormatDetector.CreateParser(detected.Value);
            }

            if (held.Count > 0)
            {
                _sink.ReportError(new LbError(
                    "LogFormatNotRecognised",
                    LbErrorCategory.InvalidData,
                    $"'{source}' is not in a log format LbTools recognises (looked at its first {sample.Count} non-empty lines); pass -Format to name it. Its lines are counted as rejected.",
                    source));
            }
            else
            {
                _logger.LogInformation("{Source} is empty.", source);
            }

            return null;
        }

        internal static void CountUnrecognised(LogFileStatistics stats, long held, IEnumerator<LogLine>? rest)
        {
            long total = held;
            while (rest != null && rest.MoveNext())
            {
                total++;
            }

            stats.LinesRead += total;
            for (long i = 0; i < total; i++)
            {
                stats.CountRejection(LineRejection.Unrecognised);
            }
        }

        private void Reject(string source, LogFileStatistics stats, long lineNumber, LineRejection reason, string detail, ref long reported)
        {
            stats.CountRejection(reason);
            if (reported >= _options.MaxErrorsPerFile)
            {
                return;
            }

            reported++;
            _sink.ReportError(new LbError(
                "LineRejected",
                LbErrorCategory.InvalidData,
                $"{source}:{lineNumber}: line rejected ({reason}): {detail}",
                $"{source}:{lineNumber}"));
        }

        private void MaybeReportProgress(string source, LogFileStatistics stats, long bytes)
        {
            var now = _progressClock.Elapsed;
            if (now - _lastProgress < ProgressInterval)
            {
                return;
            }

            _lastProgress = now;
            double seconds = Math.Max(now.TotalSeconds, 0.001);
            long totalLines = Statistics.LinesRead;
            long totalBytes = Statistics.BytesRead + bytes;
            string status = $"{totalLines:N0} lines, {totalBytes / 1048576.0:N1} MiB ({totalLines / seconds:N0} lines/s, {totalBytes / 1048576.0 / seconds:N1} MiB/s)";
            _sink.ReportProgress(new LbProgress(ProgressActivity, status, -1, source));
        }

        private static IEnumerable<LogLine> Replay(List<LogLine> held, IEnumerator<LogLine> rest)
        {
            foreach (var line in held)
            {
                yield return line;
            }

            while (rest.MoveNext())
            {
                yield return rest.Current;
            }
        }
    }
}
