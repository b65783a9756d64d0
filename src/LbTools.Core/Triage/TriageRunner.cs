using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using LbTools.Core.Common;
using LbTools.Core.Diagnosis;
using LbTools.Core.Logs;
using LbTools.Core.Logs.ErrorLog;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LbTools.Core.Triage
{
    /// <summary>
    /// Reads log files once and returns the triage report: what Invoke-LbTriage and
    /// <c>lbtools triage</c> both call. Errors (unreadable files, rejected lines) go to the sink
    /// as they happen; progress reports name the file, bytes, lines/s and an ETA from file sizes.
    /// </summary>
    public sealed class TriageRunner
    {
        public const string ProgressActivity = "Triage";

        private readonly TriageOptions _options;
        private readonly IOperationSink _sink;
        private readonly ILogger _logger;

        public TriageRunner(TriageOptions options, IOperationSink sink, ILogger? logger = null)
        {
            _options = options ?? throw new ArgumentNullException(nameof(options));
            _sink = sink ?? throw new ArgumentNullException(nameof(sink));
            _logger = logger ?? NullLogger.Instance;
            options.Validate();
        }

        /// <summary>The resolver the triage diagnoses with (built-in catalog plus the rule files).</summary>
        public StatusResolver CreateResolver() =>
            _options.RulePaths.Count == 0
                ? new StatusResolver(CauseCatalog.BuiltIn, _options.Culture, _options.Settings, null)
                : StatusResolver.WithRuleFiles(_options.RulePaths, _options.Culture, _options.Settings);

        /// <summary>Reads the files (already expanded: see <see cref="AccessLogReader.ExpandFiles(string, bool, IOperationSink)"/>) and builds the report.</summary>
        public TriageReport Run(IReadOnlyList<string> files, CancellationToken cancellationToken)
        {
            if (files == null)
            {
                throw new ArgumentNullException(nameof(files));
            }

            var (since, until) = _options.Window();
            var readOptions = new AccessLogReadOptions
            {
                Format = _options.Format,
                NginxLogFormat = _options.NginxLogFormat,
                ParseThreads = _options.Threads,
                Filter = new AccessLogFilter { Since = since, Until = until },
            };
            if (_options.ProgressInterval.HasValue)
            {
                readOptions.ProgressInterval = _options.ProgressInterval.Value;
            }

            if (_options.ParallelFrom.HasValue)
            {
                readOptions.ParallelFrom = _options.ParallelFrom.Value;
            }

            var fast = FastPath.Attach(readOptions, _options);
            var progress = new ProgressSink(_sink, files);
            var reader = new AccessLogReader(readOptions, progress, _logger);
            var resolver = CreateResolver();
            var errorLog = ReadErrorLog(resolver, cancellationToken);
            var aggregator = new TriageAggregator(_options, resolver, errorLog?.Join);
            foreach (var record in reader.ReadFiles(files, cancellationToken))
            {
                aggregator.Add(record);
            }

            fast?.MergeInto(aggregator);

            var report = aggregator.Build(reader.Statistics);
            if (errorLog != null)
            {
                report.ErrorLog = new TriageErrorLog(errorLog.Value.Statistics, errorLog.Value.Join);
            }

            foreach (var provider in _options.EvidenceProviders)
            {
                foreach (var incident in report.Incidents)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    foreach (var evidence in provider.EvidenceFor(incident, cancellationToken))
                    {
                        incident.Evidence.Add(evidence);
                    }
                }
            }

            _logger.LogInformation("Triage: {Lines} lines read from {Files} file(s), {Requests} requests in the window, {Incidents} incident(s).", report.Totals.LinesRead, files.Count, report.Totals.Requests, report.Incidents.Count);
            _sink.ReportProgress(new LbProgress(ProgressActivity, "Done", 100, completed: true));
            return report;
        }

        /// <summary>The events of the error logs, ready to join, or null when none were given.</summary>
        private (ErrorLogJoin Join, ErrorLogStatistics Statistics)? ReadErrorLog(StatusResolver resolver, CancellationToken cancellationToken)
        {
            if (_options.ErrorLogFiles.Count == 0)
            {
                return null;
            }

            var reader = new ErrorLogReader(new ErrorLogReadOptions { Messages = resolver.NginxMessages }, _sink, _logger);
            var events = reader.ReadFiles(_options.ErrorLogFiles, cancellationToken).ToList();
            _logger.LogInformation("Triage: {Events} error-log events from {Files} file(s).", events.Count, _options.ErrorLogFiles.Count);
            return (new ErrorLogJoin(events), reader.Statistics);
        }

        /// <summary>
        /// Passes errors on and turns the reader's progress ticks into triage progress: file n of
        /// m, MiB, lines/s and an ETA from the sizes of the files still to read.
        /// </summary>
        private sealed class ProgressSink : IOperationSink
        {
            private readonly IOperationSink _inner;
            private readonly IReadOnlyList<string> _files;
            private readonly long[] _sizes;
            private readonly long _totalBytes;
            private readonly Stopwatch _clock = Stopwatch.StartNew();

            public ProgressSink(IOperationSink inner, IReadOnlyList<string> files)
            {
                _inner = inner;
                _files = files;
                _sizes = files.Select(SizeOf).ToArray();
                _totalBytes = _sizes.Sum();
            }

            public void ReportError(LbError error) => _inner.ReportError(error);

            public void ReportProgress(LbProgress progress)
            {
                if (progress.Completed)
                {
                    return;
                }

                // The reader names the file it reads in CurrentOperation and its totals in Status.
                int index = progress.CurrentOperation == null ? -1 : IndexOf(progress.CurrentOperation);
                long before = index <= 0 ? 0 : _sizes.Take(index).Sum();
                double seconds = Math.Max(_clock.Elapsed.TotalSeconds, 0.001);
                double fraction = _totalBytes == 0 ? 0 : Math.Min(1, (double)before / _totalBytes);
                int percent = (int)(fraction * 100);
                string eta = fraction > 0.01 ? $", about {TimeSpan.FromSeconds(Math.Round(seconds * (1 - fraction) / fraction)):g} left" : string.Empty;
                string status = $"file {Math.Max(index, 0) + 1} of {_files.Count}: {progress.Status}{eta}";
                _inner.ReportProgress(new LbProgress(ProgressActivity, status, percent, progress.CurrentOperation));
            }

            private int IndexOf(string file)
            {
                for (int i = 0; i < _files.Count; i++)
                {
                    if (string.Equals(_files[i], file, StringComparison.Ordinal))
                    {
                        return i;
                    }
                }

                return -1;
            }

            private static long SizeOf(string path)
            {
                try
                {
                    return File.Exists(path) ? new FileInfo(path).Length : 0;
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException || ex is NotSupportedException)
                {
                    return 0;
                }
            }
        }
    }
}
