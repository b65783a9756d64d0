using System.Text;
using LbTools.Core.Logs;

namespace LbTools.Core.Diagnosis.Rules.Expressions
{
    /// <summary>The record's fields as typed values: canonical lb_records columns and vendor fields (v_name).</summary>
    internal static class Col
    {
        public static readonly NumExpr Status = NumLeaf.Column("status", c => c.Record.Status);

        public static readonly NumExpr UpstreamStatus = NumLeaf.Column("upstream_status", c => c.Record.UpstreamStatus);

        public static readonly NumExpr UpstreamHeaderTime = NumLeaf.Column("upstream_header_time", c => c.Record.UpstreamHeaderTime);

        public static readonly NumExpr UpstreamConnectTime = NumLeaf.Column("upstream_connect_time", c => c.Record.UpstreamConnectTime);

        public static readonly NumExpr UpstreamResponseTime = NumLeaf.Column("upstream_response_time", c => c.Record.UpstreamResponseTime);

        public static readonly NumExpr RequestTime = NumLeaf.Column("request_time", c => c.Record.RequestTime);

        public static readonly NumExpr BytesReceived = NumLeaf.Column("bytes_received", c => c.Record.BytesReceived);

        public static readonly NumExpr BytesSent = NumLeaf.Column("bytes_sent", c => c.Record.BytesSent);

        public static readonly NumExpr RequestLength = NumLeaf.Column("request_length", c => c.Record.RequestLength);

        public static readonly TextExpr Method = TextLeaf.Column("method", c => c.Record.Method);

        public static readonly TextExpr Protocol = TextLeaf.Column("protocol", c => c.Record.Protocol);

        public static readonly TextExpr Upstream = TextLeaf.Column("upstream", c => c.Record.Upstream);

        public static readonly TextExpr ErrorReason = TextLeaf.Column("error_reason", c => c.Record.ErrorReason);

        public static readonly TextExpr Path = TextLeaf.Column("path", c => c.Record.Path);

        public static readonly TextExpr Query = TextLeaf.Column("query", c => c.Record.Query);

        public static readonly TextExpr Host = TextLeaf.Column("host", c => c.Record.Host);

        public static readonly NumExpr Rtt = NumLeaf.Column("rtt", c => c.Record.Rtt);

        /// <summary>The request scheme: no canonical column, so in SQL the vendor field v_scheme (Alibaba logs it as scheme).</summary>
        public static readonly TextExpr Scheme = new TextLeaf("scheme", c => c.Record.Scheme, sql => sql.VendorColumn("scheme"));

        /// <summary>
        /// A vendor field by name (case ignored; '-' and empty read as null, as <see cref="RuleContext.Field"/>),
        /// the lb_records column v_name of the contract; NULL in SQL when the provider's logs have no such field.
        /// </summary>
        public static TextExpr Vendor(string name) => new TextLeaf(name, c => c.Field(name), sql => sql.VendorColumn(name));

        /// <summary>v_ + the name lower-cased with every character outside [a-z0-9] replaced by '_' (target:port -> v_target_port).</summary>
        public static string VendorColumn(string name)
        {
            var text = new StringBuilder("v_", name.Length + 2);
            foreach (char ch in name.ToLowerInvariant())
            {
                text.Append(ch >= 'a' && ch <= 'z' || ch >= '0' && ch <= '9' ? ch : '_');
            }

            return text.ToString();
        }
    }

    /// <summary>Provider-profile numbers in seconds or bytes; in SQL the literals of the profile the query is compiled with.</summary>
    internal static class Param
    {
        public static readonly NumExpr ConnectTimeout = NumLeaf.Parameter("ConnectTimeout", p => p.ConnectTimeout.TotalSeconds);

        public static readonly NumExpr RequestTimeout = NumLeaf.Parameter("RequestTimeout", p => p.RequestTimeout.TotalSeconds);

        public static readonly NumExpr IdleTimeout = NumLeaf.Parameter("IdleTimeout", p => p.IdleTimeout.TotalSeconds);

        public static readonly NumExpr HeaderLimitBytes = NumLeaf.Parameter("HeaderLimitBytes", p => p.HeaderLimitBytes);

        public static readonly NumExpr UriLimitBytes = NumLeaf.Parameter("UriLimitBytes", p => p.UriLimitBytes);

        /// <summary>Null unless the user gave it (AWS publishes no default the log could be held against).</summary>
        public static readonly NumExpr DeregistrationDelay = NumLeaf.Parameter("DeregistrationDelay", p => p.DeregistrationDelay?.TotalSeconds);

        public static readonly NumExpr BurstPerSecond = NumLeaf.Parameter("BurstPerSecond", p => p.BurstPerSecond);

        public static readonly NumExpr LargeRtt = NumLeaf.Parameter("LargeRtt", p => p.LargeRtt.TotalSeconds);

        public static readonly NumExpr SlowUpstream = NumLeaf.Parameter("SlowUpstream", p => p.SlowUpstream.TotalSeconds);

        public static readonly NumExpr LargeRequestBytes = NumLeaf.Parameter("LargeRequestBytes", p => p.LargeRequestBytes);
    }
}
