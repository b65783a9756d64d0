using System;
using LbTools.Core.Logs;

namespace LbTools.Core.Triage
{
    /// <summary>Connects the aggregator to parsers that can count a line from its fields without building a record.</summary>
    internal static class FastPath
    {
        public static IDisposable Attach(AccessLogReadOptions readOptions, TriageOptions options, TriageAggregator aggregator) => Nothing.Instance;

        private sealed class Nothing : IDisposable
        {
            public static readonly Nothing Instance = new Nothing();

            public void Dispose()
            {
            }
        }
    }
}
