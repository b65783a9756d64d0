namespace LbTools.Core.Logs.Values
{
    /// <summary>
    /// The parts of a logged request line such as "GET https://host:443/p?q HTTP/1.1".
    /// Tolerates the forms balancers write for broken requests ("- http://host:80- -").
    /// </summary>
    internal sealed class RequestLine
    {
        public string? Method { get; private set; }

        public string? Scheme { get; private set; }

        public string? Host { get; private set; }

        public int? Port { get; private set; }

        public string? Path { get; private set; }

        public string? Query { get; private set; }

        public string? Protocol { get; private set; }

        /// <summary>Length of the URI (path and query) as the client sent it.</summary>
        public int UriLength { get; private set; }

        /// <summary>Parses the request line and copies its parts to the record's request properties.</summary>
        public static void ApplyTo(string? text, LbLogRecord record)
        {
            var request = Parse(text);
            record.Method = request.Method;
            record.Scheme = request.Scheme;
            record.Host = request.Host;
            record.ListenerPort = request.Port;
            record.Path = request.Path;
            record.Query = request.Query;
            record.Protocol = request.Protocol;
        }

        public static RequestLine Parse(string? text)
        {
            var result = new RequestLine();
            if (string.IsNullOrEmpty(text) || text == "-")
            {
                return result;
            }

            // Classic ELB writes "- - - " (with a trailing space) for TCP listeners.
            string value = text!.Trim();
            int firstSpace = value.IndexOf(' ');
            int lastSpace = value.LastIndexOf(' ');
            string target;
            if (firstSpace < 0)
            {
                target = value;
            }
            else
            {
                result.Method = NullIfDash(Common(value, 0, firstSpace));
                if (lastSpace > firstSpace)
                {
                    target = value.Substring(firstSpace + 1, lastSpace - firstSpace - 1);
                    result.Protocol = NullIfDash(Common(value, lastSpace + 1, value.Length - lastSpace - 1));
                }
                else
                {
                    target = value.Substring(firstSpace + 1);
                }
            }

            result.ParseTarget(target);
            return result;
        }

        private void ParseTarget(string target)
        {
            target = target.Trim();
            if (target.Length == 0 || target == "-")
            {
                return;
            }

            string rest = target;
            int schemeEnd = target.IndexOf("://", System.StringComparison.Ordinal);
            if (schemeEnd > 0 && target.IndexOf('/') > schemeEnd)
            {
                Scheme = Common(target, 0, schemeEnd).ToLowerInvariant();
                int authorityStart = schemeEnd + 3;
                int pathStart = target.IndexOf('/', authorityStart);
                string authority = pathStart < 0 ? target.Substring(authorityStart) : target.Substring(authorityStart, pathStart - authorityStart);
                rest = pathStart < 0 ? string.Empty : target.Substring(pathStart);
                SplitAuthority(authority);
            }

            UriLength = rest.Length;
            int q = rest.IndexOf('?');
            if (q < 0)
            {
                Path = rest.Length == 0 ? null : rest;
            }
            else
            {
                Path = rest.Substring(0, q);
                Query = rest.Substring(q + 1);
            }
        }

        private void SplitAuthority(string authority)
        {
            int colon = authority.LastIndexOf(':');
            int bracket = authority.LastIndexOf(']');
            if (colon > bracket && colon > 0)
            {
                // Digits after the colon; the malformed form "host:80-" still yields 80.
                int port = 0;
                int digits = 0;
                for (int i = colon + 1; i < authority.Length && authority[i] >= '0' && authority[i] <= '9' && digits < 9; i++, digits++)
                {
                    port = (port * 10) + (authority[i] - '0');
                }

                if (digits > 0)
                {
                    Port = port;
                }

                Host = authority.Substring(0, colon);
            }
            else
            {
                Host = authority;
            }

            if (Host != null && Host.Length == 0)
            {
                Host = null;
            }
        }

        private static readonly string[] CommonTokens = { "GET", "POST", "PUT", "HEAD", "DELETE", "OPTIONS", "PATCH", "HTTP/1.1", "HTTP/1.0", "HTTP/2.0", "HTTP/2", "http", "https", "ws", "wss", "-" };

        /// <summary>The text at [start, start+length), as a shared instance when it is a common method, scheme or version.</summary>
        private static string Common(string text, int start, int length)
        {
            foreach (var token in CommonTokens)
            {
                if (token.Length == length && string.CompareOrdinal(text, start, token, 0, length) == 0)
                {
                    return token;
                }
            }

            return text.Substring(start, length);
        }

        private static string? NullIfDash(string s) => s.Length == 0 || s == "-" ? null : s;
    }
}
