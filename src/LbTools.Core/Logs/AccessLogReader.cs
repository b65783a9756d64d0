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
            if (options.Format == LogFormat.Nginx || options.NginxLogFormat != null)
            {
                // A bad log_format is the caller's mistake: say so before any file is opened.
                Nginx.NginxLineFormat.Compile(options.NginxLogFormat ?? Nginx.NginxLogFormats.Combined);
            }
        }

        public LogReadStatistics Statistics { get; } = new LogReadStatistics();

        internal AccessLogReadOptions Options => _options;

        internal IOperationSink Sink => _sink;

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
            long passed = 0;
            long? first = _options.Filter.First;
            if (first <= 0)
            {
                yield break;
            }

            var records = _options.MaxParallelFiles > 1 && !_options.Follow
                ? ReadFilesInParallel(files, cancellationToken)
                : ReadFilesInTurn(files, cancellationToken);
            foreach (var record in records)
            {
                yield return record;
                if (first != null && ++passed >= first)
                {
                    // -First: stop reading; disposing the enumerators closes the files.
                    break;
                }
            }

            _sink.ReportProgress(new LbProgress(ProgressActivity, "Done", 100, completed: true));
        }

        /// <summary>One file after the other; with Follow only the last file is followed (tail -f on a log set).</summary>
        private IEnumerable<LbLogRecord> ReadFilesInTurn(IEnumerable<string> files, CancellationToken cancellationToken)
        {
            var list = files as IList<string> ?? new List<string>(files);
            for (int i = 0; i < list.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var stats = new LogFileStatistics(list[i]);
                Statistics.Add(stats);
                bool follow = _options.Follow && i == list.Count - 1;
                foreach (var record in ReadFile(list[i], stats, _sink, follow, cancellationToken))
                {
                    yield return record;
                }
            }
        }

        public IEnumerable<LbLogRecord> ReadFile(string path, CancellationToken cancellationToken)
        {
            var stats = new LogFileStatistics(path);
            Statistics.Add(stats);
            return ReadFile(path, stats, _sink, _options.Follow, cancellationToken);
        }

        private IEnumerable<LbLogRecord> ReadFile(string path, LogFileStatistics stats, IOperationSink sink, bool follow, CancellationToken cancellationToken)
        {
            Stream stream;
            try
            {
                stream = LogSource.Open(path, follow ? _options : null, cancellationToken);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                var category = ex is FileNotFoundException || ex is DirectoryNotFoundException ? LbErrorCategory.ObjectNotFound : LbErrorCategory.ReadError;
                sink.ReportError(new LbError("LogFileUnreadable", category, $"Cannot read '{path}': {ex.Message}", path, ex));
                yield break;
            }

            using (stream)
            {
                var reader = new LogLineReader(stream, _options.MaxLineBytes);
                var lines = StopAtDamage(reader.ReadLines(cancellationToken), path, sink, () => reader.BytesRead);
                foreach (var record in ReadLines(lines, path, stats, sink, () => reader.BytesRead, cancellationToken))
                {
                    yield return record;
                }
            }
        }

        /// <summary>
        /// Passes lines on until the source fails (a corrupt or truncated .gz, a read error), then
        /// reports the failure naming the file and where it stopped; the lines before stand.
        /// </summary>
        private static IEnumerable<LogLine> StopAtDamage(IEnumerable<LogLine> lines, string path, IOperationSink sink, Func<long> bytesRead)
        {
            using var enumerator = lines.GetEnumerator();
            while (true)
            {
                LbError? error = null;
                try
                {
                    if (!enumerator.MoveNext())
                    {
                        yield break;
                    }
                }
                catch (InvalidDataException ex)
                {
                    error = new LbError("LogFileCorrupt", LbErrorCategory.InvalidData, ex.Message, path, ex);
                }
                catch (IOException ex)
                {
                    error = new LbError("LogFileReadFailed", LbErrorCategory.ReadError, $"Reading '{path}' failed after {bytesRead()} bytes: {ex.Message}", path, ex);
                }

                if (error != null)
                {
                    sink.ReportError(error);
                    yield break;
                }

                yield return enumerator.Current;
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

        private IEnumerable<LbLogRecord> ReadLines(IEnumerable<LogLine> lines, string source, LogFileStatistics stats, IOperationSink sink, Func<long> bytesRead, CancellationToken cancellationToken)
        {
            var held = new List<LogLine>();
            using var enumerator = lines.GetEnumerator();
            ILogLineParser? parser = null;
            if (_options.Format == LogFormat.Auto)
            {
                // Hold the first lines back until the format is known, then replay them.
                while (held.Count < _options.DetectionLines && enumerator.MoveNext())
                {
                    held.Add(enumerator.Current.Detach());
                }

                parser = DetectOrReject(source, stats, held, sink);
                if (parser == null)
                {
                    CountUnrecognised(stats, held.Count, enumerator);
                    stats.BytesRead = bytesRead();
                    yield break;
                }
            }
            else
            {
                parser = LogFormatDetector.CreateParser(_options.Format, _options);
            }

            var processor = new LineProcessor(this, source, stats, parser, sink);
            foreach (var line in Replay(held, enumerator))
            {
                if ((stats.LinesRead & 0x3FF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (ReferenceEquals(sink, _sink))
                    {
                        MaybeReportProgress(source, stats, bytesRead());
                    }
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

        internal ILogLineParser? DetectOrReject(string source, LogFileStatistics stats, List<LogLine> held, IOperationSink sink)
        {
            var sample = new List<string>();
            foreach (var line in held)
            {
                if (line.Text is { Length: > 0 } text)
                {
                    sample.Add(text);
                }
            }

            var detected = LogFormatDetector.DetectParser(sample, _options);
            if (detected != null)
            {
                if (detected is Nginx.NginxLineParser nginx)
                {
                    _logger.LogInformation("{Source}: detected format {Format} with log_format '{LogFormat}'.", source, detected.Format, nginx.LineFormat.Text);
                }
                else
                {
                    _logger.LogInformation("{Source}: detected format {Format}.", source, detected.Format);
                }

                return detected;
            }

            if (held.Count > 0)
            {
                sink.ReportError(new LbError(
                    "LogFormatNotRecognised",
                    LbErrorCategory.InvalidData,
                    $"'{source}' is not in a log format LbTools recognises (looked at its first {sample.Count} non-empty lines); pass -Format (and -LogFormat for nginx) to name it. Its lines are counted as rejected.",
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

        private void Reject(IOperationSink sink, string source, LogFileStatistics stats, long lineNumber, LineRejection reason, string detail, ref long reported)
        {
            stats.CountRejection(reason);
            if (reported >= _options.MaxErrorsPerFile)
            {
                return;
            }

            reported++;
            sink.ReportError(new LbError(
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
