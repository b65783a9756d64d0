using System;

namespace LbTools.Core.Diagnosis.Rules.Expressions
{
    /// <summary>A condition: true, false or null (unknown, as SQL's three-valued logic has it).</summary>
    internal abstract class BoolExpr : Expr
    {
        public static readonly BoolExpr True = new BoolConst(true);

        public static readonly BoolExpr False = new BoolConst(false);

        public abstract bool? Evaluate(RuleContext context);

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

            internal override void Write(SqlWriter sql)
            {
                Group(sql, _left, 20);
                sql.Text.Append(" AND ");
                Group(sql, _right, 20);
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

            internal override void Write(SqlWriter sql)
            {
                Operand(sql, _left);
                sql.Text.Append(" OR ");
                Operand(sql, _right);
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

            internal override void Write(SqlWriter sql)
            {
                sql.Text.Append("NOT ");
                Group(sql, _operand);
            }
        }

        private sealed class IsTrueExpr : BoolExpr
        {
            private readonly BoolExpr _operand;

            public IsTrueExpr(BoolExpr operand) => _operand = operand;

            public override bool? Evaluate(RuleContext context) => _operand.Evaluate(context) == true;

            internal override void Write(SqlWriter sql)
            {
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

        public BoolFact(string name, Func<RuleContext, bool?> evaluate, Action<SqlWriter> write, int precedence = 0)
        {
            Name = name;
            _evaluate = evaluate;
            _write = write;
            Precedence = precedence;
        }

        /// <summary>0 (always parenthesised when nested) unless the fact says its SQL is a single term.</summary>
        internal override int Precedence { get; }

        /// <summary>The fact's name (BackendAnswered, InBurst...), for documentation and tests.</summary>
        public string Name { get; }

        public override bool? Evaluate(RuleContext context) => _evaluate(context);

        internal override void Write(SqlWriter sql) => _write(sql);
    }
}
