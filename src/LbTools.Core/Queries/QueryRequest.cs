using System;
using System.Collections.Generic;
using LbTools.Core.Diagnosis;
using LbTools.Core.Logs;
using LbTools.Core.Triage;

namespace LbTools.Core.Queries
{
    /// <summary>What to write a query for: engine, provider, kind, where the logs are, the window and the thresholds.</summary>
    public sealed class QueryRequest
    {
        public QueryEngine Engine { get; set; }

        public LbProvider Provider { get; set; }

        public QueryKind Kind { get; set; } = QueryKind.Triage;

        /// <summary>DuckDB: the local files or glob patterns (plain or .gz).</summary>
        public IReadOnlyList<string> Paths { get; set; } = Array.Empty<string>();

        /// <summary>Athena: the S3 prefix the balancer writes to (s3://bucket/prefix/AWSLogs/&lt;account&gt;/elasticloadbalancing/&lt;region&gt;/).</summary>
        public string? Location { get; set; }

        /// <summary>The Athena table or DuckDB view name ("db.table" allowed for Athena); the provider's default when null.</summary>
        public string? TableName { get; set; }

        /// <summary>Athena partition projection: the first day of the range (the range ends at NOW).</summary>
        public DateTime ProjectionStart { get; set; } = new DateTime(2016, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        public DateTimeOffset? Since { get; set; }

        public DateTimeOffset? Until { get; set; }

        /// <summary>The window's length counted back from <see cref="Until"/> or now (as Invoke-LbTriage's -Last).</summary>
        public TimeSpan? Last { get; set; }

        public Func<DateTimeOffset> Now { get; set; } = () => DateTimeOffset.UtcNow;

        /// <summary>The width of the interval rows (whole seconds, at least one).</summary>
        public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);

        /// <summary>Only these statuses in the incident and interval rows; empty for every status that needs a diagnosis.</summary>
        public IReadOnlyList<int> Statuses { get; set; } = Array.Empty<int>();

        /// <summary>Overrides of the provider's timeouts and limits (Invoke-LbTriage's -ConnectTimeout, -RequestTimeout, -IdleTimeout).</summary>
        public DiagnosisSettings Settings { get; set; } = new DiagnosisSettings();

        /// <summary>The window as instants (the rules of Invoke-LbTriage); throws ArgumentException naming what is wrong.</summary>
        internal (DateTimeOffset? Since, DateTimeOffset? Until) Window()
        {
            var options = new TriageOptions { Since = Since, Until = Until, Last = Last, Now = Now, Interval = Interval };
            options.Validate();
            return options.Window();
        }
    }
}
