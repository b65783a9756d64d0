namespace LbTools.Core.Diagnosis.Rules.Expressions
{
    /// <summary>
    /// A named derived fact: its definition is the expression (in SQL it is written out), and in
    /// process the value is computed once per record and kept in the context (several tables read it).
    /// </summary>
    internal sealed class MemoFact : BoolExpr
    {
        private readonly BoolExpr _definition;
        private readonly int _slot;

        public MemoFact(string name, BoolExpr definition, int slot)
        {
            Name = name;
            _definition = definition;
            _slot = slot;
        }

        public string Name { get; }

        internal override int Precedence => _definition.Precedence;

        public override bool? Evaluate(RuleContext context) => context.Memo(_slot, _definition);

        internal override bool? ConstantIn(SqlWriter sql) => _definition.ConstantIn(sql);

        internal override int? RequiredStatus() => _definition.RequiredStatus();

        internal override void Write(SqlWriter sql) => _definition.Write(sql);
    }
}
