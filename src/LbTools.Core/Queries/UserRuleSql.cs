using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using LbTools.Core.Diagnosis.Rules;
using LbTools.Core.Diagnosis.Rules.Expressions;
using LbTools.Core.Logs;

namespace LbTools.Core.Queries
{
    /// <summary>
    /// A user rule (rule file, <see cref="DeclarativeRule"/>) as a condition over lb_records, when
    /// SQL can say exactly what the rule tests in process; otherwise null with the reason (the rule
    /// then only narrows down in the query's report).
    /// </summary>
    internal static class UserRuleSql
    {
        // Record properties with a canonical column: text columns are compared as text; integer
        // columns print the same in SQL and .NET; double columns only compare as numbers.
        private static readonly Dictionary<string, (string Column, Kind Kind)> Columns = new Dictionary<string, (string, Kind)>(StringComparer.OrdinalIgnoreCase)
        {
            ["Status"] = ("status", Kind.Integer),
            ["UpstreamStatus"] = ("upstream_status", Kind.Integer),
            ["BytesReceived"] = ("bytes_received", Kind.Integer),
            ["BytesSent"] = ("bytes_sent", Kind.Integer),
            ["RequestLength"] = ("request_length", Kind.Integer),
            ["RequestTime"] = ("request_time", Kind.Double),
            ["UpstreamConnectTime"] = ("upstream_connect_time", Kind.Double),
            ["UpstreamHeaderTime"] = ("upstream_header_time", Kind.Double),
            ["UpstreamResponseTime"] = ("upstream_response_time", Kind.Double),
            ["Rtt"] = ("rtt", Kind.Double),
            ["Method"] = ("method", Kind.Text),
            ["Path"] = ("path", Kind.Text),
            ["Query"] = ("query", Kind.Text),
            ["Protocol"] = ("protocol", Kind.Text),
            ["Host"] = ("host", Kind.Text),
            ["Upstream"] = ("upstream", Kind.Text),
            ["ErrorReason"] = ("error_reason", Kind.Text),
            ["ClientAddress"] = ("client_address", Kind.Text),
        };

        private static readonly HashSet<string> RecordProperties = new HashSet<string>(
            typeof(LbLogRecord).GetProperties().Select(p => p.Name), StringComparer.OrdinalIgnoreCase);

        // .NET constructs RE2 (DuckDB) or Java (Trino, SLS) lack or read differently.
        // .NET constructs RE2 (DuckDB) or Java (Trino, SLS) lack or read differently: lookaround,
        // atomic, conditional and named groups, backreferences, \G, \Z, class subtraction.
        private static readonly Regex Unportable = new Regex(@"\(\?(<?[=!]|>|\(|<[A-Za-z_]|')|\\[1-9]|\\k[<']|\\[GZ]|-\[", RegexOptions.CultureInvariant);

        private enum Kind
        {
            Text,
            Integer,
            Double,
        }

        /// <summary>The rule's condition, <see cref="BoolExpr.False"/> when it does not apply to the provider, or null (reason set) when SQL cannot say it.</summary>
        public static BoolExpr? Condition(DeclarativeRule rule, LbProvider provider, out string? reason)
        {
            reason = null;
            if (rule.Providers.Count > 0 && !rule.Providers.Contains(provider))
            {
                return BoolExpr.False;
            }

            if (rule.ProbeKind != null || rule.ProbeReason != null)
            {
                reason = "it needs a probe result";
                return null;
            }

            BoolExpr condition = BoolExpr.True;
            if (rule.Statuses.Count > 0)
            {
                condition &= Col.Status.In(rule.Statuses.Select(s => (double)s).ToArray());
            }

            if (rule.Methods.Count > 0)
            {
                var method = Col.Method.OrElse(string.Empty);
                condition &= rule.Methods.Select(m => method.EqIgnoreCase(m)).Aggregate((a, b) => a | b).IsTrue();
            }

            foreach (var field in rule.Fields)
            {
                var test = Field(field, out reason);
                if (test == null)
                {
                    reason = $"field '{field.Field}': {reason}";
                    return null;
                }

                condition &= test;
            }

            return condition;
        }

        private static BoolExpr? Field(FieldCondition condition, out string? reason)
        {
            reason = null;
            TextExpr text;
            NumExpr? number = null;
            if (Columns.TryGetValue(condition.Field, out var column))
            {
                if (column.Kind == Kind.Text)
                {
                    text = TextLeaf.Column(column.Column, _ => null);
                }
                else
                {
                    number = NumLeaf.Column(column.Column, _ => null);
                    if (column.Kind == Kind.Double && (condition.EqualsValue != null || condition.NotEquals != null || condition.Matches != null))
                    {
                        reason = "a text test on a number with a fraction (.NET and SQL print it differently)";
                        return null;
                    }

                    text = new TextLeaf(column.Column, _ => null, sql => sql.Text.Append("CAST(").Append(SqlText.Identifier(column.Column)).Append(" AS VARCHAR)"));
                }
            }
            else if (RecordProperties.Contains(condition.Field))
            {
                reason = "the record property has no lb_records column";
                return null;
            }
            else
            {
                text = Col.Vendor(condition.Field);
            }

            // In process a missing value reads as '-'.
            var value = text.OrElse("-");
            BoolExpr test = BoolExpr.True;
            if (condition.Present != null)
            {
                test &= condition.Present.Value ? !value.Eq("-") : value.Eq("-");
            }

            if (condition.EqualsValue != null)
            {
                test &= value.EqIgnoreCase(condition.EqualsValue);
            }

            if (condition.NotEquals != null)
            {
                test &= !value.EqIgnoreCase(condition.NotEquals);
            }

            if (condition.Matches != null)
            {
                string pattern = condition.Matches.ToString();
                if (Unportable.IsMatch(pattern))
                {
                    reason = $"the pattern {pattern} uses .NET regex syntax RE2 or Java do not share (lookaround, backreferences, atomic or named groups, inline options)";
                    return null;
                }

                test &= new RegexTest(value, pattern);
            }

            if (condition.AtLeast != null || condition.AtMost != null)
            {
                var n = number ?? new NumLeaf(condition.Field, _ => null, sql =>
                {
                    sql.Text.Append("TRY_CAST(");
                    sql.VendorColumn(condition.Field);
                    sql.Text.Append(" AS DOUBLE)");
                });
                if (condition.AtLeast != null)
                {
                    test &= n.Ge(condition.AtLeast.Value);
                }

                if (condition.AtMost != null)
                {
                    test &= n.Le(condition.AtMost.Value);
                }
            }

            return test.IsTrue();
        }

        /// <summary>A regular-expression search (not anchored), in SQL only: in process the rule runs .NET's own Regex.</summary>
        private sealed class RegexTest : BoolExpr
        {
            private readonly TextExpr _operand;
            private readonly string _pattern;

            public RegexTest(TextExpr operand, string pattern)
            {
                _operand = operand;
                _pattern = pattern;
            }

            public override bool? Evaluate(RuleContext context) => throw new NotSupportedException("User-rule conditions are evaluated in process by DeclarativeRule.");

            internal override void Write(SqlWriter sql) => sql.RegexMatch(_operand, _pattern);
        }
    }
}
