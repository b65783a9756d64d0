using System;

namespace LbTools.Core.Logs.Values
{
    /// <summary>
    /// <see cref="FieldValues"/>' answers for text that is already a string (CSV cells, JSON
    /// values, nginx's string route): a short ASCII value is read by <see cref="Utf8FieldValues"/>
    /// from a stack copy of its bytes (plain digits, "0.123", ISO times without the culture-aware
    /// BCL parsers), anything else by FieldValues itself, so the result never differs.
    /// </summary>
    internal static class PlainFieldValues
    {
        /// <summary>Longer than any shape read without the BCL: an ISO time with seven fraction digits and an offset is 34.</summary>
        private const int MaxPlainLength = 40;

        public static bool TryInt(string? text, out int? value)
        {
            Span<byte> buffer = stackalloc byte[MaxPlainLength];
            return TryAscii(text, buffer, out var bytes) ? Utf8FieldValues.TryInt(bytes, IntegerSyntax.AsFieldValues, out value) : FieldValues.TryInt(text, out value);
        }

        public static bool TryLong(string? text, out long? value)
        {
            Span<byte> buffer = stackalloc byte[MaxPlainLength];
            return TryAscii(text, buffer, out var bytes) ? Utf8FieldValues.TryLong(bytes, IntegerSyntax.AsFieldValues, out value) : FieldValues.TryLong(text, out value);
        }

        public static bool TrySeconds(string? text, out double? value)
        {
            Span<byte> buffer = stackalloc byte[MaxPlainLength];
            return TryAscii(text, buffer, out var bytes) ? Utf8FieldValues.TrySeconds(bytes, NegativeSeconds.BelowZeroIsAbsent, out value) : FieldValues.TrySeconds(text, out value);
        }

        public static bool TryUtcTime(string? text, out DateTimeOffset? value)
        {
            Span<byte> buffer = stackalloc byte[MaxPlainLength];
            return TryAscii(text, buffer, out var bytes) ? Utf8FieldValues.TryUtcTime(bytes, out value) : FieldValues.TryUtcTime(text, out value);
        }

        /// <summary>The text's bytes in <paramref name="buffer"/> when it is ASCII and fits; false for null, long or non-ASCII text.</summary>
        private static bool TryAscii(string? text, Span<byte> buffer, out ReadOnlySpan<byte> bytes)
        {
            bytes = default;
            if (text == null || text.Length > buffer.Length)
            {
                return false;
            }

            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c > 0x7F)
                {
                    return false;
                }

                buffer[i] = (byte)c;
            }

            bytes = buffer.Slice(0, text.Length);
            return true;
        }
    }
}
