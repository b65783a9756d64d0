using System;
using System.Buffers.Binary;

namespace LbTools.Core.Logs.Aws
{
    /// <summary>
    /// The bytes of one parsed line and where its fields are, in a single array that a record
    /// holds until its text is read: the line first, then per field its start and length
    /// (16-bit each for lines under 32 KiB, 32-bit otherwise) with the top bit of the length set
    /// when the field holds \" or \\ escapes, then a 5-byte trailer (field count, width flag).
    /// One allocation a line: no wrapper object, no int[] of spans.
    /// </summary>
    internal static class KeptLine
    {
        private const int TrailerBytes = 5;

        /// <summary>Copies a line of at most 32 KiB and its 16-bit spans from <see cref="AwsFieldSpans.TryFindNarrow"/>.</summary>
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

            BinaryPrimitives.WriteInt32LittleEndian(new Span<byte>(data, o, 4), count);
            data[o + 4] = 0;
            return data;
        }

        /// <summary>
        /// Copies a line over 32 KiB and the first <paramref name="count"/> spans found by
        /// <see cref="AwsFieldSpans.TryFind"/>, with 32-bit offsets (shorter lines take <see cref="CopyNarrow"/>).
        /// </summary>
        public static byte[] CopyWide(ReadOnlySpan<byte> line, int[] spans, int count)
        {
            var data = new byte[line.Length + (count * 8) + TrailerBytes];
            line.CopyTo(data);
            int o = line.Length;
            for (int i = 0; i < count; i++, o += 8)
            {
                int at = i * AwsFieldSpans.Stride;
                BinaryPrimitives.WriteInt32LittleEndian(new Span<byte>(data, o, 4), spans[at]);
                BinaryPrimitives.WriteInt32LittleEndian(new Span<byte>(data, o + 4, 4), spans[at + 1] | (spans[at + 2] != 0 ? int.MinValue : 0));
            }

            BinaryPrimitives.WriteInt32LittleEndian(new Span<byte>(data, o, 4), count);
            data[o + 4] = 1;
            return data;
        }

        /// <summary>How many fields the kept line has.</summary>
        public static int Count(byte[] data) => BinaryPrimitives.ReadInt32LittleEndian(new ReadOnlySpan<byte>(data, data.Length - TrailerBytes, 4));

        /// <summary>The raw bytes of a field (escapes not undone).</summary>
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
        public static string Text(byte[] data, int index) => AwsFieldSpans.Text(Raw(data, index, out bool escaped), escaped);
    }
}
