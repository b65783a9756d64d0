namespace LbTools.Core.Logs.Sources
{
    /// <summary>CRC-32 (IEEE 802.3, the gzip trailer checksum), slicing-by-8 for speed.</summary>
    internal static class Crc32
    {
        private static readonly uint[] Table = BuildTable();

        public static unsafe uint Append(uint crc, byte[] buffer, int offset, int count)
        {
            uint c = ~crc;
            fixed (byte* start = buffer)
            fixed (uint* t = Table)
            {
                byte* p = start + offset;
                while (count >= 8)
                {
                    uint one = *(uint*)p ^ c;
                    uint two = *(uint*)(p + 4);
                    c = t[(7 * 256) + (one & 0xFF)] ^ t[(6 * 256) + ((one >> 8) & 0xFF)] ^ t[(5 * 256) + ((one >> 16) & 0xFF)] ^ t[(4 * 256) + (one >> 24)]
                        ^ t[(3 * 256) + (two & 0xFF)] ^ t[(2 * 256) + ((two >> 8) & 0xFF)] ^ t[256 + ((two >> 16) & 0xFF)] ^ t[two >> 24];
                    p += 8;
                    count -= 8;
                }

                while (count-- > 0)
                {
                    c = t[(c ^ *p++) & 0xFF] ^ (c >> 8);
                }
            }

            return ~c;
        }

        private static uint[] BuildTable()
        {
            var table = new uint[8 * 256];
            for (uint i = 0; i < 256; i++)
            {
                uint c = i;
                for (int k = 0; k < 8; k++)
                {
                    c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
                }

                table[i] = c;
            }

            for (int i = 0; i < 256; i++)
            {
                for (int slice = 1; slice < 8; slice++)
                {
                    uint prev = table[((slice - 1) * 256) + i];
                    table[(slice * 256) + i] = (prev >> 8) ^ table[prev & 0xFF];
                }
            }

            return table;
        }
    }
}
