namespace LbTools.Core.Probes
{
    /// <summary>The -Quiet answer for one target: did every probe pass or only warn?</summary>
    public sealed class TargetVerdict
    {
        public TargetVerdict(string target, bool passed)
        {
            Target = target;
            Passed = passed;
        }

        public string Target { get; }

        public bool Passed { get; }
    }
}
