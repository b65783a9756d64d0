using System;

namespace LbTools.Core.Logs.Aws
{
    /// <summary>
    /// A tokenizer for AWS lines built on hardware vector instructions (LbTools.Core.Simd, loaded
    /// by <see cref="AwsFieldFinders"/> when the runtime can run it). It gives exactly what
    /// <see cref="AwsFieldSpans.TryFindNarrow"/> gives for the lines it accepts.
    /// </summary>
    internal interface IAwsVectorFieldFinder
    {
        /// <summary>What it runs on, for the Debug stream.</summary>
        string Description { get; }

        /// <summary>
        /// The 16-bit spans of <see cref="AwsFieldSpans.TryFindNarrow"/>; false when it does
        /// not take the line (escapes, a quote inside a field, an unclosed quote, over 32 KiB):
        /// the caller then runs the portable tokenizer, which decides.
        /// </summary>
        bool TryFindNarrow(ReadOnlySpan<byte> line, ref ushort[] spans, out int count);
    }
}
