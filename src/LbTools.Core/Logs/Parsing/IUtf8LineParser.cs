using System;

namespace LbTools.Core.Logs.Parsing
{
    /// <summary>A parser that reads the line's UTF-8 bytes directly, so no string is made for the whole line.</summary>
    internal interface IUtf8LineParser : ILogLineParser
    {
        ParseOutcome Parse(ReadOnlySpan<byte> line);
    }
}
