namespace LbTools.Core.Diagnosis
{
    /// <summary>A path and how often it appeared; Count may exceed the truth by at most Error.</summary>
    public sealed class PathCount
    {
        public PathCount(string path, long count, long error)
        {
            Path = path;
            Count = count;
            Error = error;
        }

        public string Path { get; }

        public long Count { get; }

        public long Error { get; }

        public override string ToString() => Error == 0 ? $"{Path} ({Count})" : $"{Path} (~{Count})";
    }
}
