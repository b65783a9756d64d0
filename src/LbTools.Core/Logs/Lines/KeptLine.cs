using System;
using System.Buffers.Binary;

namespace LbTools.Core.Logs.Lines
{
    /// <summary>
    /// The bytes of one parsed line and where its fields are, in a single array that a record
    /// holds until its text is read: the line first, then per field its start and length
    /// (16-bit each for lines up to <see cref="NarrowLimit"/>, 32-bit otherwise) with the top bit
    /// of the length set when the field holds \" or \\ escapes (AWS quoting; nginx never sets
    /// it), then a 5-byte trailer: the field count and a width flag.
    /// One allocation a line: no wrapper object, no int[] of spans.
    /// </summary>
    internal static class KeptLine
    {
        /// <summary>The longest line whose offsets fit in 15 bits (the 16th is the escape flag).</summary>
        public const int NarrowLimit = 0x7FFF;

        private const int TrailerBytes = 5;

        /// <summary>
        /// Copies a line of at most <see cref="NarrowLimit"/> bytes and its 16-bit (start,
        /// length|escaped) pairs, as <see cref="Aws.AwsFieldSpans.TryFindNarrow"/> writes them.
        /// </summary>
        public static byte[] CopyNarrow(ReadOnlySpan<byte> line, ushort[] spans, int count)
        {
            var data = new byte[line.Length + (count * 4) + TrailerBytes];
            line.CopyTo(data);
            int o = line.Length;
            if (BitConverter.IsLittleEndian)
            {
                // The pairs are already in the kept layout (little-endian start, length|escaped).
                Buffer.BlockCopy(spans, 0, data, o, count * 4);
                o += count * 4;
            }
            else
            {
                for (int i = 0; i < count * 2; i++, o += 2)
                {
                    data[o] = (byte)spans[i];
                    data[o + 1] = (byte)(spans[i] >> 8);
                }
            }

            WriteTrailer(data, o, count, wide: false);
            return data;
        }

        /// <summary>
        /// Copies a line of any length and its first <paramref name="count"/> fields from int
        /// spans laid out <paramref name="stride"/> apart: start, length, and (stride 3) non-zero
        /// when the field holds escapes. Short lines are kept with 16-bit offsets.
        /// </summary>
        public static byte[] Copy(ReadOnlySpan<byte> line, int[] spans, int stride, int count)
        {
            bool wide = line.Length > NarrowLimit;
            int width = wide ? 8 : 4;
            var data = new byte[line.Length + (count * width) + TrailerBytes];
            line.CopyTo(data);
            int o = line.Length;
            for (int i = 0; i < count; i++, o += width)
            {
                int at = i * stride;
                bool escaped = stride > 2 && spans[at + 2] != 0;
                if (wide)
                {
                    BinaryPrimitives.WriteInt32LittleEndian(new Span<byte>(data, o, 4), spans[at]);
                    BinaryPrimitives.WriteInt32LittleEndian(new Span<byte>(data, o + 4, 4), spans[at + 1] | (escaped ? int.MinValue : 0));
                }
                else
                {
                    BinaryPrimitives.WriteUInt16LittleEndian(new Span<byte>(data, o, 2), (ushort)spans[at]);
                    BinaryPrimitives.WriteUInt16LittleEndian(new Span<byte>(data, o + 2, 2), (ushort)(spans[at + 1] | (escaped ? 0x8000 : 0)));
                }
            }

            WriteTrailer(data, o, count, wide);
            return data;
        }

        /// <summary>How many fields the kept line has.</summary>
        public static int Count(byte[] data) => BinaryPrimitives.ReadInt32LittleEndian(new ReadOnlySpan<byte>(data, data.Length - TrailerBytes, 4));

        /// <summary>The raw bytes of a field (escapes not undone).</summary>
        public static ReadOnlySpan<byte> Raw(byte[] data, int index) => Raw(data, index, out _);

        /// <summary>The raw bytes of a field (escapes not undone), and whether it holds escapes.</summary>
        public static ReadOnlySpan<byte> Raw(byte[] data, int index, out bool escaped)
        {
            int count = Count(data);
            int start;
            int length;
            if (data[data.Length - 1] != 0)
            {
                int at = data.Length - TrailerBytes - (count * 8) + (index * 8);
                start = BinaryPrimitives.ReadInt32LittleEndian(new ReadOnlySpan<byte>(data, at, 4));
                uint packed = BinaryPrimitives.ReadUInt32LittleEndian(new ReadOnlySpan<byte>(data, at + 4, 4));
                escaped = (packed & 0x80000000u) != 0;
                length = (int)(packed & 0x7FFFFFFFu);
            }
            else
            {
                int at = data.Length - TrailerBytes - (count * 4) + (index * 4);
                start = data[at] | (data[at + 1] << 8);
                int packed = data[at + 2] | (data[at + 3] << 8);
                escaped = (packed & 0x8000) != 0;
                length = packed & 0x7FFF;
            }

            return new ReadOnlySpan<byte>(data, start, length);
        }

        /// <summary>The field as text, with \" and \\ undone when the field holds escapes.</summary>
        public static string Text(byte[] data, int index) => Aws.AwsFieldSpans.Text(Raw(data, index, out bool escaped), escaped);

        private static void WriteTrailer(byte[] data, int at, int count, bool wide)
        {
            BinaryPrimitives.WriteInt32LittleEndian(new Span<byte>(data, at, 4), count);
            data[at + 4] = wide ? (byte)1 : (byte)0;
        }
    }
}
