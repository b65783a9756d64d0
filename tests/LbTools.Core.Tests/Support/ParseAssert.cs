using LbTools.Core.Logs.Parsing;
using LbTools.Core.Logs;

namespace LbTools.Core.Tests.Support;

/// <summary>Parses one line and fails the test with the parser's reason when it is not a record.</summary>
internal static class ParseAssert
{
    public static LbLogRecord Ok(ILogLineParser parser, string line)
    {
        var outcome = parser.Parse(line);
        Assert.True(outcome.IsRecord, outcome.Detail);
        return outcome.Record!;
    }
}
