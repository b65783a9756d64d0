using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System;
using LbTools.Core.Common;
using LbTools.Core.Logs.Lines;
using LbTools.Core.Logs.Parsing;
using LbTools.Core.Logs.Sources;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging;

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

        private readonly AccessLogReadOptions _options;
        private readonly IOperationSink _sink;
        private readonly ILogger _logger;
        private readonly Stopwatch _progressClock = Stopwatch.StartNew();
        private TimeSpan _lastProgress = TimeSpan.Zero;
        private int _tokenizerLogged;
        private long _passed;

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

        /// <summary>
        /// Expands folders into the files below them (all levels with recurse), in ordinal order.
        /// A folder that cannot be listed is reported to <paramref name="sink"/> and the rest is
        /// still read. With recurse, links to folders are not followed (as Get-ChildItem -Recurse
        /// and find do): a link loop cannot read a file twice or never end.
        /// </summary>
        public static IEnumerable<string> ExpandFiles(string path, bool recurse, IOperationSink sink)
        {
            if (!Directory.Exists(path))
            {
                return new[] { path };
            }

            var files = new List<string>();
            var pending = new Stack<string>();
            pending.Push(path);
            while (pending.Count > 0)
            {
                string folder = pending.Pop();
                string[] here;
                string[] below;
                try
                {
                    here = Directory.GetFiles(folder);
                    below = recurse ? Directory.GetDirectories(folder) : Array.Empty<string>();
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is System.Security.SecurityException)
                {
                    sink.ReportError(new LbError("LogFolderUnreadable", LbErrorCategory.ReadError, $"Cannot list '{folder}': {ex.Message} Its files are not read; the other folders are.", folder, ex));
                    continue;
                }

                files.AddRange(here);
                foreach (var sub in below)
                {
                    if (!IsLink(sub))
                    {
                        pending.Push(sub);
                    }
                }
            }

            files.Sort(StringComparer.Ordinal);
            return files;
        }

        private static bool IsLink(string folder)
        {
            try
            {
                return (File.GetAttributes(folder) & FileAttributes.ReparsePoint) != 0;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                // Cannot even be looked at: listing it will say why.
                return false;
            }
        }

        /// <summary>
        /// True once -First records have passed, over every call on this reader (several piped
        /// files, lines pushed one by one): later files and lines are then not read at all.
        /// </summary>
        public bool FirstReached => _options.Filter.First is long first && _passed >= first;

        public IEnumerable<LbLogRecord> ReadFiles(IEnumerable<string> files, CancellationToken cancellationToken)
        {
            if (FirstReached)
            {
                yield break;
            }

            foreach (var record in UpToFirst(ReadFilesInTurn(files, cancellationToken)))
            {
                yield return record;
            }

            _sink.ReportProgress(new LbProgress(ProgressActivity, "Done", 100, completed: true));
        }

        /// <summary>
        /// The records until -First have passed in all (counted across calls); stopping right
        /// after the last one disposes the source, which closes its files and ends its threads.
        /// Without -First the records are handed on as they are, with no iterator in between.
        /// </summary>
        internal IEnumerable<LbLogRecord> UpToFirst(IEnumerable<LbLogRecord> records) =>
            _options.Filter.First is long first ? UpTo(first, records) : records;

        private IEnumerable<LbLogRecord> UpTo(long first, IEnumerable<LbLogRecord> records)
        {
            if (_passed >= first)
            {
                yield break;
            }

            foreach (var record in records)
            {
                _passed++;
                yield return record;
                if (_passed >= first)
                {
                    yield break;
                }
            }
        }

        /// <summary>
        /// The files in order; with Follow only the last file is followed (tail -f on a log set).
        /// With several threads and a filter, runs of files that are not large are read side by
        /// side, one thread each; other files are read one at a time, a large one on all threads.
        /// </summary>
        private IEnumerable<LbLogRecord> ReadFilesInTurn(IEnumerable<string> files, CancellationToken cancellationToken)
        {
            var list = files as IList<string> ?? new List<string>(files);
            int i = 0;
            while (i < list.Count)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int run = SideBySideRun(list, i);
                if (run >= 2)
                {
                    foreach (var record in ReadSideBySide(list, i, run, cancellationToken))
                    {
                        yield return record;
                    }

                    i += run;
                    continue;
                }

                var stats = new LogFileStatistics(list[i]);
                Statistics.Add(stats);
                bool follow = _options.Follow && i == list.Count - 1;
                foreach (var record in ReadFile(list[i], stats, follow, _sink, sideBySide: false, cancellationToken))
                {
                    yield return record;
                }

                i++;
            }
        }

        /// <param name="path">The file.</param>
        /// <param name="stats">Its accounting.</param>
        /// <param name="follow">Follow it as it grows (tail -F).</param>
        /// <param name="sink">Where this file's errors go (a side-by-side read hands them over in order).</param>
        /// <param name="sideBySide">Read beside other files: on this thread alone, without a read-ahead thread or progress reports.</param>
        /// <param name="cancellationToken">Stops the read.</param>
        private IEnumerable<LbLogRecord> ReadFile(string path, LogFileStatistics stats, bool follow, IOperationSink sink, bool sideBySide, CancellationToken cancellationToken)
        {
            Stream stream;
            int parseWorkers;
            try
            {
                stream = LogSource.Open(path, follow ? _options : null, cancellationToken, out bool gzip, out long length, readAhead: !sideBySide);
                parseWorkers = follow || sideBySide ? 1 : FileThreadPlan.ParseWorkers(gzip, length, _options.ParseThreads, _options.ParallelFrom);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                var category = ex is FileNotFoundException || ex is DirectoryNotFoundException ? LbErrorCategory.ObjectNotFound : LbErrorCategory.ReadError;
                sink.ReportError(new LbError("LogFileUnreadable", category, $"Cannot read '{path}': {ex.Message}", path, ex));
                yield break;
            }

            using (stream)
            {
                using var lineReader = new LogLineReader(stream, _options.MaxLineBytes);
                var lines = new FileLines(lineReader, path, sink, cancellationToken);
                var held = new List<LogLine>();
                ILogLineParser? parser;
                if (_options.Format == LogFormat.Auto)
                {
                    // Hold the first lines back until the format is known, then replay them;
                    // blank lines do not count towards the sample.
                    int sampled = 0;
                    while (sampled < _options.DetectionLines && held.Count < MaxHeldForDetection && lines.TryRead(out var line))
                    {
                        held.Add(line.Detach());
                        sampled += line.IsEmpty ? 0 : 1;
                    }

                    parser = DetectOrReject(path, stats, held, sink);
                    if (parser == null)
                    {
                        if (sampled == 0 && lines.Ended)
                        {
                            // Nothing but blank lines (or a byte order mark): an empty log, not an unknown format.
                            CountBlank(stats, held.Count);
                            stats.BytesRead = lines.BytesRead;
                            yield break;
                        }

                        long count = held.Count;
                        while (lines.TryRead(out _))
                        {
                            count++;
                        }

                        CountUnrecognised(stats, count);
                        stats.BytesRead = lines.BytesRead;
                        yield break;
                    }
                }
                else
                {
                    parser = LogFormatDetector.CreateParser(_options.Format, _options);
                }

                if (parser is Aws.AwsAlbLineParser && Interlocked.Exchange(ref _tokenizerLogged, 1) == 0)
                {
                    // Said once, and only when ALB lines are read (finding the vector code is a file probe).
                    _logger.LogDebug("AWS ALB lines are cut by the {Tokenizer}.", Aws.AwsFieldFinders.Description);
                }

                var processor = new LineProcessor(this, path, stats, parser, sink);
                lines.Replay(held);
                var workers = CreateWorkerParsers(processor, lines, parseWorkers);

                // One loop per file (lines straight from the reader, no nested iterators): every
                // line when parsing here, only the replayed detection lines when threads take the rest.
                while ((workers == null || lines.Replaying) && lines.TryRead(out var line))
                {
                    if ((stats.LinesRead & 0x3FF) == 0)
                    {
                        CheckIn(path, stats, lines.BytesRead, sideBySide ? null : sink, cancellationToken);
                    }

                    var record = processor.Process(in line);
                    if (record != null)
                    {
                        yield return record;
                    }
                }

                if (workers != null)
                {
                    // Workers parse chunks of lines; accounting, errors and records stay here, in line order.
                    using var parallel = new ParallelLineParsing(lines.Reader, workers, processor.Parse, cancellationToken);
                    using var chunks = parallel.Chunks().GetEnumerator();
                    while (lines.TryReadChunk(chunks, out var chunk))
                    {
                        CheckIn(path, stats, parallel.BytesRead, sideBySide ? null : sink, cancellationToken);
                        for (int i = 0; i < chunk!.Count; i++)
                        {
                            var record = processor.Account(chunk.FirstNumber + i, in chunk.Outcomes[i]);
                            if (record != null)
                            {
                                yield return record;
                            }
                        }
                    }
                }

                stats.BytesRead = lines.BytesRead;
                processor.Finish();
            }
        }

        /// <summary>
        /// One parser per thread when the lines of this file are to be parsed in parallel: more
        /// than one thread planned (never for a followed file), a format whose lines stand alone,
        /// not already ended.
        /// </summary>
        private ILogLineParser[]? CreateWorkerParsers(LineProcessor processor, FileLines lines, int count)
        {
            if (count <= 1 || lines.Ended)
            {
                return null;
            }

            var workers = new ILogLineParser[count];
            for (int i = 0; i < workers.Length; i++)
            {
                var worker = processor.CreateWorkerParser();
                if (worker == null)
                {
                    return null;
                }

                workers[i] = worker;
            }

            return workers;
        }

        /// <summary>Every 1024 lines (or chunk): honour cancellation, and report progress now and then (to <paramref name="progress"/>, unless null).</summary>
        private void CheckIn(string source, LogFileStatistics stats, long bytesRead, IOperationSink? progress, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (progress != null)
            {
                MaybeReportProgress(source, stats, bytesRead, progress);
            }
        }

        /// <summary>
        /// The lines of one file until its source fails (a corrupt or truncated .gz, a read
        /// error): the failure is reported naming the file and where it stopped, the lines
        /// before stand, and the file ends there.
        /// </summary>
        private sealed class FileLines
        {
            private readonly LogLineReader _reader;
            private readonly string _path;
            private readonly IOperationSink _sink;
            private readonly CancellationToken _cancellationToken;
            private bool _ended;
            private List<LogLine> _held = new List<LogLine>();
            private int _replayed;

            public FileLines(LogLineReader reader, string path, IOperationSink sink, CancellationToken cancellationToken)
            {
                _reader = reader;
                _path = path;
                _sink = sink;
                _cancellationToken = cancellationToken;
            }

            public long BytesRead => _reader.BytesRead;

            public LogLineReader Reader => _reader;

            /// <summary>True once the source has ended or failed.</summary>
            public bool Ended => _ended;

            /// <summary>True while lines given to <see cref="Replay"/> are still to come.</summary>
            public bool Replaying => _replayed < _held.Count;

            /// <summary>Lines already read (held back for format detection) that <see cref="TryRead"/> returns first.</summary>
            public void Replay(List<LogLine> held)
            {
                _held = held;
                _replayed = 0;
            }

            public bool TryRead(out LogLine line)
            {
                if (_replayed < _held.Count)
                {
                    line = _held[_replayed++];
                    return true;
                }

                if (!_ended)
                {
                    try
                    {
                        if (_reader.TryReadLine(out line, _cancellationToken))
                        {
                            return true;
                        }

                        _ended = true;
                        return false;
                    }
                    catch (Exception ex) when (ex is IOException || ex is InvalidDataException)
                    {
                        Fail(ex);
                    }
                }

                line = default;
                return false;
            }

            /// <summary>The next parsed chunk of <see cref="ParallelLineParsing"/>, with the same damage handling as <see cref="TryRead"/>.</summary>
            public bool TryReadChunk(IEnumerator<LineChunk> chunks, out LineChunk? chunk)
            {
                chunk = null;
                if (!_ended)
                {
                    try
                    {
                        if (chunks.MoveNext())
                        {
                            chunk = chunks.Current;
                            return true;
                        }

                        _ended = true;
                        return false;
                    }
                    catch (Exception ex) when (ex is IOException || ex is InvalidDataException)
                    {
                        Fail(ex);
                    }
                }

                return false;
            }

            /// <summary>Once only: a damaged source is reported and not read again.</summary>
            private void Fail(Exception ex)
            {
                _ended = true;
                _sink.ReportError(ex is InvalidDataException
                    ? new LbError("LogFileCorrupt", LbErrorCategory.InvalidData, ex.Message, _path, ex)
                    : new LbError("LogFileReadFailed", LbErrorCategory.ReadError, $"Reading '{_path}' failed after {_reader.BytesRead} bytes: {ex.Message}", _path, ex));
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

            // Lines too long to look at count as content too: they are rejected, so it is said why.
            if (sample.Count > 0 || held.Count >= MaxHeldForDetection || held.Exists(l => !l.IsEmpty))
            {
                sink.ReportError(new LbError(
                    "LogFormatNotRecognised",
                    LbErrorCategory.InvalidData,
                    $"'{source}' is not in a log format LbTools recognises (looked at its first {sample.Count} non-empty lines); name its format (and, for nginx, its log_format) to read it. Its lines are counted as rejected.",
                    source));
            }
            else
            {
                _logger.LogInformation("{Source} is empty.", source);
            }

            return null;
        }

        /// <summary>Lines held for detection at most: a file of blank lines is not kept in memory whole.</summary>
        internal const int MaxHeldForDetection = 65536;

        /// <summary>Blank lines of a source that has nothing else: skipped, as blank lines are in any log.</summary>
        internal static void CountBlank(LogFileStatistics stats, long count)
        {
            stats.LinesRead += count;
            stats.Skipped += count;
        }

        internal static void CountUnrecognised(LogFileStatistics stats, long count)
        {
            stats.LinesRead += count;
            for (long i = 0; i < count; i++)
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

        private void MaybeReportProgress(string source, LogFileStatistics stats, long bytes, IOperationSink sink)
        {
            var now = _progressClock.Elapsed;
            if (now - _lastProgress < _options.ProgressInterval)
            {
                return;
            }

            _lastProgress = now;
            double seconds = Math.Max(now.TotalSeconds, 0.001);
            long totalLines = Statistics.LinesRead;
            long totalBytes = Statistics.BytesRead + bytes;
            string status = $"{totalLines:N0} lines, {totalBytes / 1048576.0:N1} MiB ({totalLines / seconds:N0} lines/s, {totalBytes / 1048576.0 / seconds:N1} MiB/s)";
            sink.ReportProgress(new LbProgress(ProgressActivity, status, -1, source));
        }
    }
}
