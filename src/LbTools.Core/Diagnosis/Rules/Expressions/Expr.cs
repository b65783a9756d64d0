using System.Text;

namespace LbTools.Core.Diagnosis.Rules.Expressions
{
    /// <summary>
    /// A condition-expression node over one record: evaluated in process against a
    /// <see cref="RuleContext"/> and written as SQL over the canonical <c>lb_records</c> columns.
    /// Both sides follow SQL's three-valued logic: a missing value (null) compares to nothing, and
    /// a clause whose condition is null does not fire.
    /// </summary>
    internal abstract class Expr
    {
        /// <summary>Writes the node as SQL of the writer's engine.</summary>
        internal abstract void Write(SqlWriter sql);

        /// <summary>The node as SQL text for one engine, provider shape and profile.</summary>
        public string ToSql(SqlWriter sql)
        {
            int start = sql.Text.Length;
            Write(sql);
            string text = sql.Text.ToString(start, sql.Text.Length - start);
            sql.Text.Length = start;
            return text;
        }

        /// <summary>How tightly the node's SQL binds: 100 a single term, 60 + and -, 40 a comparison, 30 NOT, 20 AND, 10 OR.</summary>
        internal virtual int Precedence => 100;

        /// <summary>The node as SQL, parenthesised when it binds less tightly than <paramref name="minimum"/>.</summary>
        protected static void Group(SqlWriter sql, Expr inner, int minimum = 100)
        {
            if (inner.Precedence >= minimum)
            {
                inner.Write(sql);
                return;
            }

            sql.Text.Append('(');
            inner.Write(sql);
            sql.Text.Append(')');
        }

        protected static void Call(SqlWriter sql, string function, params Expr[] arguments)
        {
            StringBuilder text = sql.Text;
            text.Append(function).Append('(');
            for (int i = 0; i < arguments.Length; i++)
            {
                if (i > 0)
                {
                    text.Append(", ");
                }

                arguments[i].Write(sql);
            }

            text.Append(')');
        }
    }
}
