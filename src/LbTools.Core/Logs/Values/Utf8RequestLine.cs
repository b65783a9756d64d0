using System;
using System.Runtime.InteropServices;
using System.Text;

namespace LbTools.Core.Logs.Values
{
    /// <summary>
    /// <see cref="RequestLine.ApplyTo"/> straight from the request field's bytes, for the common
    /// case: ASCII, without escapes and without whitespace at either end of the line or the URL.
    /// It splits exactly where the string version splits, but allocates only the path and query
    /// (methods, versions and recent "scheme://host:port" splits are shared). Anything else returns
    /// false and the caller takes the string route, so the result never differs.
    /// Common tokens are matched as packed little-endian words, so big-endian machines decline.
    /// </summary>
    internal static class Utf8RequestLine
    {
        // Common tokens packed little-endian into a ulong (see Pack): one compare per candidate
        // instead of a loop over a token list. Static readonly, so the JIT folds them to constants.
        private static readonly ulong Dash = Pack("-");
        private static readonly ulong Get = Pack("GET");
        private static readonly ulong Put = Pack("PUT");
        private static readonly ulong Post = Pack("POST");
        private static readonly ulong Head = Pack("HEAD");
        private static readonly ulong Patch = Pack("PATCH");
        private static readonly ulong Delete = Pack("DELETE");
        private static readonly ulong Options = Pack("OPTIONS");
        private static readonly ulong Http11 = Pack("HTTP/1.1");
        private static readonly ulong Http10 = Pack("HTTP/1.0");
        private static readonly ulong Http20 = Pack("HTTP/2.0");
        private static readonly ulong Http2 = Pack("HTTP/2");
        private static readonly ulong Ws = Pack("ws");
        private static readonly ulong Wss = Pack("wss");
        private static readonly ulong Http = Pack("http");
        private static readonly ulong Https = Pack("https");
        private static readonly uint GetSpace = (uint)Pack("GET ");
        private static readonly ulong HttpSlashes = Pack("http://");
        private static readonly ulong HttpsSlashes = Pack("https://");

        // A balancer logs few "scheme://authority" prefixes: a hit replaces the scheme match, the port parse and the host decode.
        private static readonly Utf8KeyedCache<Authority> Authorities = new Utf8KeyedCache<Authority>(Split);

        public static bool TryApply(ReadOnlySpan<byte> value, LbLogRecord record)
        {
            // A JIT-time constant: the packed compares below assume little-endian reads.
            if (!BitConverter.IsLittleEndian)
            {
                return false;
            }

            if (value.Length == 0 || (value.Length == 1 && value[0] == (byte)'-'))
            {
                Apply(record, null, null, null, null, null, null, null);
                return true;
            }

            // ASCII and untrimmed: then the string version's Trim() is a no-op and every index
            // below is the same in bytes and chars.
            if (IsWhiteSpace(value[0]) || IsWhiteSpace(value[value.Length - 1]) || !Utf8Ascii.IsAscii(value))
            {
                return false;
            }

            string? method = null;
            string? protocol = null;
            ReadOnlySpan<byte> target;
            int firstSpace;

            // "GET " starts most lines: one 4-byte compare instead of a search and a token match.
            if (value.Length >= 4 && MemoryMarshal.Read<uint>(value) == GetSpace)
            {
                method = "GET";
                firstSpace = 3;
            }
            else
            {
                firstSpace = IndexOfNear(value, (byte)' ');
                if (firstSpace >= 0)
                {
                    method = Token(value.Slice(0, firstSpace));
                }
            }

            if (firstSpace < 0)
            {
                target = value;
            }
            else
            {
                // A line ending in " HTTP/1.1" (1.0, 2.0) has its last space 9 bytes from the end,
                // since the version holds none: one 8-byte compare instead of a search and a token match.
                int lastSpace = -1;
                int versionSpace = value.Length - 9;
                if (versionSpace > firstSpace && value[versionSpace] == (byte)' ')
                {
                    protocol = Version(MemoryMarshal.Read<ulong>(value.Slice(versionSpace + 1)));
                    if (protocol != null)
                    {
                        lastSpace = versionSpace;
                    }
                }

                if (lastSpace < 0)
                {
                    // Searched after the first space only: no hit means lastSpace == firstSpace.
                    int after = LastIndexOfNear(value.Slice(firstSpace + 1), (byte)' ');
                    if (after >= 0)
                    {
                        lastSpace = firstSpace + 1 + after;
                        protocol = Token(value.Slice(lastSpace + 1));
                    }
                }

                target = lastSpace < 0 ? value.Slice(firstSpace + 1) : value.Slice(firstSpace + 1, lastSpace - firstSpace - 1);
            }

            if (target.Length > 0 && (IsWhiteSpace(target[0]) || IsWhiteSpace(target[target.Length - 1])))
            {
                return false;
            }

            if (target.Length == 0 || (target.Length == 1 && target[0] == (byte)'-'))
            {
                Apply(record, method, null, null, null, null, null, protocol);
                return true;
            }

            string? scheme = null;
            string? host = null;
            int? port = null;
            var rest = target;

            // The string version wants the first "://" at index > 0 with no '/' before it, which
            // is the same as: the first '/' has ':' before it (not at 0) and '/' after it.
            int slash;
            ulong start = target.Length >= 8 ? MemoryMarshal.Read<ulong>(target) : 0;
            if (start == HttpsSlashes)
            {
                slash = 6;
            }
            else if ((start & 0x00FFFFFFFFFFFFFFUL) == HttpSlashes)
            {
                slash = 5;
            }
            else
            {
                slash = IndexOfNear(target, (byte)'/');
            }

            if (slash >= 2 && target[slash - 1] == (byte)':' && slash + 1 < target.Length && target[slash + 1] == (byte)'/')
            {
                int pathStart = target.Slice(slash + 2).IndexOf((byte)'/');
                int authorityEnd = pathStart < 0 ? target.Length : slash + 2 + pathStart;
                rest = target.Slice(authorityEnd);
                var authority = Authorities.Get(target.Slice(0, authorityEnd), slash - 1);
                scheme = authority.Scheme;
                host = authority.Host;
                port = authority.Port;
            }

            string? path;
            string? query = null;
            int q = rest.IndexOf((byte)'?');
            if (q < 0)
            {
                path = rest.Length == 0 ? null : Utf8Ascii.Decode(rest);
            }
            else
            {
                path = Utf8Ascii.Decode(rest.Slice(0, q));
                query = Utf8Ascii.Decode(rest.Slice(q + 1));
            }

            Apply(record, method, scheme, host, port, path, query, protocol);
            return true;
        }

        private static void Apply(LbLogRecord record, string? method, string? scheme, string? host, int? port, string? path, string? query, string? protocol) =>
            record.SetRequestParts(method, scheme, host, port, path, query, protocol);

        /// <summary>Splits "scheme://authority" (the caller has found the "://" at <paramref name="schemeEnd"/>).</summary>
        private static Authority Split(ReadOnlySpan<byte> prefix, int schemeEnd)
        {
            string scheme = Scheme(prefix.Slice(0, schemeEnd));
            var authority = prefix.Slice(schemeEnd + 3);
            int? port = null;

            // One backward search for both: "LastIndexOf(':') > LastIndexOf(']')" holds exactly
            // when the last of the two is a colon (a bracketed IPv6 address without a port ends in ']').
            int colon = authority.LastIndexOfAny((byte)':', (byte)']');
            var name = authority;
            if (colon > 0 && authority[colon] == (byte)':')
            {
                // Digits after the colon; the malformed form "host:80-" still yields 80.
                int value = 0;
                int digits = 0;
                for (int i = colon + 1; i < authority.Length && authority[i] >= (byte)'0' && authority[i] <= (byte)'9' && digits < 9; i++, digits++)
                {
                    value = (value * 10) + (authority[i] - '0');
                }

                if (digits > 0)
                {
                    port = value;
                }

                name = authority.Slice(0, colon);
            }

            return new Authority(scheme, name.Length == 0 ? null : Utf8Ascii.Decode(name), port);
        }

        /// <summary>First index of <paramref name="b"/>, looking at the first bytes one by one before a vector search: methods and schemes are short.</summary>
        private static int IndexOfNear(ReadOnlySpan<byte> text, byte b)
        {
            int near = Math.Min(text.Length, 8);
            for (int i = 0; i < near; i++)
            {
                if (text[i] == b)
                {
                    return i;
                }
            }

            int far = text.Slice(near).IndexOf(b);
            return far < 0 ? -1 : near + far;
        }

        /// <summary>Last index of <paramref name="b"/>, looking at the last bytes one by one first: the protocol is short.</summary>
        private static int LastIndexOfNear(ReadOnlySpan<byte> text, byte b)
        {
            int near = Math.Max(text.Length - 9, 0);
            for (int i = text.Length - 1; i >= near; i--)
            {
                if (text[i] == b)
                {
                    return i;
                }
            }

            return text.Slice(0, near).LastIndexOf(b);
        }

        /// <summary>A method or protocol: shared for the common ones, null for "-" (the string version's NullIfDash).</summary>
        private static string? Token(ReadOnlySpan<byte> text)
        {
            if (text.Length > 8)
            {
                return Utf8Ascii.Decode(text);
            }

            ulong x = Pack(text);
            switch (text.Length)
            {
                case 1:
                    if (x == Dash)
                    {
                        return null;
                    }

                    break;
                case 3:
                    if (x == Get)
                    {
                        return "GET";
                    }

                    if (x == Put)
                    {
                        return "PUT";
                    }

                    break;
                case 4:
                    if (x == Post)
                    {
                        return "POST";
                    }

                    if (x == Head)
                    {
                        return "HEAD";
                    }

                    break;
                case 5:
                    if (x == Patch)
                    {
                        return "PATCH";
                    }

                    break;
                case 6:
                    if (x == Delete)
                    {
                        return "DELETE";
                    }

                    if (x == Http2)
                    {
                        return "HTTP/2";
                    }

                    break;
                case 7:
                    if (x == Options)
                    {
                        return "OPTIONS";
                    }

                    break;
                case 8:
                    return Version(x) ?? Utf8Ascii.Decode(text);
            }

            return Utf8Ascii.Decode(text);
        }

        /// <summary>The common 8-byte protocols, or null.</summary>
        private static string? Version(ulong x) =>
            x == Http11 ? "HTTP/1.1" : x == Http10 ? "HTTP/1.0" : x == Http20 ? "HTTP/2.0" : null;

        /// <summary>The scheme as the string version's ToLowerInvariant() gives it (on ASCII that lowers A-Z only).</summary>
        private static string Scheme(ReadOnlySpan<byte> text)
        {
            if (text.Length >= 2 && text.Length <= 5)
            {
                // OR-ing 0x20 into every byte folds case; since every byte of these schemes is a
                // letter, only its two cases can fold onto it, so this is an exact case-insensitive match.
                ulong x = Pack(text) | (0x2020202020UL >> ((5 - text.Length) * 8));
                switch (text.Length)
                {
                    case 2:
                        if (x == Ws)
                        {
                            return "ws";
                        }

                        break;
                    case 3:
                        if (x == Wss)
                        {
                            return "wss";
                        }

                        break;
                    case 4:
                        if (x == Http)
                        {
                            return "http";
                        }

                        break;
                    case 5:
                        if (x == Https)
                        {
                            return "https";
                        }

                        break;
                }
            }

            // Rare schemes: the string version's own call, so the casing is the same by construction.
            return Utf8Ascii.Decode(text).ToLowerInvariant();
        }

        /// <summary>Up to 8 bytes as a little-endian ulong (byte i in bits 8i..8i+7), zero above the length.</summary>
        private static unsafe ulong Pack(ReadOnlySpan<byte> text)
        {
            int n = text.Length;
            fixed (byte* p = text)
            {
                if (n >= 4)
                {
                    // Two overlapping 4-byte reads; the shared bytes are equal, so OR-ing them is harmless.
                    ulong lo = *(uint*)p;
                    ulong hi = *(uint*)(p + n - 4);
                    return lo | (hi << ((n - 4) * 8));
                }

                switch (n)
                {
                    case 3:
                        return *(ushort*)p | ((ulong)p[2] << 16);
                    case 2:
                        return *(ushort*)p;
                    case 1:
                        return *p;
                    default:
                        return 0;
                }
            }
        }

        private static ulong Pack(string ascii)
        {
            ulong x = 0;
            for (int i = 0; i < ascii.Length; i++)
            {
                x |= (ulong)ascii[i] << (i * 8);
            }

            return x;
        }

        /// <summary>The ASCII characters string.Trim removes (the others are not ASCII).</summary>
        private static bool IsWhiteSpace(byte b) => b == (byte)' ' || (b >= 0x09 && b <= 0x0D);

        /// <summary>The scheme, host and port of one "scheme://authority" prefix.</summary>
        private sealed class Authority
        {
            public Authority(string scheme, string? host, int? port)
            {
                Scheme = scheme;
                Host = host;
                Port = port;
            }

            public string Scheme { get; }

            public string? Host { get; }

            public int? Port { get; }
        }
    }
}
