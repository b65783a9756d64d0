using System;
using LbTools.Core.Queries;

namespace LbTools.Core.Diagnosis.Rules.Expressions
{
    /// <summary>A number (status, bytes, seconds): null when the record has no value.</summary>
    internal abstract class NumExpr : Expr
    {
        public abstract double? Evaluate(RuleContext context);

        public static implicit operator NumExpr(double value) => new NumConst(value);

        public static NumExpr operator +(NumExpr left, NumExpr right) => new Arithmetic(left, '+', right);

        public static NumExpr operator -(NumExpr left, NumExpr right) => new Arithmetic(left, '-', right);

        public BoolExpr Eq(NumExpr other) => new Compare(this, "=", other);

        public BoolExpr Ne(NumExpr other) => new Compare(this, "<>", other);

        public BoolExpr Lt(NumExpr other) => new Compare(this, "<", other);

        public BoolExpr Le(NumExpr other) => new Compare(this, "<=", other);

        public BoolExpr Gt(NumExpr other) => new Compare(this, ">", other);

        public BoolExpr Ge(NumExpr other) => new Compare(this, ">=", other);

        /// <summary>The value is one of the constants (SQL IN): null when the value is null.</summary>
        public BoolExpr In(params double[] values) => new InList(this, values);

        public BoolExpr IsNull() => new NullTest(this, c => Evaluate(c) == null, true);

        public BoolExpr IsNotNull() => new NullTest(this, c => Evaluate(c) == null, false);

        public NumExpr Abs() => new AbsExpr(this);

        /// <summary>Distance to the nearest whole number (|x - round(x)|).</summary>
        public NumExpr FractionDistance() => new FractionExpr(this);

        /// <summary>The value, or <paramref name="fallback"/> when it is null (SQL COALESCE).</summary>
        public NumExpr OrElse(double fallback) => new Coalesce(this, fallback);

        private sealed class NumConst : NumExpr
        {
            private readonly double _value;

            public NumConst(double value) => _value = value;

            public double Value => _value;

            public override double? Evaluate(RuleContext context) => _value;

            internal override void Write(SqlWriter sql) => sql.Text.Append(SqlWriter.Number(_value));
        }

        private sealed class Arithmetic : NumExpr
        {
            private readonly NumExpr _left;
            private readonly char _operator;
            private readonly NumExpr _right;

            public Arithmetic(NumExpr left, char op, NumExpr right)
            {
                _left = left;
                _operator = op;
                _right = right;
            }

            public override double? Evaluate(RuleContext context)
            {
                double? left = _left.Evaluate(context);
                double? right = _right.Evaluate(context);
                return _operator == '+' ? left + right : left - right;
            }

            internal override int Precedence => 60;

            internal override void Write(SqlWriter sql)
            {
                Group(sql, _left, 60);
                sql.Text.Append(' ').Append(_operator).Append(' ');
                Group(sql, _right, 61);
            }
        }

        private sealed class AbsExpr : NumExpr
        {
            private readonly NumExpr _operand;

            public AbsExpr(NumExpr operand) => _operand = operand;

            public override double? Evaluate(RuleContext context)
            {
                double? value = _operand.Evaluate(context);
                return value == null ? null : (double?)Math.Abs(value.Value);
            }

            internal override void Write(SqlWriter sql) => Call(sql, "abs", _operand);
        }

        private sealed class FractionExpr : NumExpr
        {
            private readonly NumExpr _operand;

            public FractionExpr(NumExpr operand) => _operand = operand;

            public override double? Evaluate(RuleContext context)
            {
                double? value = _operand.Evaluate(context);
                return value == null ? null : (double?)Math.Abs(value.Value - Math.Round(value.Value));
            }

            internal override void Write(SqlWriter sql)
            {
                sql.Text.Append("abs(");
                Group(sql, _operand, 60);
                sql.Text.Append(" - round(");
                _operand.Write(sql);
                sql.Text.Append("))");
            }
        }

        private sealed class Coalesce : NumExpr
        {
            private readonly NumExpr _operand;
            private readonly double _fallback;

            public Coalesce(NumExpr operand, double fallback)
            {
                _operand = operand;
                _fallback = fallback;
            }

            public override double? Evaluate(RuleContext context) => _operand.Evaluate(context) ?? _fallback;

            internal override void Write(SqlWriter sql) => Call(sql, "COALESCE", _operand, (NumExpr)_fallback);
        }

        private sealed class Compare : BoolExpr
        {
            private readonly NumExpr _left;
            private readonly string _operator;
            private readonly NumExpr _right;

            public Compare(NumExpr left, string op, NumExpr right)
            {
                _left = left;
                _operator = op;
                _right = right;
            }

            public override bool? Evaluate(RuleContext context)
            {
                double? left = _left.Evaluate(context);
                if (left == null)
                {
                    return null;
                }

                double? right = _right.Evaluate(context);
                if (right == null)
                {
                    return null;
                }

                double l = left.Value, r = right.Value;
                switch (_operator)
                {
                    case "=": return l == r;
                    case "<>": return l != r;
                    case "<": return l < r;
                    case "<=": return l <= r;
                    case ">": return l > r;
                    default: return l >= r;
                }
            }

            internal override int Precedence => 40;

            internal override int? RequiredStatus() =>
                _operator == "=" && _left is NumLeaf leaf && leaf.Name == "status" && _right is NumConst constant ? (int)constant.Value : (int?)null;

            internal override void Write(SqlWriter sql)
            {
                Group(sql, _left, 50);
                sql.Text.Append(' ').Append(_operator).Append(' ');
                Group(sql, _right, 50);
            }
        }

        private sealed class InList : BoolExpr
        {
            private readonly NumExpr _operand;
            private readonly double[] _values;

            public InList(NumExpr operand, double[] values)
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
                double? value = _operand.Evaluate(context);
                return value == null ? null : (bool?)(Array.IndexOf(_values, value.Value) >= 0);
            }

            internal override int Precedence => 40;

            internal override void Write(SqlWriter sql)
            {
                Group(sql, _operand, 50);
                sql.Text.Append(" IN (");
                for (int i = 0; i < _values.Length; i++)
                {
                    sql.Text.Append(i == 0 ? string.Empty : ", ").Append(SqlWriter.Number(_values[i]));
                }

                sql.Text.Append(')');
            }
        }
    }

    /// <summary>A number read in process by a delegate and written as fixed SQL (a column, a profile parameter).</summary>
    internal sealed class NumLeaf : NumExpr
    {
        private readonly Func<RuleContext, double?> _evaluate;
        private readonly Action<SqlWriter> _write;

        public NumLeaf(string name, Func<RuleContext, double?> evaluate, Action<SqlWriter> write)
        {
            Name = name;
            _evaluate = evaluate;
            _write = write;
        }

        public string Name { get; }

        public override double? Evaluate(RuleContext context) => _evaluate(context);

        internal override void Write(SqlWriter sql) => _write(sql);

        /// <summary>A canonical lb_records column.</summary>
        public static NumLeaf Column(string column, Func<RuleContext, double?> evaluate) =>
            new NumLeaf(column, evaluate, sql => sql.Text.Append(SqlText.Identifier(column)));

        /// <summary>A provider-profile number, written as a literal of the profile the query is compiled with.</summary>
        public static NumLeaf Parameter(string name, Func<ProviderProfile, double?> read) =>
            new NumLeaf(name, c => read(c.Profile), sql =>
            {
                double? value = read(sql.Profile);
                sql.Text.Append(value == null ? "CAST(NULL AS DOUBLE)" : SqlWriter.Number(value.Value));
            });
    }
}
