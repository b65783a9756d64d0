namespace LbTools.Core.Logs.Sources
{
    /// <summary>
    /// A stream that can go on with another file (a followed log after rotation), so the line
    /// reader numbers the new file's lines from 1 and gives offsets within it.
    /// </summary>
    internal interface IRestartingStream
    {
        /// <summary>Bytes handed out before the current file's first byte (0 before any restart).</summary>
        long CurrentFileStartsAt { get; }

        /// <summary>The file position that first byte came from (after a byte order mark).</summary>
        long CurrentFileFirstPosition { get; }
    }
}
