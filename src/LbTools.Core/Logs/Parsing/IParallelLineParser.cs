namespace LbTools.Core.Logs.Parsing
{
    /// <summary>
    /// A parser whose lines do not depend on the lines before them (no header row, no
    /// <c>#Fields:</c> line), so the lines of one file can be parsed on several threads at once,
    /// each thread with its own copy (parsers keep scratch buffers and caches).
    /// </summary>
    internal interface IParallelLineParser
    {
        /// <summary>A new parser with the same settings and no shared mutable state.</summary>
        ILogLineParser CreateWorkerCopy();
    }
}
