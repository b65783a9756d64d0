using System;
using System.IO;
using System.IO.Compression;

namespace LbTools.Core.Logs.Sources
{
    /// <summary>
    /// Decompresses a gzip file (all members of a concatenated file) and notices damage that
    /// GZipStream lets pass: GZipStream checks each member's CRC when it reaches the trailer,
    /// but a file cut short just ends, silently. At the end this stream checks that the file
    /// ends with the trailer of its last member; if not, it throws InvalidDataException naming
    /// the compressed and decompressed offsets. Corrupt data reported by GZipStream is rethrown
    /// with the same offsets.
    /// Speed: no checksum runs while decompressing. A single-member file (the usual case) is
    /// intact when the trailer's length field equals the bytes decompressed: the last 4 bytes of
    /// a file cut inside its deflate data match that by chance once in 2^32, and damage inside
    /// a complete member is GZipStream's own CRC failure. Only when the length differs (several
    /// members, or damage) is the last member found and checked with CRC-32 and length.
    /// </summary>
    internal sealed class GzipIntegrityStream : ReadOnlyStream
    {
        private const int MaxMemberCandidates = 16;

        /// <summary>Compressed bytes kept from a pipe to check its end with (a last member larger than this cannot be checked).</summary>
        private const int PipeTailBytes = 1024 * 1024;

        private readonly Stream _compressed;
        private readonly FileStream? _file;
        private readonly TailStream? _tail;
        private readonly GZipStream _gzip;
        private readonly string _name;
        private long _decompressed;
        private bool _verified;

        /// <param name="compressed">The compressed bytes from their start.</param>
        /// <param name="file">The same file when it can seek (its end is then read again to check it), or null for a pipe.</param>
        /// <param name="name">For messages.</param>
        public GzipIntegrityStream(Stream compressed, FileStream? file, string name)
        {
            _file = file;
            _name = name;
            if (file == null)
            {
                _tail = new TailStream(compressed, PipeTailBytes);
                compressed = _tail;
            }

            _compressed = compressed;
            _gzip = new GZipStream(compressed, CompressionMode.Decompress, leaveOpen: true);
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int read;
            try
            {
                read = _gzip.Read(buffer, offset, count);
            }
            catch (InvalidDataException ex)
            {
                if (_decompressed > 0 && OnlyZerosFollow())
                {
                    // Zero padding after the last member (tape blocks, preallocated files): gzip -t accepts it.
                    read = 0;
                }
                else
                {
                    throw Damaged($"is corrupt: its deflate data or a member header is damaged ({ex.Message.TrimEnd('.')})", ex, exactOffset: false);
                }
            }

            if (read > 0)
            {
                _decompressed += read;
                return read;
            }

            if (!_verified)
            {
                _verified = true;
                Verify();
            }

            return 0;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _gzip.Dispose();
                _compressed.Dispose();
                _file?.Dispose();
            }

            base.Dispose(disposing);
        }

        /// <summary>The compressed length, and a view of the bytes that can be checked (the file, or the tail kept from a pipe).</summary>
        private Stream EndView(out long length, out long viewStart)
        {
            if (_file != null)
            {
                length = _file.Length;
                viewStart = 0;
                return _file;
            }

            _tail!.DrainTo(out length, out var kept);
            viewStart = length - kept.Length;
            return new MemoryStream(kept, writable: false);
        }

        /// <summary>
        /// True when the decompressor failed on zero padding after the last member: the data ends
        /// in zeros and the trailer before them matches everything decompressed.
        /// </summary>
        private bool OnlyZerosFollow()
        {
            try
            {
                var view = EndView(out long length, out long viewStart);
                if (TrailingZeros(view, length, viewStart) == 0)
                {
                    return false;
                }

                _verified = true;
                Verify();
                return true;
            }
            catch (Exception ex) when (ex is IOException || ex is InvalidDataException)
            {
                return false;
            }
        }

        private void Verify()
        {
            var view = EndView(out long length, out long viewStart);
            if (length < 18)
            {
                throw Damaged("is too short to be a complete gzip file", null, length);
            }

            // Zero padding after the last member is allowed (gzip -t accepts it). A trailer may end in
            // zero bytes itself (the size of a member under 16 MiB does), so the last member may end
            // anywhere in the first 8 bytes of the zero run: those 9 ends are tried.
            long zeros = TrailingZeros(view, length, viewStart);
            for (long end = Math.Min(length, length - zeros + 8); end >= length - zeros && end >= 18; end--)
            {
                if (end - 8 < viewStart)
                {
                    break;
                }

                var trailer = new byte[8];
                view.Position = end - 8 - viewStart;
                ReadFully(view, trailer);
                uint crc = BitConverter.ToUInt32(trailer, 0);
                uint size = BitConverter.ToUInt32(trailer, 4);
                if (size == unchecked((uint)_decompressed))
                {
                    return;
                }

                // Several members: check the last one on its own.
                if (LastMemberIsIntact(view, viewStart, end, crc, size))
                {
                    return;
                }
            }

            throw Damaged(
                _file == null && length > PipeTailBytes ? "ends inside a gzip member (truncated or damaged; its gzip trailer is missing, or its last member is too large to check when read from a pipe)" : "ends inside a gzip member (truncated or damaged; its gzip trailer is missing)",
                null,
                length);
        }

        /// <summary>How many zero bytes end the compressed data (0 when the last byte is not zero).</summary>
        private static long TrailingZeros(Stream view, long length, long viewStart)
        {
            var block = new byte[64 * 1024];
            long zeros = 0;
            long end = length;
            while (end > viewStart)
            {
                long start = Math.Max(viewStart, end - block.Length);
                int n = (int)(end - start);
                view.Position = start - viewStart;
                ReadFully(view, block, n);
                for (int i = n - 1; i >= 0; i--)
                {
                    if (block[i] != 0)
                    {
                        return zeros;
                    }

                    zeros++;
                }

                end = start;
            }

            return zeros;
        }

        /// <summary>
        /// Concatenated members: the trailer belongs to the last member only. Find where that
        /// member starts (a gzip header, searched from its end) and check it on its own.
        /// </summary>
        private bool LastMemberIsIntact(Stream view, long viewStart, long memberEnd, uint crc, uint size)
        {
            var block = new byte[64 * 1024];
            long end = memberEnd - 8;
            int tried = 0;
            while (end > viewStart && tried < MaxMemberCandidates)
            {
                long start = Math.Max(viewStart, end - block.Length);
                int n = (int)(end - start);
                view.Position = start - viewStart;
                ReadFully(view, block, n);
                for (int i = n - 3; i >= 0 && tried < MaxMemberCandidates; i--)
                {
                    if (block[i] == 0x1F && block[i + 1] == 0x8B && block[i + 2] == 0x08 && start + i > 0)
                    {
                        tried++;
                        if (MemberMatches(view, start + i - viewStart, crc, size))
                        {
                            return true;
                        }
                    }
                }

                end = start + 2;
                if (start == viewStart)
                {
                    break;
                }
            }

            return false;
        }

        private static bool MemberMatches(Stream view, long start, uint crc, uint size)
        {
            try
            {
                view.Position = start;
                using var member = new GZipStream(view, CompressionMode.Decompress, leaveOpen: true);
                var buffer = new byte[64 * 1024];
                uint memberCrc = 0;
                long count = 0;
                int read;
                while ((read = member.Read(buffer, 0, buffer.Length)) > 0)
                {
                    memberCrc = Crc32.Append(memberCrc, buffer, 0, read);
                    count += read;
                }

                return memberCrc == crc && unchecked((uint)count) == size;
            }
            catch (InvalidDataException)
            {
                return false;
            }
        }

        /// <param name="what">What is wrong with the file.</param>
        /// <param name="inner">The decompressor's own error, if any.</param>
        /// <param name="at">The compressed offset where it stopped, when known.</param>
        /// <param name="exactOffset">False when only an upper bound is known: the decompressor reads ahead, so its position is not where the damage is.</param>
        private InvalidDataException Damaged(string what, Exception? inner, long? at = null, bool exactOffset = true)
        {
            if (!exactOffset)
            {
                long readSoFar = _file != null ? _file.Position : _tail!.Count;
                return new InvalidDataException($"'{_name}' {what}: {_decompressed} bytes were decompressed before the damage, which lies within its first {readSoFar} compressed bytes.", inner);
            }

            long compressed = at ?? (_file != null ? _file.Position : _tail!.Count);
            return new InvalidDataException($"'{_name}' {what}: stopped near compressed byte {compressed} after {_decompressed} decompressed bytes.", inner);
        }

        private static void ReadFully(Stream stream, byte[] buffer, int count = -1)
        {
            int want = count < 0 ? buffer.Length : count;
            int got = 0;
            while (got < want)
            {
                int n = stream.Read(buffer, got, want - got);
                if (n <= 0)
                {
                    throw new EndOfStreamException();
                }

                got += n;
            }
        }

        /// <summary>A pipe's compressed bytes passing through, with the last ones kept and counted.</summary>
        private sealed class TailStream : ReadOnlyStream
        {
            private readonly Stream _inner;
            private readonly byte[] _ring;
            private long _count;

            public TailStream(Stream inner, int keep)
            {
                _inner = inner;
                _ring = new byte[keep];
            }

            public long Count => _count;

            public override int Read(byte[] buffer, int offset, int count)
            {
                int n = _inner.Read(buffer, offset, count);
                for (int i = 0; i < n; i++)
                {
                    _ring[(_count + i) % _ring.Length] = buffer[offset + i];
                }

                _count += n;
                return n;
            }

            /// <summary>Reads the rest of the pipe (what the decompressor did not need) and gives its length and last bytes.</summary>
            public void DrainTo(out long length, out byte[] kept)
            {
                var scratch = new byte[64 * 1024];
                while (Read(scratch, 0, scratch.Length) > 0)
                {
                }

                length = _count;
                int keep = (int)Math.Min(_count, _ring.Length);
                kept = new byte[keep];
                for (int i = 0; i < keep; i++)
                {
                    kept[i] = _ring[(_count - keep + i) % _ring.Length];
                }
            }

            protected override void Dispose(bool disposing)
            {
                if (disposing)
                {
                    _inner.Dispose();
                }

                base.Dispose(disposing);
            }
        }
    }
}
