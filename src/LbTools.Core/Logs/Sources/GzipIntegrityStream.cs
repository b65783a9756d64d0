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

        private readonly FileStream _file;
        private readonly GZipStream _gzip;
        private readonly string _name;
        private long _decompressed;
        private bool _verified;

        public GzipIntegrityStream(FileStream file, string name)
        {
            _file = file;
            _name = name;
            _gzip = new GZipStream(file, CompressionMode.Decompress, leaveOpen: true);
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
                throw Damaged($"is corrupt ({ex.Message})", ex);
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
                _file.Dispose();
            }

            base.Dispose(disposing);
        }

        private void Verify()
        {
            long length = _file.Length;
            if (length < 18)
            {
                throw Damaged("is too short to be a complete gzip file", null, length);
            }

            var trailer = new byte[8];
            _file.Position = length - 8;
            ReadFully(_file, trailer);
            uint crc = BitConverter.ToUInt32(trailer, 0);
            uint size = BitConverter.ToUInt32(trailer, 4);
            if (size == unchecked((uint)_decompressed))
            {
                return;
            }

            if (!LastMemberIsIntact(length, crc, size))
            {
                throw Damaged("ends inside a gzip member (truncated or damaged; its gzip trailer is missing)", null, length);
            }
        }

        /// <summary>
        /// Concatenated members: the trailer belongs to the last member only. Find where that
        /// member starts (a gzip header, searched from the end) and check it on its own.
        /// </summary>
        private bool LastMemberIsIntact(long length, uint crc, uint size)
        {
            var block = new byte[64 * 1024];
            long end = length - 8;
            int tried = 0;
            while (end > 0 && tried < MaxMemberCandidates)
            {
                long start = Math.Max(0, end - block.Length);
                int n = (int)(end - start);
                _file.Position = start;
                ReadFully(_file, block, n);
                for (int i = n - 3; i >= 0 && tried < MaxMemberCandidates; i--)
                {
                    if (block[i] == 0x1F && block[i + 1] == 0x8B && block[i + 2] == 0x08 && start + i > 0)
                    {
                        tried++;
                        if (MemberMatches(start + i, crc, size))
                        {
                            return true;
                        }
                    }
                }

                end = start + 2;
                if (start == 0)
                {
                    break;
                }
            }

            return false;
        }

        private bool MemberMatches(long start, uint crc, uint size)
        {
            try
            {
                _file.Position = start;
                using var member = new GZipStream(_file, CompressionMode.Decompress, leaveOpen: true);
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

        private InvalidDataException Damaged(string what, Exception? inner, long? at = null)
        {
            long compressed = at ?? _file.Position;

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
    }
}
