namespace LbTools.Core.Logs
{
    /// <summary>A raw line read from a log source, or a marker that it was too long to keep.</summary>
    public readonly struct LogLine
    {
        public LogLine(long number, string? text, long byteOffset, bool tooLong)
        {
            Number = number;
            Text = text;
            ByteOffset = byteOffset;
            TooLong = tooLong;
        }

        /// <summary>1-based line number in the (decompressed) source.</summary>
        public long Number { get; }

        /// <summary>The line without its terminator; null when <see cref="TooLong"/>.</summary>
        public string? Text { get; }

        /// <summary>Offset of the line's first byte in the decompressed stream.</summary>
        public long ByteOffset { get; }

        public bool TooLong { get; }
    }
}
