namespace LbTools.Core.Diagnosis.Rules
{
    /// <summary>One rule: reads the record (and probes) in the context and adds scored candidates.</summary>
    internal interface IDiagnosisRule
    {
        void Apply(RuleContext context, CandidateSet candidates);
    }
}
