using System.Collections.Generic;
using LbTools.Core.Logs;
using LbTools.Core.Logs.Values;
using LbTools.Core.Queries;

namespace LbTools.Core.Diagnosis.Rules.Expressions
{
    /// <summary>
    /// Derived facts, each defined once as an expression: the rule tables, <see cref="RuleContext"/>
    /// and the SQL compiler all read these.
    /// </summary>
    internal static class Facts
    {
        /// <summary>nginx and the Tengine-based Alibaba balancers log their own failures into upstream_status (a compile-time fact of the provider).</summary>
        public static readonly BoolExpr IsProxyFamily = new BoolFact(
            nameof(IsProxyFamily),
            c => c.IsProxyFamily,
            sql => sql.Provider == LbProvider.Nginx || sql.Provider == LbProvider.AlibabaAlb || sql.Provider == LbProvider.AlibabaClb);

        /// <summary>The log has an upstream_header_time column (in SQL: the provider's relation has it).</summary>
        public static readonly BoolExpr HeaderTimeKnown = new BoolFact(
            nameof(HeaderTimeKnown),
            c => c.HeaderTimeKnown,
            sql => sql.Shape.Has("upstream_header_time"));

        /// <summary>
        /// The backend really sent a response header for the last attempt: a backend status was
        /// logged, and for the proxy family with a header-time column that time is a number.
        /// </summary>
        public static readonly BoolExpr BackendAnswered = new MemoFact(
            nameof(BackendAnswered),
            Col.UpstreamStatus.IsNotNull() & (!IsProxyFamily | !HeaderTimeKnown | Col.UpstreamHeaderTime.IsNotNull()),
            0);

        /// <summary>An upstream address was logged (not empty, not '-').</summary>
        public static readonly BoolExpr HasUpstreamAddress = new MemoFact(nameof(HasUpstreamAddress), Col.Upstream.IsNotNull() & !Col.Upstream.Eq(string.Empty) & !Col.Upstream.Eq("-"), 1);

        /// <summary>The method carries a request body (POST, PUT, PATCH; ordinal, as logged).</summary>
        public static readonly BoolExpr ExpectsBody = Col.Method.In("POST", "PUT", "PATCH");

        /// <summary>
        /// Many errors of this status within one second (<see cref="Counting.BurstTracker"/>, in
        /// reading order). In SQL: the row number of the record among the records of its status and
        /// epoch second, ordered by time, reaches the threshold. That is exact when the log is in time
        /// order, which is how balancers write it; records of one second with equal times may be
        /// numbered in either order, which changes which of them count, not how many. The expression
        /// holds a window function: select it in a projection, not in WHERE or GROUP BY.
        /// </summary>
        public static readonly BoolExpr InBurst = new BoolFact(
            nameof(InBurst),
            c => c.InBurst,
            sql =>
            {
                string time = SqlText.Identifier("time"), status = SqlText.Identifier("status");
                sql.Text.Append(time).Append(" IS NOT NULL AND ").Append(status).Append(" >= 400 AND row_number() OVER (PARTITION BY ")
                    .Append(status).Append(", date_trunc('second', ").Append(time).Append(") ORDER BY ").Append(time).Append(") >= ");
                Param.BurstPerSecond.Write(sql);
            },
            20);

        /// <summary>
        /// AWS ALB: seconds from request_creation_time to the log time (how long the balancer held the
        /// request); null without both times.
        /// </summary>
        public static readonly NumExpr AlbElapsedSeconds = new NumLeaf(
            nameof(AlbElapsedSeconds),
            c => FieldValues.TryUtcTime(c.Record["request_creation_time"], out var created) && created != null && c.Record.Time != null
                ? (c.Record.Time.Value - created.Value).TotalSeconds
                : (double?)null,
            sql =>
            {
                string time = SqlText.Identifier("time"), created = SqlText.Identifier(Col.VendorColumn("request_creation_time"));
                sql.Text.Append(sql.Engine == QueryEngine.DuckDb
                    ? $"(epoch({time}) - epoch(TRY_CAST({created} AS TIMESTAMPTZ)))"
                    : $"(to_unixtime({time}) - to_unixtime(try(from_iso8601_timestamp({created}))))");
            });

        /// <summary>An attempt before the last one failed (no status, or 500 and up): a retry hid it, or it preceded the final error.</summary>
        public static readonly BoolExpr EarlierAttemptFailed = Attempts(nameof(EarlierAttemptFailed), s => s == null || s >= 500, "-|[5-9][0-9]{2}|[1-9][0-9]{3,}");

        /// <summary>An attempt before the last one ended with 504 (the upstream timed out).</summary>
        public static readonly BoolExpr EarlierAttemptTimedOut = Attempts(nameof(EarlierAttemptTimedOut), s => s == 504, "504");

        /// <summary>An attempt before the last one failed other than with 504.</summary>
        public static readonly BoolExpr EarlierAttemptFailedOtherwise = Attempts(nameof(EarlierAttemptFailedOtherwise), s => s == null || s >= 500 && s != 504, "-|50[0-35-9]|5[1-9][0-9]|[6-9][0-9]{2}|[1-9][0-9]{3,}");

        // In SQL a regular expression over the attempt list as logged ("502, 200", "502 : 200", ALB's
        // space-separated list): an item followed by a separator and more is an earlier attempt.
        private static BoolExpr Attempts(string name, System.Func<int?, bool> failed, string item) => new BoolFact(
            name,
            c => AnyEarlier(c.Record.UpstreamStatuses, failed),
            sql =>
            {
                sql.Text.Append("COALESCE(");
                sql.RegexMatch(TextLeaf.Column("upstream_statuses", _ => null), "(^|[ ,:])(" + item + ") *([,:]| [^ ,:])");
                sql.Text.Append(", FALSE)");
            },
            100);

        private static bool AnyEarlier(IReadOnlyList<int?> statuses, System.Func<int?, bool> failed)
        {
            for (int i = 0; i < statuses.Count - 1; i++)
            {
                if (failed(statuses[i]))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
