using System;

namespace LbTools.Core.Diagnosis.Rules.Expressions
{
    /// <summary>A condition: true, false or null (unknown, as SQL's three-valued logic has it).</summary>
    internal abstract class BoolExpr : Expr
    {
        public static readonly BoolExpr True = new BoolConst(true);

        public static readonly BoolExpr False = new BoolConst(false);

        public abstract bool? Evaluate(RuleContext context);

        /// <summary>The value when the compiled query knows it already (a provider fact such as IsProxyFamily); null when the record decides.</summary>
        internal virtual bool? ConstantIn(SqlWriter sql) => null;

        /// <summary>The status the condition requires (status = N in an AND chain), or null: two conditions requiring different statuses never hold together.</summary>
        internal virtual int? RequiredStatus() => null;

        /// <summary>Writes TRUE or FALSE when the value is known to the query; false when the node must write itself.</summary>
        protected bool WriteConstant(SqlWriter sql)
        {
            bool? constant = ConstantIn(sql);
            if (constant == null)
            {
                return false;
            }

            sql.Text.Append(constant.Value ? "TRUE" : "FALSE");
            return true;
        }

        /// <summary>True only when the condition is true: the test a clause's condition must pass.</summary>
        public bool Holds(RuleContext context) => Evaluate(context) == true;

        /// <summary>SQL AND: false wins over null, null over true.</summary>
        public static BoolExpr operator &(BoolExpr left, BoolExpr right) => new And(left, right);

        /// <summary>SQL OR: true wins over null, null over false.</summary>
        public static BoolExpr operator |(BoolExpr left, BoolExpr right) => new Or(left, right);

        /// <summary>SQL NOT: null stays null.</summary>
        public static BoolExpr operator !(BoolExpr operand) => new Not(operand);

        /// <summary>The condition with null taken as false (COALESCE(x, FALSE)): never null, so its negation is the "otherwise" branch.</summary>
        public BoolExpr IsTrue() => new IsTrueExpr(this);

        private sealed class BoolConst : BoolExpr
        {
            private readonly bool _value;

            public BoolConst(bool value) => _value = value;

            public override bool? Evaluate(RuleContext context) => _value;

            internal override bool? ConstantIn(SqlWriter sql) => _value;

            internal override void Write(SqlWriter sql) => sql.Text.Append(_value ? "TRUE" : "FALSE");
        }

        private sealed class And : BoolExpr
        {
            private readonly BoolExpr _left;
            private readonly BoolExpr _right;

            public And(BoolExpr left, BoolExpr right)
            {
                _left = left ?? throw new ArgumentNullException(nameof(left));
                _right = right ?? throw new ArgumentNullException(nameof(right));
            }

            public override bool? Evaluate(RuleContext context)
            {
                bool? left = _left.Evaluate(context);
                if (left == false)
                {
                    return false;
                }

                bool? right = _right.Evaluate(context);
                if (right == false)
                {
                    return false;
                }

                return left == null || right == null ? null : (bool?)true;
            }

            internal override int Precedence => 20;

            internal override bool? ConstantIn(SqlWriter sql)
            {
                bool? left = _left.ConstantIn(sql), right = _right.ConstantIn(sql);
                return left == false || right == false ? false : left == true && right == true ? true : (bool?)null;
            }

            internal override int? RequiredStatus() => _left.RequiredStatus() ?? _right.RequiredStatus();

            internal override void Write(SqlWriter sql)
            {
                if (WriteConstant(sql))
                {
                    return;
                }

                // TRUE AND x is x.
                bool leftKnown = _left.ConstantIn(sql) == true, rightKnown = _right.ConstantIn(sql) == true;
                if (!leftKnown)
                {
                    Group(sql, _left, 20);
                }

                if (!leftKnown && !rightKnown)
                {
                    sql.Text.Append(" AND ");
                }

                if (!rightKnown)
                {
                    Group(sql, _right, 20);
                }
            }
        }

        private sealed class Or : BoolExpr
        {
            private readonly BoolExpr _left;
            private readonly BoolExpr _right;

            public Or(BoolExpr left, BoolExpr right)
            {
                _left = left ?? throw new ArgumentNullException(nameof(left));
                _right = right ?? throw new ArgumentNullException(nameof(right));
            }

            public override bool? Evaluate(RuleContext context)
            {
                bool? left = _left.Evaluate(context);
                if (left == true)
                {
                    return true;
                }

                bool? right = _right.Evaluate(context);
                if (right == true)
                {
                    return true;
                }

                return left == null || right == null ? null : (bool?)false;
            }

            internal override int Precedence => 10;

            internal override bool? ConstantIn(SqlWriter sql)
            {
                bool? left = _left.ConstantIn(sql), right = _right.ConstantIn(sql);
                return left == true || right == true ? true : left == false && right == false ? false : (bool?)null;
            }

            internal override void Write(SqlWriter sql)
            {
                if (WriteConstant(sql))
                {
                    return;
                }

                // FALSE OR x is x.
                bool leftKnown = _left.ConstantIn(sql) == false, rightKnown = _right.ConstantIn(sql) == false;
                if (!leftKnown)
                {
                    Operand(sql, _left);
                }

                if (!leftKnown && !rightKnown)
                {
                    sql.Text.Append(" OR ");
                }

                if (!rightKnown)
                {
                    Operand(sql, _right);
                }
            }

            // AND inside OR is parenthesised for the reader; OR inside OR is not.
            private static void Operand(SqlWriter sql, BoolExpr operand) => Group(sql, operand, operand is Or ? 10 : 21);
        }

        private sealed class Not : BoolExpr
        {
            private readonly BoolExpr _operand;

            public Not(BoolExpr operand) => _operand = operand ?? throw new ArgumentNullException(nameof(operand));

            public override bool? Evaluate(RuleContext context) => !_operand.Evaluate(context);

            internal override int Precedence => 30;

            internal override bool? ConstantIn(SqlWriter sql) => !_operand.ConstantIn(sql);

            internal override void Write(SqlWriter sql)
            {
                if (WriteConstant(sql))
                {
                    return;
                }

                sql.Text.Append("NOT ");
                Group(sql, _operand);
            }
        }

        private sealed class IsTrueExpr : BoolExpr
        {
            private readonly BoolExpr _operand;

            public IsTrueExpr(BoolExpr operand) => _operand = operand;

            public override bool? Evaluate(RuleContext context) => _operand.Evaluate(context) == true;

            internal override bool? ConstantIn(SqlWriter sql) => _operand.ConstantIn(sql) is bool value ? value : (bool?)null;

            internal override int? RequiredStatus() => _operand.RequiredStatus();

            internal override void Write(SqlWriter sql)
            {
                if (WriteConstant(sql))
                {
                    return;
                }

                sql.Text.Append("COALESCE(");
                _operand.Write(sql);
                sql.Text.Append(", FALSE)");
            }
        }
    }

    /// <summary>A condition computed in process by a delegate and written as fixed SQL (a fact the compiler knows per provider or engine).</summary>
    internal sealed class BoolFact : BoolExpr
    {
        private readonly Func<RuleContext, bool?> _evaluate;
        private readonly Action<SqlWriter> _write;

        private readonly Func<SqlWriter, bool?>? _constant;

        public BoolFact(string name, Func<RuleContext, bool?> evaluate, Action<SqlWriter> write, int precedence = 0)
        {
            Name = name;
            _evaluate = evaluate;
            _write = write;
            Precedence = precedence;
        }

        /// <summary>A fact the compiled query knows (per provider or shape): written as TRUE or FALSE and folded away.</summary>
        public BoolFact(string name, Func<RuleContext, bool?> evaluate, Func<SqlWriter, bool> constant)
            : this(name, evaluate, sql => sql.Text.Append(constant(sql) ? "TRUE" : "FALSE"), 100)
        {
            _constant = sql => constant(sql);
        }

        internal override bool? ConstantIn(SqlWriter sql) => _constant?.Invoke(sql);

        /// <summary>0 (always parenthesised when nested) unless the fact says its SQL is a single term.</summary>
        internal override int Precedence { get; }

        /// <summary>The fact's name (BackendAnswered, InBurst...), for documentation and tests.</summary>
        public string Name { get; }

        public override bool? Evaluate(RuleContext context) => _evaluate(context);

        internal override void Write(SqlWriter sql) => _write(sql);
    }

    /// <summary>x IS NULL / x IS NOT NULL: never null itself.</summary>
    internal sealed class NullTest : BoolExpr
    {
        private readonly Expr _operand;
        private readonly Func<RuleContext, bool> _missing;
        private readonly bool _isNull;

        public NullTest(Expr operand, Func<RuleContext, bool> missing, bool isNull)
        {
            _operand = operand;
            _missing = missing;
            _isNull = isNull;
        }

        internal override int Precedence => 40;

        public override bool? Evaluate(RuleContext context) => _missing(context) == _isNull;

        internal override void Write(SqlWriter sql)
        {
            Group(sql, _operand, 50);
            sql.Text.Append(_isNull ? " IS NULL" : " IS NOT NULL");
        }
    }
}
