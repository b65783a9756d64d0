namespace LbTools.Core.Logs.Parsing
{
    /// <summary>
    /// A parser that can apply the status and time filters to a valid line before building its
    /// record, answering <see cref="ParseOutcome.FilteredOut"/> for lines they drop. Lines are
    /// still checked in full first, so a bad line is rejected whether or not it would pass.
    /// </summary>
    internal interface IPrefilteringParser
    {
        AccessLogFilter? Prefilter { get; set; }
    }
}
