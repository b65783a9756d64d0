using System;
using System.Collections.Generic;
using System.Linq;
using LbTools.Core.Logs;

namespace LbTools.Core.Queries
{
    /// <summary>
    /// Which columns of the canonical relation <c>lb_records</c> a provider's logs really fill.
    /// Every relation has every canonical column (a column the provider does not log is a typed
    /// NULL, so any SQL over lb_records binds); <see cref="Has"/> says which carry values, e.g.
    /// whether upstream_header_time is known (AWS: target_processing_time; Alibaba: not logged).
    /// Vendor columns (v_name) exist only for the provider's documented fields.
    /// </summary>
    internal sealed class RecordShape
    {
        /// <summary>The canonical columns in relation order (vendor columns follow).</summary>
        internal static readonly IReadOnlyList<string> CanonicalColumns = new[]
        {
            "time", "status", "upstream_status", "upstream_statuses", "upstream", "upstream_addresses",
            "request_time", "upstream_connect_time", "upstream_header_time", "upstream_response_time", "rtt",
            "bytes_received", "bytes_sent", "request_length",
            "method", "path", "query", "protocol", "host", "error_reason", "client_address",
        };

        private static readonly string[] Request = { "time", "status", "request_time", "bytes_received", "bytes_sent", "method", "path", "query", "protocol", "host", "client_address" };
        private static readonly string[] Upstream = { "upstream_status", "upstream_statuses", "upstream", "upstream_addresses" };

        private readonly HashSet<string> _columns;

        private RecordShape(LbProvider provider, IEnumerable<string> canonical)
        {
            Provider = provider;

            // nginx has no SQL table (its fields are whatever log_format says): no vendor columns.
            VendorColumns = provider == LbProvider.Nginx
                ? Array.Empty<string>()
                : LogTable.For(provider).Fields.Select(LogTable.VendorColumn).Distinct(StringComparer.Ordinal).ToArray();
            _columns = new HashSet<string>(canonical.Concat(VendorColumns), StringComparer.Ordinal);
        }

        public LbProvider Provider { get; }

        /// <summary>The v_ columns, one per documented vendor field.</summary>
        internal IReadOnlyList<string> VendorColumns { get; }

        /// <summary>The shape of a provider's lb_records (nginx too, for the rules compiler; no query reads nginx logs); throws for Unknown.</summary>
        internal static RecordShape For(LbProvider provider) => provider switch
        {
            LbProvider.AwsAlb => new RecordShape(provider, Request.Concat(Upstream).Concat(new[] { "upstream_header_time", "error_reason" })),
            LbProvider.AwsClb => new RecordShape(provider, Request.Concat(Upstream).Concat(new[] { "upstream_header_time" })),
            LbProvider.CloudFront => new RecordShape(provider, Request.Concat(new[] { "error_reason" })),
            LbProvider.AlibabaAlb or LbProvider.AlibabaClb => new RecordShape(provider, Request.Concat(Upstream).Concat(new[] { "upstream_response_time", "rtt", "request_length" })),
            LbProvider.Nginx => new RecordShape(provider, Request.Concat(Upstream).Concat(new[] { "upstream_connect_time", "upstream_header_time", "upstream_response_time", "rtt", "request_length" })),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "No SQL table for this provider: the SQL path serves AwsAlb, AwsClb, CloudFront, AlibabaAlb and AlibabaClb."),
        };

        /// <summary>True when the provider's lb_records fills <paramref name="column"/> (a canonical or v_ column name).</summary>
        public bool Has(string column) => column != null && _columns.Contains(column);
    }
}
