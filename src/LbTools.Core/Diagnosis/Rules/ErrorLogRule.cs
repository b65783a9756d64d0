using System.Collections.Generic;
using System.Linq;
using LbTools.Core.Logs.ErrorLog;

namespace LbTools.Core.Diagnosis.Rules
{
    /// <summary>
    /// nginx's own word on a request: each error-log event joined to the record proves the causes
    /// its message maps to (the message table), with the strongest weight (score 97, above a
    /// probe's 95: nginx saw the failure itself, a probe sees the backend later). A cause is taken
    /// when the catalog lists it for the record's status or for the status of a failed earlier
    /// attempt (a "502, 200" retry whose hidden failure the event names).
    /// </summary>
    internal sealed class ErrorLogRule
    {
        public const int ProvenScore = 97;
        private readonly CauseCatalog _catalog;

        public ErrorLogRule(CauseCatalog catalog)
        {
            _catalog = catalog;
        }

        public void Apply(RuleContext context, IReadOnlyList<NginxErrorEvent> events, CandidateSet candidates)
        {
            var statuses = new HashSet<int> { context.Status };
            foreach (var attempt in context.Record.UpstreamStatuses.Take(context.Record.UpstreamStatuses.Count - 1))
            {
                if (attempt is int failed && failed >= 500)
                {
                    statuses.Add(failed);
                }
            }

            foreach (var e in events)
            {
                foreach (var id in e.CauseIds)
                {
                    var cause = _catalog.Find(id);
                    if (cause == null || !cause.StatusCodes.Any(statuses.Contains))
                    {
                        continue;
                    }

                    string level = e.Level.ToString().ToLowerInvariant();
                    var evidence = new Evidence(
                        "error_log",
                        e.Message,
                        null,
                        $"nginx error log {e.SourceFile}:{e.LineNumber} [{level}]{(e.Connection == null ? string.Empty : " *" + e.Connection)}: {e.Message}");
                    candidates.Add(id, ProvenScore, $"nginx wrote why in its error log ({e.MessageId}: {e.MessageSource}).", evidence);
                }
            }
        }
    }
}
