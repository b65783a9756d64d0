using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Threading;
using LbTools.Core.Common;
using LbTools.Core.Diagnosis;
using LbTools.Core.Logs;
using Microsoft.Extensions.Logging;

namespace LbTools.PowerShell.Infrastructure
{
    /// <summary>
    /// What every LbTools cmdlet shares: Ctrl+C cancels Core through a token, Core's errors and
    /// progress become ErrorRecords and ProgressRecords, and Core's log lines are drained into
    /// the Verbose, Debug and Warning streams on the pipeline thread.
    /// </summary>
    public abstract class LbCmdlet : PSCmdlet, IOperationSink
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private readonly QueuedLoggerProvider _logProvider = new QueuedLoggerProvider(LogLevel.Debug);
        private QueuedLoggerFactory? _loggerFactory;

        /// <summary>Cancelled when the user presses Ctrl+C or the pipeline stops.</summary>
        protected CancellationToken CancelToken => _stopping.Token;

        protected ILoggerFactory LoggerFactory => _loggerFactory ??= new QueuedLoggerFactory(_logProvider);

        void IOperationSink.ReportError(LbError error)
        {
            WriteError(ErrorRecords.From(error));
        }

        void IOperationSink.ReportProgress(LbProgress progress)
        {
            var record = new ProgressRecord(ActivityId, progress.Activity, progress.Status)
            {
                PercentComplete = progress.PercentComplete,
                RecordType = progress.Completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
            };
            if (progress.CurrentOperation != null)
            {
                record.CurrentOperation = progress.CurrentOperation;
            }

            WriteProgress(record);
        }

        /// <summary>A progress id unique to the cmdlet type, so nested LbTools calls keep separate bars.</summary>
        protected virtual int ActivityId => GetType().Name.GetHashCode() & 0x7FFFFFFF;

        protected override void StopProcessing()
        {
            _stopping.Cancel();
        }

        protected override void EndProcessing()
        {
            FlushLog();
        }

        /// <summary>Writes every item Core yields; a cancelled enumeration ends quietly.</summary>
        protected void WriteAll<T>(IEnumerable<T> items)
        {
            try
            {
                foreach (var item in items)
                {
                    FlushLog();
                    WriteObject(item);
                }
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                // Ctrl+C: PowerShell is already stopping the pipeline.
            }
            finally
            {
                FlushLog();
            }
        }

        /// <summary>
        /// Resolves -RulePath (wildcards allowed) and loads the files with <paramref name="load"/>;
        /// a file that breaks the schema ends the command with an error naming file and entry.
        /// </summary>
        protected T LoadRuleFiles<T>(IEnumerable<string> rulePaths, Func<IReadOnlyList<string>, T> load)
        {
            var paths = new List<string>();
            foreach (var path in rulePaths)
            {
                paths.AddRange(GetResolvedProviderPathFromPSPath(path, out _));
            }

            try
            {
                return load(paths);
            }
            catch (CatalogFormatException ex)
            {
                ThrowTerminatingError(ErrorRecords.From(ex, "InvalidRuleFile", ErrorCategory.InvalidData, ex.Source));
                throw;
            }
        }

        /// <summary>
        /// Files behind a -Path (wildcards) or -LiteralPath value, folders expanded (all levels with
        /// <paramref name="recurse"/>); a path that matches nothing or is not on the file system is a
        /// non-terminating error naming it.
        /// </summary>
        /// <summary>Whether the user gave <paramref name="parameter"/> (a default value is not a choice to pass on to Core).</summary>
        protected bool IsBound(string parameter) => MyInvocation.BoundParameters.ContainsKey(parameter);

        /// <summary>A seconds parameter as a TimeSpan when the user gave it, else null (Core's default applies).</summary>
        protected TimeSpan? BoundSeconds(string parameter, double seconds) => IsBound(parameter) ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;

        /// <summary>
        /// -ConnectTimeout, -RequestTimeout and -IdleTimeout (the names every diagnosing cmdlet uses)
        /// as diagnosis settings; a timeout not given keeps the provider profile's default.
        /// </summary>
        protected DiagnosisSettings BoundTimeouts(double connectTimeout, double requestTimeout, double idleTimeout) => new DiagnosisSettings
        {
            ConnectTimeout = BoundSeconds("ConnectTimeout", connectTimeout),
            RequestTimeout = BoundSeconds("RequestTimeout", requestTimeout),
            IdleTimeout = BoundSeconds("IdleTimeout", idleTimeout),
        };

        /// <summary>A -Since/-Until value as a UTC instant (a local or unspecified time is taken as the session's local time).</summary>
        protected static DateTimeOffset? Utc(DateTime? time) => time.HasValue ? new DateTimeOffset(time.Value.ToUniversalTime()) : (DateTimeOffset?)null;

        protected IEnumerable<string> ResolveLogFiles(string path, bool literal, bool recurse) => LogPaths.Resolve(this, path, literal, recurse);

        /// <summary>Moves queued Core log lines to the host streams (pipeline thread only).</summary>
        protected void FlushLog()
        {
            foreach (var entry in _logProvider.Drain())
            {
                switch (entry.Level)
                {
                    case LogLevel.Trace:
                    case LogLevel.Debug:
                        WriteDebug(entry.Message);
                        break;
                    case LogLevel.Information:
                        WriteVerbose(entry.Message);
                        break;
                    default:
                        WriteWarning(entry.Message);
                        break;
                }
            }
        }
    }
}
