using System;
using System.Collections.Generic;
using System.Globalization;
using LbTools.Core.Diagnosis;
using LbTools.Core.Logs;

namespace LbTools.Core.Triage
{
    /// <summary>What Invoke-LbTriage and <c>lbtools triage</c> read and how they group it.</summary>
    public sealed class TriageOptions
    {
        /// <summary>The log format (Auto detects it per file), as Get-LbAccessLog -Format.</summary>
        public LogFormat Format { get; set; } = LogFormat.Auto;

        /// <summary>An nginx log_format string or preset, as Get-LbAccessLog -LogFormat.</summary>
        public string? NginxLogFormat { get; set; }

        /// <summary>Only records logged at or after this instant.</summary>
        public DateTimeOffset? Since { get; set; }

        /// <summary>Only records logged at or before this instant.</summary>
        public DateTimeOffset? Until { get; set; }

        /// <summary>
        /// A window ending at <see cref="Until"/>, or at <see cref="Now"/> when Until is not set
        /// ("the last 2 hours"). Cannot be combined with <see cref="Since"/>.
        /// </summary>
        public TimeSpan? Last { get; set; }

        /// <summary>The clock -Last counts back from (tests pin it).</summary>
        public Func<DateTimeOffset> Now { get; set; } = () => DateTimeOffset.UtcNow;

        /// <summary>
        /// Width of one timeline interval. Null: chosen from the window (or, without one, from the
        /// time the records span) so the timeline has at most <see cref="MaxIntervals"/> intervals.
        /// </summary>
        public TimeSpan? Interval { get; set; }

        /// <summary>Most intervals of a chosen timeline; a wider span gets a coarser interval.</summary>
        public int MaxIntervals { get; set; } = 120;

        /// <summary>The acceptable share of 5xx answers, in percent (0-100); null: no threshold.</summary>
        public double? Threshold { get; set; }

        /// <summary>Language of the causes, checks and report text (en or ja).</summary>
        public CultureInfo Culture { get; set; } = CultureInfo.CurrentUICulture;

        /// <summary>Timeouts and limits the diagnosis compares against (as Resolve-LbStatus takes them).</summary>
        public DiagnosisSettings Settings { get; set; } = new DiagnosisSettings();

        /// <summary>JSON files with extra causes and rules (Resolve-LbStatus -RulePath).</summary>
        public IReadOnlyList<string> RulePaths { get; set; } = Array.Empty<string>();

        /// <summary>Threads that read and parse (as Get-LbAccessLog -ThrottleLimit).</summary>
        public int Threads { get; set; } = Math.Min(Environment.ProcessorCount, 8);

        /// <summary>Most incidents kept; later new (status, cause, backend) groups fold into one per (status, cause) with backend "*".</summary>
        public int MaxIncidents { get; set; } = 200;

        /// <summary>Most backends kept; later new addresses are counted under "*".</summary>
        public int MaxBackends { get; set; } = 500;

        /// <summary>Sample lines kept per incident.</summary>
        public int SamplesPerIncident { get; set; } = 3;

        /// <summary>Paths listed per incident.</summary>
        public int TopPaths { get; set; } = 5;

        /// <summary>Size from which one file is parsed on several threads (tests lower it; see AccessLogReadOptions).</summary>
        internal long? ParallelFrom { get; set; }

        /// <summary>Least time between two progress reports (tests set zero to see every one).</summary>
        internal TimeSpan? ProgressInterval { get; set; }

        /// <summary>Read AWS ALB lines that only count (no error to diagnose) from their fields, without building a record.</summary>
        public bool FastPath { get; set; } = true;

        /// <summary>
        /// More evidence for the incidents, asked once the logs are read (the seam for the nginx
        /// error log: a provider that reads it adds its lines as evidence to the incidents of
        /// the same backend and time). Empty by default.
        /// </summary>
        public IList<IIncidentEvidenceProvider> EvidenceProviders { get; } = new List<IIncidentEvidenceProvider>();

        /// <summary>
        /// nginx error logs (files already expanded) whose events are joined to the access records
        /// before they are diagnosed: nginx's own message then decides the cause (and breaks ties).
        /// </summary>
        public IList<string> ErrorLogFiles { get; } = new List<string>();

        /// <summary>Throws ArgumentException naming the option that is out of range or in conflict.</summary>
        public void Validate()
        {
            if (Last.HasValue && Since.HasValue)
            {
                throw new ArgumentException("-Last and -Since cannot be combined: -Last already sets the start of the window.");
            }

            if (Last.HasValue && Last.Value <= TimeSpan.Zero)
            {
                throw new ArgumentException($"-Last must be longer than zero (got {Last.Value}).");
            }

            var (since, until) = Window();
            if (since.HasValue && until.HasValue && since.Value > until.Value)
            {
                throw new ArgumentException($"The window starts ({since.Value:u}) after it ends ({until.Value:u}).");
            }

            if (Interval.HasValue && Interval.Value < TimeSpan.FromSeconds(1))
            {
                throw new ArgumentException($"-Interval must be at least 1 second (got {Interval.Value}).");
            }

            if (Threshold.HasValue && (Threshold.Value < 0 || Threshold.Value > 100 || double.IsNaN(Threshold.Value)))
            {
                throw new ArgumentException($"-Threshold is a percentage from 0 to 100 (got {Threshold.Value}).");
            }

            if (MaxIntervals < 2 || MaxIncidents < 1 || MaxBackends < 1 || SamplesPerIncident < 0 || TopPaths < 0 || Threads < 1)
            {
                throw new ArgumentException("MaxIntervals (>= 2), MaxIncidents, MaxBackends, Threads (>= 1), SamplesPerIncident and TopPaths (>= 0) are out of range.");
            }
        }

        /// <summary>The window as instants: -Since/-Until, or -Last counted back from -Until or now.</summary>
        public (DateTimeOffset? Since, DateTimeOffset? Until) Window()
        {
            if (Last.HasValue)
            {
                var end = Until ?? Now();
                return (end - Last.Value, end);
            }

            return (Since, Until);
        }
    }
}
