using System;
using System.Globalization;
using System.Linq;
using LbTools.Core.Queries;

namespace LbTools.Core.Diagnosis.Rules.Expressions
{
    /// <summary>Text (a method, a vendor field): null when the record has no value.</summary>
    internal abstract class TextExpr : Expr
    {
        public abstract string? Evaluate(RuleContext context);

        public static implicit operator TextExpr(string value) => new TextConst(value);

        /// <summary>Ordinal (case-sensitive) equality, as SQL '=' on VARCHAR.</summary>
        public BoolExpr Eq(string value) => new TextTest(this, TextTest.Kind.Equals, value);

        /// <summary>Equality ignoring ASCII case (lower(x) = 'value').</summary>
        public BoolExpr EqIgnoreCase(string value) => new TextTest(this, TextTest.Kind.EqualsIgnoreCase, value);

        public BoolExpr StartsWith(string prefix) => new TextTest(this, TextTest.Kind.StartsWith, prefix);

        public BoolExpr Contains(string part) => new TextTest(this, TextTest.Kind.Contains, part);

        /// <summary>Ordinal membership (SQL IN).</summary>
        public BoolExpr In(params string[] values) => new TextIn(this, values);

        public BoolExpr IsNull() => new NullTest(this, c => Evaluate(c) == null, true);

        public BoolExpr IsNotNull() => new NullTest(this, c => Evaluate(c) == null, false);

        /// <summary>The value, or <paramref name="fallback"/> when it is null (SQL COALESCE).</summary>
        public TextExpr OrElse(TextExpr fallback) => new TextCoalesce(this, fallback);

        /// <summary>The last item of a comma list, trimmed ("forward,waf" -> "waf"; a value without a comma is its own last item).</summary>
        public TextExpr LastItem() => new LastItemExpr(this);

        /// <summary>The number of items of a comma list (commas + 1).</summary>
        public NumExpr ItemCount() => new ItemCountExpr(this);

        /// <summary>The number of characters.</summary>
        public NumExpr Length() => new LengthExpr(this);

        private sealed class TextConst : TextExpr
        {
            private readonly string _value;

            public TextConst(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

            public override string? Evaluate(RuleContext context) => _value;

            internal override void Write(SqlWriter sql) => sql.Text.Append(SqlText.Literal(_value));
        }

        private sealed class TextCoalesce : TextExpr
        {
            private readonly TextExpr _value;
            private readonly TextExpr _fallback;

            public TextCoalesce(TextExpr value, TextExpr fallback)
            {
                _value = value;
                _fallback = fallback;
            }

            public override string? Evaluate(RuleContext context) => _value.Evaluate(context) ?? _fallback.Evaluate(context);

            internal override void Write(SqlWriter sql) => Call(sql, "COALESCE", _value, _fallback);
        }

        private sealed class LastItemExpr : TextExpr
        {
            private readonly TextExpr _list;

            public LastItemExpr(TextExpr list) => _list = list;

            public override string? Evaluate(RuleContext context)
            {
                string? list = _list.Evaluate(context);
                return list?.Substring(list.LastIndexOf(',') + 1).Trim();
            }

            internal override void Write(SqlWriter sql)
            {
                // regexp_extract(x, '[^,]*$') is the text after the last comma on Trino, SLS and DuckDB alike.
                sql.Text.Append("trim(regexp_extract(");
                _list.Write(sql);
                sql.Text.Append(", '[^,]*$'))");
            }
        }

        private sealed class ItemCountExpr : NumExpr
        {
            private readonly TextExpr _list;

            public ItemCountExpr(TextExpr list) => _list = list;

            internal override int Precedence => 60;

            public override double? Evaluate(RuleContext context)
            {
                string? list = _list.Evaluate(context);
                return list == null ? null : (double?)(list.Count(ch => ch == ',') + 1);
            }

            internal override void Write(SqlWriter sql)
            {
                sql.Text.Append("length(");
                _list.Write(sql);
                sql.Text.Append(") - length(replace(");
                _list.Write(sql);
                sql.Text.Append(", ',', '')) + 1");
            }
        }

        private sealed class LengthExpr : NumExpr
        {
            private readonly TextExpr _text;

            public LengthExpr(TextExpr text) => _text = text;

            public override double? Evaluate(RuleContext context) => _text.Evaluate(context)?.Length;

            internal override void Write(SqlWriter sql) => Call(sql, "length", _text);
        }

        private sealed class TextIn : BoolExpr
        {
            private readonly TextExpr _operand;
            private readonly string[] _values;

            public TextIn(TextExpr operand, string[] values)
            {
                if (values == null || values.Length == 0)
                {
                    throw new ArgumentException("IN needs at least one value.", nameof(values));
                }

                _operand = operand;
                _values = values;
            }

            public override bool? Evaluate(RuleContext context)
            {
                string? value = _operand.Evaluate(context);
                return value == null ? null : (bool?)(Array.IndexOf(_values, value) >= 0);
            }

            internal override int Precedence => 40;

            internal override void Write(SqlWriter sql)
            {
                Group(sql, _operand, 50);
                sql.Text.Append(" IN (").Append(string.Join(", ", _values.Select(SqlText.Literal))).Append(')');
            }
        }
    }

    /// <summary>A string test: equality (ordinal or ignoring case), prefix, substring, or a regular expression.</summary>
    internal sealed class TextTest : BoolExpr
    {
        private readonly TextExpr _operand;
        private readonly Kind _kind;
        private readonly string _value;

        public TextTest(TextExpr operand, Kind kind, string value)
        {
            _operand = operand;
            _kind = kind;
            _value = value ?? throw new ArgumentNullException(nameof(value));
        }

        public enum Kind
        {
            Equals,
            EqualsIgnoreCase,
            StartsWith,
            Contains,
        }

        public override bool? Evaluate(RuleContext context)
        {
            string? value = _operand.Evaluate(context);
            if (value == null)
            {
                return null;
            }

            switch (_kind)
            {
                case Kind.Equals: return string.Equals(value, _value, StringComparison.Ordinal);
                case Kind.EqualsIgnoreCase: return string.Equals(value, _value, StringComparison.OrdinalIgnoreCase);
                case Kind.StartsWith: return value.StartsWith(_value, StringComparison.Ordinal);
                default: return value.IndexOf(_value, StringComparison.Ordinal) >= 0;
            }
        }

        internal override int Precedence => 40;

        internal override void Write(SqlWriter sql)
        {
            var text = sql.Text;
            switch (_kind)
            {
                case Kind.Equals:
                    Group(sql, _operand, 50);
                    text.Append(" = ").Append(SqlText.Literal(_value));
                    break;
                case Kind.EqualsIgnoreCase:
                    text.Append("lower(");
                    _operand.Write(sql);
                    text.Append(") = ").Append(SqlText.Literal(_value.ToLowerInvariant()));
                    break;
                case Kind.StartsWith:
                    // substr(x, 1, n) = 'prefix' reads the same on Trino, SLS and DuckDB (no LIKE escapes).
                    text.Append("substr(");
                    _operand.Write(sql);
                    text.Append(", 1, ").Append(_value.Length.ToString(CultureInfo.InvariantCulture)).Append(") = ").Append(SqlText.Literal(_value));
                    break;
                default:
                    text.Append("strpos(");
                    _operand.Write(sql);
                    text.Append(", ").Append(SqlText.Literal(_value)).Append(") > 0");
                    break;
            }
        }
    }

    /// <summary>Text read in process by a delegate and written as fixed SQL (a column).</summary>
    internal sealed class TextLeaf : TextExpr
    {
        private readonly Func<RuleContext, string?> _evaluate;
        private readonly Action<SqlWriter> _write;

        public TextLeaf(string name, Func<RuleContext, string?> evaluate, Action<SqlWriter> write)
        {
            Name = name;
            _evaluate = evaluate;
            _write = write;
        }

        public string Name { get; }

        public override string? Evaluate(RuleContext context) => _evaluate(context);

        internal override void Write(SqlWriter sql) => _write(sql);

        /// <summary>A canonical lb_records column.</summary>
        public static TextLeaf Column(string column, Func<RuleContext, string?> evaluate) =>
            new TextLeaf(column, evaluate, sql => sql.Text.Append(SqlText.Identifier(column)));
    }
}
