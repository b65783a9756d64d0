using System;

namespace LbTools.Core.Logs.Parsing
{
    /// <summary>
    /// Takes the lines that only need counting straight from a parser's field spans, so no
    /// record is built for them (the triage fast path). Called from parser worker threads at
    /// once: implementations are thread-safe.
    /// </summary>
    internal interface ILineCounter
    {
        /// <summary>True when a line with this status only counts (no diagnosis): the parser may hand it to <see cref="Count"/>.</summary>
        bool CountsOnly(int status);

        /// <summary>Counts one line: UTC ticks, status, request and backend time in seconds (NaN when not logged), the backend's UTF-8 address (empty when none).</summary>
        void Count(long utcTicks, int status, double requestTime, double upstreamTime, ReadOnlySpan<byte> backend);
    }

    /// <summary>A parser that can hand count-only lines to an <see cref="ILineCounter"/> instead of building records.</summary>
    internal interface ICountingParser
    {
        ILineCounter? Counter { get; set; }
    }
}
