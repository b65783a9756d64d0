namespace LbTools.Core.Logs.Values
{
    /// <summary>ASCII checks for the fast parsers: on ASCII, byte offsets equal char offsets and decoding is a widening copy.</summary>
    internal static class Utf8Ascii
    {
        /// <summary>Eight bytes per step: any byte with its top bit set makes the OR of the words non-ASCII.</summary>
        public static unsafe bool IsAscii(System.ReadOnlySpan<byte> bytes)
        {
            const ulong HighBits = 0x8080808080808080UL;
            int n = bytes.Length;
            fixed (byte* p = bytes)
            {
                if (n >= 8)
                {
                    ulong acc = 0;
                    int i = 0;
                    for (; i <= n - 8; i += 8)
                    {
                        acc |= *(ulong*)(p + i);
                    }

                    // The last word overlaps the loop's; re-reading a few bytes is cheaper than a byte tail loop.
                    acc |= *(ulong*)(p + n - 8);
                    return (acc & HighBits) == 0;
                }

                uint small = 0;
                for (int i = 0; i < n; i++)
                {
                    small |= p[i];
                }

                return small < 0x80;
            }
        }

        public static bool IsAscii(string text)
        {
            foreach (char c in text)
            {
                if (c >= 0x80)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Bytes already known to be ASCII: the ASCII decoder skips UTF-8 validation.</summary>
        public static unsafe string Decode(System.ReadOnlySpan<byte> ascii)
        {
            if (ascii.Length == 0)
            {
                return string.Empty;
            }

            fixed (byte* p = ascii)
            {
                return System.Text.Encoding.ASCII.GetString(p, ascii.Length);
            }
        }
    }
}
