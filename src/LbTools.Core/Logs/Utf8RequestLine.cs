using System;

namespace LbTools.Core.Logs
{
    /// <summary>
    /// <see cref="RequestLine.ApplyTo"/> straight from the request field's bytes, for the common
    /// case: ASCII, without escapes and without whitespace at either end of the line or the URL.
    /// It splits exactly where the string version splits, but allocates only the path and query
    /// (methods, schemes, versions and recent hosts are shared strings). Anything else returns
    /// false and the caller takes the string route, so the result never differs.
    /// </summary>
    internal static class Utf8RequestLine
    {
        private static readonly string[] CommonTokens = { "GET", "POST", "PUT", "HEAD", "DELETE", "OPTIONS", "PATCH", "HTTP/1.1", "HTTP/1.0", "HTTP/2.0", "HTTP/2", "http", "https", "ws", "wss", "-" };

        private static readonly Utf8StringCache Hosts = new Utf8StringCache();

        public static bool TryApply(ReadOnlySpan<byte> value, LbLogRecord record)
        {
            if (value.Length == 0 || (value.Length == 1 && value[0] == (byte)'-'))
            {
                Apply(record, null, null, null, null, null, null, null);
                return true;
            }

            if (IsWhiteSpace(value[0]) || IsWhiteSpace(value[value.Length - 1]) || !IsAscii(value))
            {
                return false;
            }

            string? method = null;
            string? protocol = null;
            ReadOnlySpan<byte> target;
            int firstSpace = value.IndexOf((byte)' ');
            int lastSpace = value.LastIndexOf((byte)' ');
            if (firstSpace < 0)
            {
                target = value;
            }
            else
            {
                method = NullIfDash(Common(value.Slice(0, firstSpace)));
                if (lastSpace > firstSpace)
                {
                    target = value.Slice(firstSpace + 1, lastSpace - firstSpace - 1);
                    protocol = NullIfDash(Common(value.Slice(lastSpace + 1)));
                }
                else
                {
                    target = value.Slice(firstSpace + 1);
                }
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
            int schemeEnd = IndexOfSchemeSeparator(target);
            if (schemeEnd > 0 && target.IndexOf((byte)'/') > schemeEnd)
            {
                scheme = Common(target.Slice(0, schemeEnd)).ToLowerInvariant();
                int authorityStart = schemeEnd + 3;
                int pathLength = target.Slice(authorityStart).IndexOf((byte)'/');
                var authority = pathLength < 0 ? target.Slice(authorityStart) : target.Slice(authorityStart, pathLength);
                rest = pathLength < 0 ? ReadOnlySpan<byte>.Empty : target.Slice(authorityStart + pathLength);
                SplitAuthority(authority, out host, out port);
            }

            string? path;
            string? query = null;
            int q = rest.IndexOf((byte)'?');
            if (q < 0)
            {
                path = rest.Length == 0 ? null : Utf8Fields.Decode(rest);
            }
            else
            {
                path = Utf8Fields.Decode(rest.Slice(0, q));
                query = Utf8Fields.Decode(rest.Slice(q + 1));
            }

            Apply(record, method, scheme, host, port, path, query, protocol);
            return true;
        }

        private static void Apply(LbLogRecord record, string? method, string? scheme, string? host, int? port, string? path, string? query, string? protocol)
        {
            record.Method = method;
            record.Scheme = scheme;
            record.Host = host;
            record.ListenerPort = port;
            record.Path = path;
            record.Query = query;
            record.Protocol = protocol;
        }

        private static void SplitAuthority(ReadOnlySpan<byte> authority, out string? host, out int? port)
        {
            port = null;
            int colon = authority.LastIndexOf((byte)':');
            int bracket = authority.LastIndexOf((byte)']');
            var name = authority;
            if (colon > bracket && colon > 0)
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

            host = name.Length == 0 ? null : Hosts.Get(name);
        }

        private static int IndexOfSchemeSeparator(ReadOnlySpan<byte> target)
        {
            int from = 0;
            while (true)
            {
                int colon = target.Slice(from).IndexOf((byte)':');
                if (colon < 0)
                {
                    return -1;
                }

                int at = from + colon;
                if (at + 2 < target.Length && target[at + 1] == (byte)'/' && target[at + 2] == (byte)'/')
                {
                    return at;
                }

                from = at + 1;
            }
        }

        private static string Common(ReadOnlySpan<byte> text)
        {
            foreach (var token in CommonTokens)
            {
                if (token.Length == text.Length && Equals(text, token))
                {
                    return token;
                }
            }

            return Utf8Fields.Decode(text);
        }

        private static bool Equals(ReadOnlySpan<byte> bytes, string ascii)
        {
            for (int i = 0; i < bytes.Length; i++)
            {
                if (bytes[i] != ascii[i])
                {
                    return false;
                }
            }

            return true;
        }

        private static string? NullIfDash(string s) => s.Length == 0 || s == "-" ? null : s;

        /// <summary>The ASCII characters string.Trim removes (the others are not ASCII).</summary>
        private static bool IsWhiteSpace(byte b) => b == (byte)' ' || (b >= 0x09 && b <= 0x0D);

        private static bool IsAscii(ReadOnlySpan<byte> bytes)
        {
            foreach (byte b in bytes)
            {
                if (b >= 0x80)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
