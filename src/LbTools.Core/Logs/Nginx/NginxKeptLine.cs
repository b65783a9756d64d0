using System;
using System.Buffers.Binary;

namespace LbTools.Core.Logs.Nginx
{
    /// <summary>
    /// One matched nginx line in a single array a record holds until its text is read: the line
    /// bytes, then each variable's start and length (16-bit each for lines under 64 KiB, else
    /// 32-bit), then one byte that says which. The variable count is the format's, so it is not stored.
    /// </summary>
    internal static class NginxKeptLine
    {
        private const int NarrowLimit = ushort.MaxValue;

        /// <summary>Copies the line and the (start, length) pairs <see cref="NginxLineFormat.TryMatch(ReadOnlySpan{byte}, int[], out string)"/> found.</summary>
        public static byte[] Copy(ReadOnlySpan<byte> line, int[] spans, int count)
        {
            bool wide = line.Length > NarrowLimit;
            int width = wide ? 8 : 4;
            var data = new byte[line.Length + (count * width) + 1];
            line.CopyTo(data);
            int o = line.Length;
            if (wide)
            {
                for (int i = 0; i < count * 2; i++, o += 4)
                {
                    BinaryPrimitives.WriteInt32LittleEndian(new Span<byte>(data, o, 4), spans[i]);
                }
            }
            else
            {
                for (int i = 0; i < count * 2; i++, o += 2)
                {
                    data[o] = (byte)spans[i];
                    data[o + 1] = (byte)(spans[i] >> 8);
                }
            }

            data[o] = wide ? (byte)1 : (byte)0;
            return data;
        }

        /// <summary>The bytes of variable <paramref name="index"/> of <paramref name="count"/>.</summary>
        public static ReadOnlySpan<byte> Raw(byte[] data, int count, int index)
        {
            if (data[data.Length - 1] != 0)
            {
                int at = data.Length - 1 - (count * 8) + (index * 8);
                int start = BinaryPrimitives.ReadInt32LittleEndian(new ReadOnlySpan<byte>(data, at, 4));
                int length = BinaryPrimitives.ReadInt32LittleEndian(new ReadOnlySpan<byte>(data, at + 4, 4));
                return new ReadOnlySpan<byte>(data, start, length);
            }

            int narrow = data.Length - 1 - (count * 4) + (index * 4);
            return new ReadOnlySpan<byte>(data, data[narrow] | (data[narrow + 1] << 8), data[narrow + 2] | (data[narrow + 3] << 8));
        }

        /// <summary>The variable as text (the kept line is ASCII), or null for a slot the format lacks (-1).</summary>
        public static string? Text(byte[] data, int count, int index) => index < 0 ? null : Utf8Ascii.Decode(Raw(data, count, index));
    }
}
