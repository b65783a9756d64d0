using System;
using System.IO;
using System.Text;

namespace LbTools.Core.Logs.Sources
{
    /// <summary>
    /// A UTF-16 text file read as UTF-8 bytes, so the byte-level line reader and parsers see the
    /// lines they would see in the UTF-8 original. Windows PowerShell 5.1 writes UTF-16 (little
    /// endian, with a byte order mark) for <c>&gt;</c> and Out-File, so a log filtered on a runbook
    /// host often arrives this way. Byte offsets and byte counts after this point are of the
    /// UTF-8 text. A lone surrogate becomes U+FFFD, as any decoder of the file would show it.
    /// When the inner stream goes on with another file (a followed log after rotation), this one
    /// says where that file starts in its own bytes, so its lines are numbered from 1 again.
    /// </summary>
    internal sealed class Utf16TextStream : ReadOnlyStream, IRestartingStream
    {
        private const int InputBytes = 64 * 1024;

        private readonly Stream _inner;
        private readonly Decoder _decoder;
        private readonly Encoder _encoder = new UTF8Encoding(false).GetEncoder();
        private readonly byte[] _input = new byte[InputBytes];
        private readonly char[] _chars = new char[(InputBytes / 2) + 2];
        private readonly byte[] _output = new byte[((InputBytes / 2) + 2) * 3];
        private readonly IRestartingStream? _restarting;
        private int _start;
        private int _end;
        private bool _ended;
        private long _innerRead;
        private long _handedOut;
        private long _innerFileStartsAt;

        /// <param name="inner">The file, positioned after its byte order mark.</param>
        /// <param name="bigEndian">FE FF (big endian) rather than FF FE.</param>
        public Utf16TextStream(Stream inner, bool bigEndian)
        {
            _inner = inner;
            _restarting = inner as IRestartingStream;
            _decoder = (bigEndian ? Encoding.BigEndianUnicode : Encoding.Unicode).GetDecoder();
        }

        public long CurrentFileStartsAt { get; private set; }

        /// <summary>0: offsets count UTF-8 bytes of the text, in a new file as in the first.</summary>
        public long CurrentFileFirstPosition => 0;

        public override int Read(byte[] buffer, int offset, int count)
        {
            while (_start == _end)
            {
                if (_ended)
                {
                    return 0;
                }

                Fill();
            }

            int n = Math.Min(count, _end - _start);
            Buffer.BlockCopy(_output, _start, buffer, offset, n);
            _start += n;
            _handedOut += n;
            return n;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }

        /// <summary>Decodes the next block; at the end of the file, flushes a dangling half character.</summary>
        private void Fill()
        {
            long before = _innerRead;
            int read = _inner.Read(_input, 0, _input.Length);
            _innerRead += Math.Max(read, 0);
            if (_restarting != null && _restarting.CurrentFileStartsAt > _innerFileStartsAt && _restarting.CurrentFileStartsAt == before)
            {
                // These bytes begin the next file (the inner stream hands out one file per read): the
                // old file's half character, if any, is dropped, and the new file starts here.
                _innerFileStartsAt = _restarting.CurrentFileStartsAt;
                _decoder.Reset();
                CurrentFileStartsAt = _handedOut;
            }

            bool last = read <= 0;
            int chars = _decoder.GetChars(_input, 0, Math.Max(read, 0), _chars, 0, flush: last);
            _start = 0;
            _end = _encoder.GetBytes(_chars, 0, chars, _output, 0, flush: last);
            _ended = last;
        }
    }
}
