using System.Collections.Generic;
using System.Globalization;
using System;
using LbTools.Core.Probes.Http;

namespace LbTools.Core.Probes
{
    /// <summary>
    /// A backend to probe, parsed from host:port, [v6]:port, a bare IPv6 address with port after
    /// the last colon (as nginx logs it), or an http(s) URL.
    /// </summary>
    public sealed class BackendTarget
    {
        private BackendTarget(string original, string host, int port, string? scheme, string path)
        {
            Original = original;
            Host = host;
            Port = port;
            Scheme = scheme;
            Path = path;
        }

        /// <summary>The text the user gave.</summary>
        public string Original { get; }

        /// <summary>Name or address, without IPv6 brackets.</summary>
        public string Host { get; }

        public int Port { get; }

        /// <summary>"http" or "https" when given as a URL, else null.</summary>
        public string? Scheme { get; }

        public string Path { get; }

        public bool IsTls => string.Equals(Scheme, "https", StringComparison.OrdinalIgnoreCase);

        /// <summary>host:port with IPv6 in brackets, as used in Host headers and messages.</summary>
        public string Authority => Host.IndexOf(':') >= 0 ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

        public static bool TryParse(string? text, out BackendTarget? target, out string? error)
        {
            target = null;
            error = null;
            if (text == null || text.Trim().Length == 0)
            {
                error = "the target is empty";
                return false;
            }

            string value = text.Trim();
            if (WireText.FirstForbidden(value, allowSpace: false) is char bad)
            {
                // A target may come from a log line a client wrote: it must never add a header.
                error = $"it holds {WireText.Describe(bad)}, which no host, port or path may hold";
                return false;
            }

            if (value.StartsWith("unix:", StringComparison.OrdinalIgnoreCase))
            {
                error = "a unix socket cannot be probed over the network";
                return false;
            }

            string? scheme = null;
            string path = "/";
            int schemeEnd = value.IndexOf("://", StringComparison.Ordinal);
            if (schemeEnd > 0)
            {
                scheme = value.Substring(0, schemeEnd).ToLowerInvariant();
                if (scheme != "http" && scheme != "https")
                {
                    error = $"the scheme '{scheme}' is not supported (use http or https)";
                    return false;
                }

                value = value.Substring(schemeEnd + 3);
                int slash = value.IndexOf('/');
                if (slash >= 0)
                {
                    path = value.Substring(slash);
                    value = value.Substring(0, slash);
                }
            }

            string host;
            string? portText = null;
            if (value.StartsWith("[", StringComparison.Ordinal))
            {
                int close = value.IndexOf(']');
                if (close < 0)
                {
                    error = "an IPv6 address in brackets is not closed";
                    return false;
                }

                host = value.Substring(1, close - 1);
                string rest = value.Substring(close + 1);
                if (rest.Length > 0)
                {
                    if (rest[0] != ':')
                    {
                        error = "expected ':port' after the IPv6 address";
                        return false;
                    }

                    portText = rest.Substring(1);
                }
            }
            else
            {
                int colon = value.LastIndexOf(':');
                if (colon > 0)
                {
                    host = value.Substring(0, colon);
                    portText = value.Substring(colon + 1);
                }
                else
                {
                    host = value;
                }
            }

            if (host.Length == 0)
            {
                error = "the host is empty";
                return false;
            }

            int port;
            if (portText == null)
            {
                if (scheme == null)
                {
                    error = "the port is missing (use host:port or a URL)";
                    return false;
                }

                port = scheme == "https" ? 443 : 80;
            }
            else if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port < 1 || port > 65535)
            {
                error = $"'{portText}' is not a port number (1-65535)";
                return false;
            }

            target = new BackendTarget(text, host, port, scheme, path);
            return true;
        }

        /// <summary>
        /// Splits a value that may name several upstreams, as nginx's $upstream_addr does:
        /// "a:80, b:80" (attempts) and "a:80 : b:80" (internal redirect to another group).
        /// </summary>
        public static IReadOnlyList<string> SplitList(string? text)
        {
            var items = new List<string>();
            if (text == null)
            {
                return items;
            }

            foreach (var attempt in text.Split(','))
            {
                foreach (var part in attempt.Split(new[] { " : " }, StringSplitOptions.None))
                {
                    string item = part.Trim();
                    if (item.Length > 0)
                    {
                        items.Add(item);
                    }
                }
            }

            return items;
        }

        /// <summary>
        /// Every target named by <paramref name="values"/> (each may list several, as
        /// <see cref="SplitList"/> reads them), parsed. A text that is no target goes to
        /// <paramref name="invalid"/> with the reason, for the front end to report in its own words.
        /// </summary>
        public static IReadOnlyList<BackendTarget> ParseAll(IEnumerable<string?> values, Action<string, string> invalid)
        {
            if (invalid == null)
            {
                throw new ArgumentNullException(nameof(invalid));
            }

            var targets = new List<BackendTarget>();
            foreach (var value in values ?? throw new ArgumentNullException(nameof(values)))
            {
                foreach (var text in SplitList(value))
                {
                    if (TryParse(text, out var target, out var error))
                    {
                        targets.Add(target!);
                    }
                    else
                    {
                        invalid(text, error!);
                    }
                }
            }

            return targets;
        }

        public static BackendTarget Parse(string text) =>
            TryParse(text, out var target, out var error) ? target! : throw new FormatException(InvalidMessage(text, error!));

        /// <summary>"'text' is not a valid target: why." with control characters of the text shown escaped, never raw.</summary>
        public static string InvalidMessage(string? text, string error) => $"'{WireText.Printable(text ?? string.Empty)}' is not a valid target: {error}.";

        public override string ToString() => Original;
    }
}
