namespace LbTools.Core.Logs.Parsing
{
    /// <summary>Turns one line of one log format into a record, or says why it cannot.</summary>
    internal interface ILogLineParser
    {
        LogFormat Format { get; }

        ParseOutcome Parse(string line);
    }
}
