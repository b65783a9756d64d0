using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using LbTools.Core.Diagnosis.Rules.Expressions;
using static LbTools.Core.Diagnosis.Rules.Expressions.Col;
using static LbTools.Core.Diagnosis.Rules.Expressions.Facts;

namespace LbTools.Core.Diagnosis.Rules
{
    /// <summary>nginx-style attempt lists such as "502, 200": an earlier upstream attempt failed and another server was tried.</summary>
    internal static class RetryRule
    {
        private const string HiddenByRetry = "The client got a success, but the attempt list shows a failed upstream server that the retry hid.";
        private const string AlsoFailed = "An earlier attempt failed as well; the last attempt decides the status.";

        private static readonly BoolExpr LastSucceeded = Status.Lt(400) & Status.Gt(0);

        public static readonly RuleTable Table = new RuleTable("retries", EarlierAttemptFailed)
        {
            { EarlierAttemptFailedOtherwise & LastSucceeded, "502.UpstreamAttemptFailed", 90, HiddenByRetry, c => Attempts(c, "502.UpstreamAttemptFailed") },
            { EarlierAttemptFailedOtherwise & !LastSucceeded, "502.UpstreamAttemptFailed", 50, AlsoFailed, c => Attempts(c, "502.UpstreamAttemptFailed") },
            { EarlierAttemptTimedOut & LastSucceeded, "504.UpstreamAttemptTimedOut", 90, HiddenByRetry, c => Attempts(c, "504.UpstreamAttemptTimedOut") },
            { EarlierAttemptTimedOut & !LastSucceeded, "504.UpstreamAttemptTimedOut", 50, AlsoFailed, c => Attempts(c, "504.UpstreamAttemptTimedOut") },
        };

        // One evidence line per failed attempt that maps to the cause, in attempt order.
        private static Evidence[] Attempts(RuleContext c, string causeId)
        {
            var statuses = c.Record.UpstreamStatuses;
            var addresses = c.Record.UpstreamAddresses;
            string value = string.Join(", ", statuses.Select(s => s?.ToString(CultureInfo.InvariantCulture) ?? "-"));
            var evidence = new List<Evidence>();
            for (int i = 0; i < statuses.Count - 1; i++)
            {
                var attempt = statuses[i];
                if (attempt != null && attempt < 500 || (attempt == 504 ? "504.UpstreamAttemptTimedOut" : "502.UpstreamAttemptFailed") != causeId)
                {
                    continue;
                }

                string address = i < addresses.Count ? addresses[i] : "?";
                evidence.Add(new Evidence("upstream_status", value, null, $"Attempt {i + 1} to {address} ended with {attempt?.ToString(CultureInfo.InvariantCulture) ?? "no status"} before the next server was tried."));
            }

            return evidence.ToArray();
        }
    }
}
