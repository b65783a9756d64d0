using System;
using System.Buffers.Binary;

namespace LbTools.Core.Logs.Aws
{
    /// <summary>
    /// The bytes of one parsed line and where its fields are, kept in a single array so a
    /// record's text can be decoded later: the line first, then per field its start and length
    /// (16-bit each for lines under 32 KiB, 32-bit otherwise), with the top bit of the length
    /// set when the field holds \" or \\ escapes. One allocation of about line + 4 bytes a
    /// field instead of a line copy plus an int[] of three ints a field.
    /// </summary>
    internal sealed class KeptLine
    {
        private const int NarrowLimit = 0x7FFF;

        private readonly byte[] _data;
        private readonly int _lineLength;
        private readonly bool _wide;

        private KeptLine(byte[] data, int lineLength, int count, bool wide)
        {
            _data = data;
            _lineLength = lineLength;
            Count = count;
            _wide = wide;
        }

        public int Count { get; }

        /// <summary>Copies the line and the first <paramref name="count"/> spans found by <see cref="AwsFieldSpans"/>.</summary>
        public static KeptLine Copy(ReadOnlySpan<byte> line, int[] spans, int count)
        {
            bool wide = line.Length > NarrowLimit;
            int width = wide ? 8 : 4;
            var data = new byte[line.Length + (count * width)];
            line.CopyTo(data);
            int o = line.Length;
            for (int i = 0; i < count; i++)
            {
                int at = i * AwsFieldSpans.Stride;
                int start = spans[at];
                int length = spans[at + 1] | (spans[at + 2] != 0 ? (wide ? int.MinValue : 0x8000) : 0);
                data[o] = (byte)start;
                data[o + 1] = (byte)(start >> 8);
                data[o + 2] = wide ? (byte)(start >> 16) : (byte)length;
                data[o + 3] = wide ? (byte)(start >> 24) : (byte)(length >> 8);
                if (wide)
                {
                    data[o + 4] = (byte)length;
                    data[o + 5] = (byte)(length >> 8);
                    data[o + 6] = (byte)(length >> 16);
                    data[o + 7] = (byte)(length >> 24);
                }

                o += width;
            }

            return new KeptLine(data, line.Length, count, wide);
        }

        /// <summary>The raw bytes of a field (escapes not undone).</summary>
        public ReadOnlySpan<byte> Raw(int index, out bool escaped)
        {
            int start;
            int length;
            if (_wide)
            {
                int at = _lineLength + (index * 8);
                start = BinaryPrimitives.ReadInt32LittleEndian(new ReadOnlySpan<byte>(_data, at, 4));
                uint packed = BinaryPrimitives.ReadUInt32LittleEndian(new ReadOnlySpan<byte>(_data, at + 4, 4));
                escaped = (packed & 0x80000000u) != 0;
                length = (int)(packed & 0x7FFFFFFFu);
            }
            else
            {
                int at = _lineLength + (index * 4);
                start = _data[at] | (_data[at + 1] << 8);
                int packed = _data[at + 2] | (_data[at + 3] << 8);
                escaped = (packed & 0x8000) != 0;
                length = packed & 0x7FFF;
            }

            return new ReadOnlySpan<byte>(_data, start, length);
        }

        /// <summary>The field as text, with \" and \\ undone when the field holds escapes.</summary>
        public string Text(int index) => AwsFieldSpans.Text(Raw(index, out bool escaped), escaped);
    }
}
