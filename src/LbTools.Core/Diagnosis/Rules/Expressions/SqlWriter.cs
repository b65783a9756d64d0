using System;
using System.Text;
using LbTools.Core.Logs;
using LbTools.Core.Queries;

namespace LbTools.Core.Diagnosis.Rules.Expressions
{
    /// <summary>
    /// Where expressions write their SQL: the engine (dialect), the provider and which canonical
    /// columns its relation has (compile-time facts), and the profile whose numbers become literals.
    /// </summary>
    internal sealed class SqlWriter
    {
        public SqlWriter(QueryEngine engine, LbProvider provider, ProviderProfile profile)
        {
            Engine = engine;
            Provider = provider;
            Profile = profile ?? throw new ArgumentNullException(nameof(profile));
            Shape = RecordShape.For(provider);
        }

        public QueryEngine Engine { get; }

        public LbProvider Provider { get; }

        public ProviderProfile Profile { get; }

        public RecordShape Shape { get; }

        public StringBuilder Text { get; } = new StringBuilder();

        /// <summary>A number literal: integers without a fraction (status = 502), others through <see cref="SqlText.Literal(double)"/>.</summary>
        public static string Number(double value) =>
            value == Math.Floor(value) && Math.Abs(value) < 1e15 ? SqlText.Literal((long)value) : SqlText.Literal(value);

        /// <summary>The vendor field's v_ column, or a typed NULL when the provider's relation has no such column (a header the logstore does not record).</summary>
        public void VendorColumn(string field)
        {
            string column = Col.VendorColumn(field);
            Text.Append(Shape.Has(column) ? SqlText.Identifier(column) : "CAST(NULL AS VARCHAR)");
        }

        /// <summary>regexp_like on Trino and SLS, regexp_matches on DuckDB (both search, not anchor).</summary>
        public void RegexMatch(Expr operand, string pattern)
        {
            Text.Append(Engine == QueryEngine.DuckDb ? "regexp_matches(" : "regexp_like(");
            operand.Write(this);
            Text.Append(", ").Append(SqlText.Literal(pattern)).Append(')');
        }
    }
}
