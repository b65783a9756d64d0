namespace LbTools.Core.Diagnosis
{
    /// <summary>One observed fact that supports (or weakens) a cause.</summary>
    public sealed class Evidence
    {
        public Evidence(string field, string? value, string? threshold, string sentence)
        {
            Field = field;
            Value = value;
            Threshold = threshold;
            Sentence = sentence;
        }

        /// <summary>The record field or probe measurement read, under its vendor name where there is one.</summary>
        public string Field { get; }

        public string? Value { get; }

        /// <summary>The limit or expected value compared against, if any.</summary>
        public string? Threshold { get; }

        public string Sentence { get; }

        public override string ToString() => Sentence;
    }
}
