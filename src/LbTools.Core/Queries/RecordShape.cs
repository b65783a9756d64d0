using System;
using System.Collections.Generic;
using LbTools.Core.Logs;

namespace LbTools.Core.Queries
{
    /// <summary>
    /// Which canonical lb_records columns (and v_ vendor columns) a provider's table really has: a
    /// compile-time fact of the query (for instance whether upstream_header_time exists, which
    /// decides HeaderTimeKnown). A minimal stand-in for the rules compiler; the query path's own
    /// version (every documented vendor field) replaces it.
    /// </summary>
    internal sealed class RecordShape
    {
        private static readonly string[] Common =
        {
            "time", "status", "upstream_status", "upstream_statuses", "upstream", "upstream_addresses", "request_time", "bytes_received", "bytes_sent",
            "method", "path", "query", "protocol", "host", "client_address",
        };

        private readonly HashSet<string> _columns;

        private RecordShape(IEnumerable<string> columns) => _columns = new HashSet<string>(columns, StringComparer.Ordinal);

        internal static RecordShape For(LbProvider provider)
        {
            var columns = new List<string>(Common);
            switch (provider)
            {
                case LbProvider.AwsAlb:
                    columns.AddRange(new[] { "upstream_connect_time", "upstream_header_time", "upstream_response_time", "error_reason" });
                    columns.AddRange(new[] { "v_type", "v_actions_executed", "v_classification_reason", "v_error_reason", "v_request_creation_time", "v_target_port" });
                    break;
                case LbProvider.AwsClb:
                    columns.AddRange(new[] { "upstream_connect_time", "upstream_header_time", "upstream_response_time" });
                    break;
                case LbProvider.CloudFront:
                    columns.AddRange(new[] { "error_reason", "v_x_edge_detailed_result_type", "v_x_edge_result_type" });
                    break;
                case LbProvider.Nginx:
                    columns.AddRange(new[] { "upstream_connect_time", "upstream_header_time", "upstream_response_time", "request_length", "rtt" });
                    break;
                default:
                    // The Alibaba ALB/CLB logstores log upstream_response_time but no connect or header time.
                    columns.AddRange(new[] { "upstream_response_time", "request_length", "rtt", "v_scheme", "v_slb_vport", "v_upstream_status" });
                    break;
            }

            return new RecordShape(columns);
        }

        public bool Has(string column) => _columns.Contains(column);
    }
}
