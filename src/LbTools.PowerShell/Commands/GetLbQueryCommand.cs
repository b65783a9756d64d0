using System;
using System.Linq;
using System.Management.Automation;
using LbTools.Core.Diagnosis;
using LbTools.Core.Logs;
using LbTools.Core.Queries;
using LbTools.Core.Triage;
using LbTools.PowerShell.Infrastructure;

namespace LbTools.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Writes the SQL that runs the triage where the logs are: the Athena table over S3, the Simple Log Service query, or DuckDB over local files.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "LbQuery")]
    [OutputType(typeof(LbQuery))]
    public sealed class GetLbQueryCommand : LbCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        public QueryEngine Engine { get; set; }

        [Parameter(Mandatory = true, Position = 1)]
        [ValidateSet(nameof(LbProvider.AwsAlb), nameof(LbProvider.AwsClb), nameof(LbProvider.CloudFront), nameof(LbProvider.AlibabaAlb), nameof(LbProvider.AlibabaClb))]
        public LbProvider Provider { get; set; }

        [Parameter]
        public QueryKind Kind { get; set; } = QueryKind.Triage;

        /// <summary>DuckDB: local log files or wildcard patterns (DuckDB expands them when the query runs).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = Array.Empty<string>();

        /// <summary>Athena: the S3 prefix the logs are written to.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Location { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? TableName { get; set; }

        [Parameter]
        public DateTime? Since { get; set; }

        [Parameter]
        public DateTime? Until { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Last { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Interval { get; set; }

        [Parameter]
        [ValidateRange(0, 999)]
        public int[] StatusCode { get; set; } = Array.Empty<int>();

        [Parameter]
        [ValidateRange(0.001, 86400)]
        public double ConnectTimeout { get; set; }

        [Parameter]
        [ValidateRange(0.001, 86400)]
        public double RequestTimeout { get; set; }

        [Parameter]
        [ValidateRange(0.001, 86400)]
        public double IdleTimeout { get; set; }

        [Parameter]
        public DateTime? ProjectionStart { get; set; }

        private readonly System.Collections.Generic.List<string> _paths = new System.Collections.Generic.List<string>();

        protected override void ProcessRecord()
        {
            // Paths stay patterns: DuckDB expands them where the query runs; only make them absolute.
            _paths.AddRange(Path.Select(p => SessionState.Path.GetUnresolvedProviderPathFromPSPath(p)));
        }

        protected override void EndProcessing()
        {
            LbQuery query;
            try
            {
                var request = new QueryRequest
                {
                    Engine = Engine,
                    Provider = Provider,
                    Kind = Kind,
                    Paths = _paths.ToArray(),
                    Location = Location,
                    TableName = TableName,
                    Since = Utc(Since),
                    Until = Utc(Until),
                    Last = Last == null ? (TimeSpan?)null : Durations.Parse(Last, "-Last"),
                    Statuses = StatusCode,
                    Settings = BoundTimeouts(ConnectTimeout, RequestTimeout, IdleTimeout),
                };
                if (Interval != null)
                {
                    request.Interval = Durations.Parse(Interval, "-Interval");
                }

                if (ProjectionStart.HasValue)
                {
                    request.ProjectionStart = ProjectionStart.Value.ToUniversalTime().Date;
                }

                query = QueryWriter.Write(request);
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, "InvalidQueryRequest", ErrorCategory.InvalidArgument, $"{Engine} {Provider} {Kind}"));
                throw;
            }

            FlushLog();
            WriteObject(query);
            base.EndProcessing();
        }
    }
}
