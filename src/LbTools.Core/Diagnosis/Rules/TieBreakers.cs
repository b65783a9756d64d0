using System;
using System.Collections.Generic;
using System.Linq;
using LbTools.Core.Diagnosis.Rules;
using LbTools.Core.Logs;

namespace LbTools.Core.Diagnosis.Rules
{
    /// <summary>
    /// What would decide between tied causes, in the order an operator reaches for it: nginx's
    /// error log (the message nginx writes for each), a Test-LbBackend probe, a log_format variable
    /// the line lacks.
    /// </summary>
    internal static class TieBreakers
    {
        public static IReadOnlyList<string> For(StatusDiagnosis diagnosis, RuleContext context, NginxMessageTable messages)
        {
            var tied = diagnosis.TiedCauses;
            var found = new List<string>();
            if (context.IsProxyFamily && context.FromLog)
            {
                var said = tied
                    .Select(id => (Id: id, Pattern: messages.ForCauses(new[] { id }).FirstOrDefault()))
                    .Where(p => p.Pattern != null)
                    .Select(p => $"\"{p.Pattern!.Example}\" = {p.Id}")
                    .ToArray();
                if (said.Length > 0)
                {
                    found.Add("nginx error log (Resolve-LbStatus -ErrorLogPath; error_log level info keeps the client-side messages): " + string.Join("; ", said));
                }
            }

            var kinds = ProbeCauseMap.KindsConfirming(tied);
            if (kinds.Count > 0)
            {
                string target = context.HasUpstreamAddress ? " on " + context.Record.Upstream : string.Empty;
                found.Add($"Test-LbBackend -Probe {string.Join(",", kinds)}{target}");
            }

            if (context.Provider == LbProvider.Nginx && context.FromLog)
            {
                var missing = new List<string>();
                if (!context.HeaderTimeKnown)
                {
                    missing.Add("$upstream_header_time");
                }

                if (!context.Record.Fields.ContainsKey("upstream_connect_time"))
                {
                    missing.Add("$upstream_connect_time");
                }

                if (ErrorLogJoin.ConnectionOf(context.Record) == null && !context.Record.Fields.ContainsKey("connection"))
                {
                    missing.Add("$connection (joins error-log events by connection)");
                }

                if (missing.Count > 0)
                {
                    found.Add("log_format variables: " + string.Join(", ", missing) + " (Get-LbCause -Triage shows a complete log_format)");
                }
            }

            return found;
        }
    }
}
