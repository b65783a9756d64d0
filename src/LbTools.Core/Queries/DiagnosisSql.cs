using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using LbTools.Core.Diagnosis;
using LbTools.Core.Diagnosis.Rules;
using LbTools.Core.Diagnosis.Rules.Expressions;
using LbTools.Core.Logs;

namespace LbTools.Core.Queries
{
    /// <summary>
    /// The diagnosis rules as SQL expressions over the canonical record relation <c>lb_records</c>
    /// (one column per <see cref="LbLogRecord"/> property in snake_case, vendor fields as v_name),
    /// compiled from the same clause tables the resolver evaluates.
    /// </summary>
    /// <remarks>
    /// <para>
    /// <see cref="DiagnosisSqlParts.Cause"/> follows <see cref="CandidateSet"/>: a cause keeps its
    /// highest score, the incident cause is every id with the top score (ordinal order, joined by
    /// '|'), and nothing when the top is at or below <see cref="StatusResolver.CatalogOnlyScore"/>.
    /// It is written by score level, highest first: a level's text lists the causes whose clauses
    /// of that score fired, and the first non-empty level is the answer — each clause's condition
    /// appears once, so the text grows with the number of clauses, not with its square.
    /// </para>
    /// <para>
    /// A table's clause that comes after a Stop clause fires only when that clause did not. The
    /// burst test (CLB 503s) is a window function: select <see cref="DiagnosisSqlParts.Cause"/> in a
    /// projection over lb_records (after any WHERE that the in-process run also applies), not in
    /// GROUP BY. Probes and the nginx error log are not part of a query by nature; they are listed in
    /// <see cref="DiagnosisSqlParts.NarrowOnly"/> with the causes they could still decide between.
    /// </para>
    /// </remarks>
    internal static class DiagnosisSql
    {
        public static DiagnosisSqlParts Compile(LbProvider provider, QueryEngine engine, ProviderProfile profile, CauseCatalog catalog) =>
            Compile(provider, engine, profile, catalog, null);

        /// <summary>As <see cref="Compile(LbProvider, QueryEngine, ProviderProfile, CauseCatalog)"/> with user rules (rule files) after the built-in tables.</summary>
        public static DiagnosisSqlParts Compile(LbProvider provider, QueryEngine engine, ProviderProfile profile, CauseCatalog catalog, IEnumerable<DeclarativeRule>? userRules)
        {
            if (profile == null)
            {
                throw new ArgumentNullException(nameof(profile));
            }

            if (catalog == null)
            {
                throw new ArgumentNullException(nameof(catalog));
            }

            var sql = new SqlWriter(engine, provider, profile);
            var narrowOnly = new List<string>();
            var clauses = Clauses(sql, catalog, userRules, narrowOnly);
            string cause = CauseSql(sql, provider, catalog, clauses);
            narrowOnly.Add("probes (Test-LbBackend, -Probe): a probe confirms (95) or rules out (5) a cause at the backend it reached; the query cannot run them. They decide between "
                + string.Join(", ", ProbeDecided(CauseIds(provider, catalog, userRules))) + ".");
            if (provider == LbProvider.Nginx)
            {
                // Only nginx users hold the proxy's error log; the managed balancers keep theirs.
                narrowOnly.Add("nginx error log (-ErrorLogPath): a message that names the failure proves its cause (97); the query reads only the access log. It names "
                    + string.Join(", ", NginxMessageTable.BuiltIn.Patterns.Select(p => p.CauseId).Distinct(StringComparer.Ordinal).OrderBy(id => id, StringComparer.Ordinal)) + ".");
            }
            return new DiagnosisSqlParts(NeedsDiagnosis.ToSql(sql), cause, narrowOnly);
        }

        /// <summary>
        /// StatusResolver.NeedsDiagnosis as an expression: an error (400 and up), 000 or a 1xx other
        /// than 101 (and nginx's 009) passed on, or a success after a failed earlier attempt.
        /// </summary>
        internal static readonly BoolExpr NeedsDiagnosis =
            Col.Status.IsNotNull() & (Col.Status.Ge(400) | Col.Status.Lt(200) & Col.Status.Ne(101) | Facts.EarlierAttemptFailed);

        /// <summary>Every cause id the provider's SQL can name: its tables' causes, the user rules' and the non-standard status flag (ordinal order).</summary>
        internal static IReadOnlyList<string> CauseIds(LbProvider provider, CauseCatalog catalog, IEnumerable<DeclarativeRule>? userRules = null) =>
            Clauses(new SqlWriter(QueryEngine.DuckDb, provider, ProviderProfile.For(provider)), catalog, userRules, new List<string>()).Select(c => c.CauseId)
                .Concat(catalog.Find(StatusResolver.NonStandardStatusId) == null ? Array.Empty<string>() : new[] { StatusResolver.NonStandardStatusId })
                .Distinct(StringComparer.Ordinal)
                .OrderBy(id => id, StringComparer.Ordinal)
                .ToArray();

        /// <summary>The statuses whose catalog causes include one other than the non-standard flag: outside them a record with no rule evidence is flagged.</summary>
        internal static IReadOnlyList<int> KnownStatuses(LbProvider provider, CauseCatalog catalog) =>
            catalog.Causes.Where(c => c.Id != StatusResolver.NonStandardStatusId && c.AppliesTo(provider))
                .SelectMany(c => c.StatusCodes).Distinct().OrderBy(s => s).ToArray();

        /// <summary>One clause as the query sees it: its effective condition (table guard, earlier stops) and a concrete cause id.</summary>
        internal sealed class CompiledClause
        {
            public CompiledClause(string table, BoolExpr condition, string causeId, int score)
            {
                Table = table;
                Condition = condition;
                CauseId = causeId;
                Score = score;
            }

            public string Table { get; }

            public BoolExpr Condition { get; }

            public string CauseId { get; }

            public int Score { get; }
        }

        internal static IReadOnlyList<CompiledClause> Clauses(SqlWriter sql, CauseCatalog catalog, IEnumerable<DeclarativeRule>? userRules, List<string> narrowOnly)
        {
            var provider = sql.Provider;
            var compiled = new List<CompiledClause>();
            foreach (var table in RuleTables.For(provider))
            {
                var stops = new List<BoolExpr>();
                foreach (var clause in table.Clauses)
                {
                    var condition = table.AppliesWhen & clause.When;

                    // A Stop clause that fired skips the rest; one that requires another status never fired with this one.
                    int? status = clause.When.RequiredStatus();
                    foreach (var stop in stops.Where(s => status == null || s.RequiredStatus() == null || s.RequiredStatus() == status))
                    {
                        condition &= !stop;
                    }

                    if (clause.Stop)
                    {
                        stops.Add(clause.When.IsTrue());
                    }

                    if (condition.ConstantIn(sql) == false)
                    {
                        continue;
                    }

                    if (clause.CauseId == RuleClause.StatusFromBackend)
                    {
                        foreach (var id in RuleTable.FromBackendIds(catalog).OrderBy(id => id, StringComparer.Ordinal))
                        {
                            compiled.Add(new CompiledClause(table.Name, condition & Col.Status.Eq(RuleTable.FromBackendStatus(id)!.Value), id, clause.Score));
                        }
                    }
                    else
                    {
                        compiled.Add(new CompiledClause(table.Name, condition, clause.CauseId, clause.Score));
                    }
                }
            }

            foreach (var rule in userRules ?? Enumerable.Empty<DeclarativeRule>())
            {
                var condition = UserRuleSql.Condition(rule, provider, out string? reason);
                if (condition?.ConstantIn(sql) == false)
                {
                    continue;
                }

                if (condition == null)
                {
                    narrowOnly.Add($"rule '{rule.Name}' ({reason}): the query cannot evaluate it; {rule.CauseId} can only be narrowed down by running the rule in process (Invoke-LbTriage -RulePath).");
                    continue;
                }

                compiled.Add(new CompiledClause("rule " + rule.Name, condition, rule.CauseId, rule.Score));
            }

            return compiled;
        }

        private static string CauseSql(SqlWriter sql, LbProvider provider, CauseCatalog catalog, IReadOnlyList<CompiledClause> clauses)
        {
            var levels = new List<string>();
            foreach (var level in clauses.Where(c => c.Score > StatusResolver.CatalogOnlyScore).GroupBy(c => c.Score).OrderByDescending(g => g.Key))
            {
                var text = new StringBuilder();
                foreach (var cause in level.GroupBy(c => c.CauseId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
                {
                    BoolExpr any = cause.Select(c => c.Condition).Aggregate((a, b) => a | b);
                    text.Append(text.Length == 0 ? string.Empty : " || ")
                        .Append("CASE WHEN ").Append(any.ToSql(sql)).Append(" THEN ").Append(SqlText.Literal("|" + cause.Key)).Append(" ELSE '' END");
                }

                levels.Add($"NULLIF({text}, '')");
            }

            if (catalog.Find(StatusResolver.NonStandardStatusId) != null)
            {
                // No rule proposed anything (a higher level would have answered) and the catalog knows no other cause for the status.
                BoolExpr flagged = Col.Status.In(KnownStatuses(provider, catalog).Select(s => (double)s).DefaultIfEmpty(-1).ToArray()).IsTrue();
                flagged = !flagged;
                var low = clauses.Where(c => c.Score <= StatusResolver.CatalogOnlyScore).Select(c => c.Condition).ToArray();
                if (low.Length > 0)
                {
                    flagged &= !low.Aggregate((a, b) => a | b).IsTrue();
                }

                levels.Add($"CASE WHEN {flagged.ToSql(sql)} THEN {SqlText.Literal("|" + StatusResolver.NonStandardStatusId)} END");
            }

            if (levels.Count == 0)
            {
                return "CAST(NULL AS VARCHAR)";
            }

            string chain = levels.Count == 1 ? levels[0] : "COALESCE(" + string.Join(", ", levels) + ")";
            return $"substr({chain}, 2)";
        }

        private static IEnumerable<string> ProbeDecided(IEnumerable<string> causeIds) =>
            causeIds.Where(id => ProbeCauseMap.KindsConfirming(new[] { id }).Count > 0);
    }

    /// <summary>The pieces a triage query is built from.</summary>
    internal sealed class DiagnosisSqlParts
    {
        public DiagnosisSqlParts(string needsDiagnosis, string cause, IReadOnlyList<string> narrowOnly)
        {
            NeedsDiagnosis = needsDiagnosis;
            Cause = cause;
            NarrowOnly = narrowOnly;
            VendorColumns = System.Text.RegularExpressions.Regex.Matches(needsDiagnosis + " " + cause, "\"(v_[a-z0-9_]+)\"")
                .Cast<System.Text.RegularExpressions.Match>().Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).OrderBy(c => c, StringComparer.Ordinal).ToArray();
        }

        /// <summary>The vendor columns (v_name) the expressions read: lb_records must have them (VARCHAR, NULL for '-' or empty).</summary>
        public IReadOnlyList<string> VendorColumns { get; }

        /// <summary>A boolean SQL expression: the record gets a diagnosis (StatusResolver.NeedsDiagnosis).</summary>
        public string NeedsDiagnosis { get; }

        /// <summary>A VARCHAR SQL expression: the incident cause (an id, a tie "A|B" in ordinal order, or NULL for no evidence).</summary>
        public string Cause { get; }

        /// <summary>Rules SQL cannot evaluate, each with the causes it can then only narrow down.</summary>
        public IReadOnlyList<string> NarrowOnly { get; }
    }
}
