using System.Globalization;
using LbTools.Core.Logs;

namespace LbTools.Core.Diagnosis.Rules
{
    /// <summary>
    /// Who produced the error. Equal balancer and upstream status means a relayed backend answer —
    /// except for nginx and Tengine (Alibaba), which log their own connect/read failures into
    /// upstream_status too: there only a numeric upstream_header_time proves a backend answer.
    /// </summary>
    internal sealed class OriginRule : IDiagnosisRule
    {
        public void Apply(RuleContext context, CandidateSet candidates)
        {
            var record = context.Record;
            int status = context.Status;
            if (record.UpstreamStatus == null || !context.BackendAnswered)
            {
                return;
            }

            int upstream = record.UpstreamStatus.Value;
            string upstreamText = upstream.ToString(CultureInfo.InvariantCulture);
            var statusEvidence = new Evidence(context.UpstreamStatusField, upstreamText, status.ToString(CultureInfo.InvariantCulture),
                upstream == status ? "The backend's own status equals the status sent to the client." : $"The backend answered {upstreamText}, the client got {status}.");

            if (upstream == status)
            {
                if (context.IsProxyFamily && !context.HeaderTimeKnown)
                {
                    candidates.AddIfListed($"{status}.FromBackend", 75,
                        "Equal statuses point at the backend, but this log has no upstream_header_time, so a failure the proxy wrote itself cannot be excluded.",
                        statusEvidence);
                    return;
                }

                var evidence = context.IsProxyFamily
                    ? new[] { statusEvidence, new Evidence("upstream_header_time", RuleContext.Number(record.UpstreamHeaderTime ?? 0), null, "The backend sent a response header, so the status is really its own.") }
                    : new[] { statusEvidence };
                candidates.AddIfListed($"{status}.FromBackend", 90, "The upstream status equals the balancer status and the backend did answer, so the balancer relayed the backend's answer.", evidence);
                return;
            }

            if (status == 502)
            {
                if (upstream == 500)
                {
                    candidates.Add("502.AppError", 80, "The backend's application failed with 500 and the balancer answered 502.", statusEvidence);
                    candidates.Add("502.BackendCodeMapped", 70, "A backend code other than 502 became 502 at the balancer.", statusEvidence);
                }
                else
                {
                    candidates.Add("502.BackendCodeMapped", 85, "The backend answered a different code and the balancer turned it into 502.", statusEvidence);
                }
            }
        }
    }
}
