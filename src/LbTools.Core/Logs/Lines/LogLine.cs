using System;
using System.Text;

namespace LbTools.Core.Logs.Lines
{
    /// <summary>
    /// A raw line read from a log source, or a marker that it was too long to keep. A line read
    /// from a file points into the reader's buffer (valid until the next line is read) and is
    /// decoded to text only when asked; <see cref="Detach"/> makes a copy that stays valid.
    /// </summary>
    public readonly struct LogLine
    {
        private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

        private readonly string? _text;
        private readonly byte[]? _buffer;
        private readonly int _start;
        private readonly int _length;

        public LogLine(long number, string? text, long byteOffset, bool tooLong)
        {
            Number = number;
            _text = text;
            _buffer = null;
            _start = 0;
            _length = 0;
            ByteOffset = byteOffset;
            TooLong = tooLong;
        }

        internal LogLine(long number, byte[] buffer, int start, int length, long byteOffset)
        {
            Number = number;
            _text = null;
            _buffer = buffer;
            _start = start;
            _length = length;
            ByteOffset = byteOffset;
            TooLong = false;
        }

        /// <summary>1-based line number in the (decompressed) source.</summary>
        public long Number { get; }

        /// <summary>The line without its terminator, decoded as UTF-8; null when <see cref="TooLong"/>.</summary>
        public string? Text => _text ?? (_buffer == null ? null : Utf8.GetString(_buffer, _start, _length));

        /// <summary>Offset of the line's first byte in the decompressed stream.</summary>
        public long ByteOffset { get; }

        public bool TooLong { get; }

        /// <summary>True when the line has no characters (and is not a too-long marker).</summary>
        public bool IsEmpty => !TooLong && (_buffer != null ? _length == 0 : _text!.Length == 0);

        /// <summary>True when the raw UTF-8 bytes are available (lines read from files).</summary>
        internal bool HasBytes => _buffer != null;

        internal ReadOnlySpan<byte> Bytes => new ReadOnlySpan<byte>(_buffer, _start, _length);

        /// <summary>A copy that does not depend on the reader's buffer.</summary>
        public LogLine Detach() => _buffer == null ? this : new LogLine(Number, Text, ByteOffset, TooLong);
    }
}
