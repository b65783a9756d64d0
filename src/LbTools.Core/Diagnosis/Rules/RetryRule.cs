using System.Globalization;
using System.Linq;

namespace LbTools.Core.Diagnosis.Rules
{
    /// <summary>nginx-style attempt lists such as "502, 200": an earlier upstream attempt failed and another server was tried.</summary>
    internal sealed class RetryRule : IDiagnosisRule
    {
        public void Apply(RuleContext context, CandidateSet candidates)
        {
            var statuses = context.Record.UpstreamStatuses;
            if (statuses.Count < 2)
            {
                return;
            }

            var addresses = context.Record.UpstreamAddresses;
            bool lastSucceeded = context.Status < 400 && context.Status > 0;
            int score = lastSucceeded ? 90 : 50;
            for (int i = 0; i < statuses.Count - 1; i++)
            {
                var attempt = statuses[i];
                if (attempt != null && attempt < 500)
                {
                    continue;
                }

                string address = i < addresses.Count ? addresses[i] : "?";
                string value = string.Join(", ", statuses.Select(s => s?.ToString(CultureInfo.InvariantCulture) ?? "-"));
                string id = attempt == 504 ? "504.UpstreamAttemptTimedOut" : "502.UpstreamAttemptFailed";
                string sentence = $"Attempt {i + 1} to {address} ended with {attempt?.ToString(CultureInfo.InvariantCulture) ?? "no status"} before the next server was tried.";
                string why = lastSucceeded
                    ? "The client got a success, but the attempt list shows a failed upstream server that the retry hid."
                    : "An earlier attempt failed as well; the last attempt decides the status.";
                candidates.Add(id, score, why, new Evidence("upstream_status", value, null, sentence));
            }
        }
    }
}
