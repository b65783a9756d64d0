using System.Collections.Generic;
using LbTools.Core.Logs;

namespace LbTools.Core.Queries
{
    /// <summary>A generated query: the text to paste into the engine, the parameter values written into it, and what it cannot decide.</summary>
    public sealed class LbQuery
    {
        internal LbQuery(QueryEngine engine, LbProvider provider, QueryKind kind, string text, IReadOnlyDictionary<string, string> parameters, IReadOnlyList<string> narrowOnly, IReadOnlyList<string> notes)
        {
            Engine = engine;
            Provider = provider;
            Kind = kind;
            Text = text;
            Parameters = parameters;
            NarrowOnly = narrowOnly;
            Notes = notes;
        }

        public QueryEngine Engine { get; }

        public LbProvider Provider { get; }

        public QueryKind Kind { get; }

        /// <summary>The SQL to run (Athena console, SLS query box, or duckdb).</summary>
        public string Text { get; }

        /// <summary>Each parameter and the SQL literal it was written as.</summary>
        public IReadOnlyDictionary<string, string> Parameters { get; }

        /// <summary>Rules SQL cannot evaluate, each with the causes the query then only narrows down.</summary>
        public IReadOnlyList<string> NarrowOnly { get; }

        /// <summary>What to know before running the text (where to paste it, what it assumes).</summary>
        public IReadOnlyList<string> Notes { get; }

        public override string ToString() => Text;
    }
}
