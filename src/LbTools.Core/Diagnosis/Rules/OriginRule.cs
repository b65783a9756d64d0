using System.Globalization;
using LbTools.Core.Diagnosis.Rules.Expressions;
using static LbTools.Core.Diagnosis.Rules.Expressions.Col;
using static LbTools.Core.Diagnosis.Rules.Expressions.Facts;

namespace LbTools.Core.Diagnosis.Rules
{
    /// <summary>
    /// Who produced the error. Equal balancer and upstream status means a relayed backend answer —
    /// except for nginx and Tengine (Alibaba), which log their own connect/read failures into
    /// upstream_status too: there only a numeric upstream_header_time proves a backend answer.
    /// The table applies when the backend answered.
    /// </summary>
    internal static class OriginRule
    {
        private static readonly BoolExpr Echo = UpstreamStatus.Eq(Status);

        public static readonly RuleTable Table = new RuleTable("origin", UpstreamStatus.IsNotNull() & BackendAnswered)
        {
            {
                Echo & IsProxyFamily & !HeaderTimeKnown, RuleClause.StatusFromBackend, 75,
                "Equal statuses point at the backend, but this log has no upstream_header_time, so a failure the proxy wrote itself cannot be excluded.",
                c => new[] { StatusEvidence(c) }, Then.Stop
            },
            {
                Echo, RuleClause.StatusFromBackend, 90,
                "The upstream status equals the balancer status and the backend did answer, so the balancer relayed the backend's answer.",
                c => c.IsProxyFamily
                    ? new[] { StatusEvidence(c), new Evidence("upstream_header_time", RuleContext.Number(c.Record.UpstreamHeaderTime ?? 0), null, "The backend sent a response header, so the status is really its own.") }
                    : new[] { StatusEvidence(c) },
                Then.Stop
            },
            { Status.Eq(502) & UpstreamStatus.Eq(500), "502.AppError", 80, "The backend's application failed with 500 and the balancer answered 502.", c => new[] { StatusEvidence(c) } },
            { Status.Eq(502) & UpstreamStatus.Eq(500), "502.BackendCodeMapped", 70, "A backend code other than 502 became 502 at the balancer.", c => new[] { StatusEvidence(c) } },
            { Status.Eq(502) & UpstreamStatus.Ne(500), "502.BackendCodeMapped", 85, "The backend answered a different code and the balancer turned it into 502.", c => new[] { StatusEvidence(c) } },
        };

        private static Evidence StatusEvidence(RuleContext c)
        {
            int status = c.Status;
            int upstream = c.Record.UpstreamStatus!.Value;
            string upstreamText = upstream.ToString(CultureInfo.InvariantCulture);
            return new Evidence(c.UpstreamStatusField, upstreamText, status.ToString(CultureInfo.InvariantCulture),
                upstream == status ? "The backend's own status equals the status sent to the client." : $"The backend answered {upstreamText}, the client got {status}.");
        }
    }
}
