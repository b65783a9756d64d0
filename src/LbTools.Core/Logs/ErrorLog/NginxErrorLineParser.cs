using System;
using System.Collections.Generic;
using System.Globalization;

namespace LbTools.Core.Logs.ErrorLog
{
    /// <summary>
    /// Reads the line shape nginx's ngx_log_error_core (src/core/ngx_log.c) writes, which Tengine
    /// and OpenResty keep: "yyyy/MM/dd HH:mm:ss [level] pid#tid: *connection message", then the
    /// request context ngx_http_log_error (src/http/ngx_http_request.c) appends:
    /// ", client: A, server: B, request: "…", upstream: "…", host: "…", referrer: "…"".
    /// A line that does not start with a time stamp continues the entry before it.
    /// </summary>
    internal static class NginxErrorLineParser
    {
        private const int HeaderLength = 19; // "yyyy/MM/dd HH:mm:ss"

        // The context keys nginx's http, stream and mail modules append, in the order they write them.
        private static readonly string[] ContextKeys = { "client", "server", "login", "upstream", "request", "subrequest", "host", "referrer", "bytes from/to client", "bytes from/to upstream" };

        /// <summary>True when the line starts like an entry (a time stamp), false for a continuation line.</summary>
        public static bool StartsEntry(string line) =>
            line.Length >= HeaderLength && IsDigits(line, 0, 4) && line[4] == '/' && IsDigits(line, 5, 2) && line[7] == '/' && IsDigits(line, 8, 2) && line[10] == ' ' && IsDigits(line, 11, 2) && line[13] == ':';

        /// <summary>Parses an entry's first line; false with the reason when it starts with a time stamp but breaks the shape.</summary>
        public static bool TryParse(string line, out NginxErrorEvent? entry, out string failure)
        {
            entry = null;
            failure = string.Empty;
            if (!DateTime.TryParseExact(line.Substring(0, Math.Min(HeaderLength, line.Length)), "yyyy'/'MM'/'dd HH':'mm':'ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            {
                failure = "the time stamp is not yyyy/MM/dd HH:mm:ss";
                return false;
            }

            int pos = HeaderLength;
            if (pos + 2 > line.Length || line[pos] != ' ' || line[pos + 1] != '[')
            {
                failure = "no [level] after the time";
                return false;
            }

            int close = line.IndexOf(']', pos + 2);
            if (close < 0 || !TryLevel(line.Substring(pos + 2, close - pos - 2), out var level))
            {
                failure = "the [level] is not one of debug, info, notice, warn, error, crit, alert, emerg";
                return false;
            }

            pos = close + 1;
            if (pos >= line.Length || line[pos] != ' ')
            {
                failure = "no pid#tid after the level";
                return false;
            }

            pos++;
            int hash = line.IndexOf('#', pos);
            int colon = hash < 0 ? -1 : line.IndexOf(':', hash);
            if (hash < 0 || colon < 0 || !int.TryParse(line.Substring(pos, hash - pos), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                || !int.TryParse(line.Substring(hash + 1, colon - hash - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var tid))
            {
                failure = "the process part is not pid#tid:";
                return false;
            }

            pos = colon + 1;
            if (pos < line.Length && line[pos] == ' ')
            {
                pos++;
            }

            long? connection = null;
            if (pos < line.Length && line[pos] == '*')
            {
                int end = pos + 1;
                while (end < line.Length && line[end] >= '0' && line[end] <= '9')
                {
                    end++;
                }

                if (end == pos + 1 || !long.TryParse(line.Substring(pos + 1, end - pos - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var serial))
                {
                    failure = "'*' is not followed by a connection number";
                    return false;
                }

                connection = serial;
                pos = end < line.Length && line[end] == ' ' ? end + 1 : end;
            }

            entry = new NginxErrorEvent
            {
                LocalTime = time,
                Level = level,
                ProcessId = pid,
                ThreadId = tid,
                Connection = connection,
            };
            ReadContext(line.Substring(pos), entry);
            return true;
        }

        /// <summary>host:port of an upstream URL ("http://10.0.0.5:8080/x" -> "10.0.0.5:8080"); the text itself when it is no URL.</summary>
        public static string? AddressOf(string? upstream)
        {
            if (string.IsNullOrEmpty(upstream))
            {
                return null;
            }

            int scheme = upstream!.IndexOf("://", StringComparison.Ordinal);
            int start = scheme < 0 ? 0 : scheme + 3;
            int slash = upstream.IndexOf('/', start);
            return slash < 0 ? upstream.Substring(start) : upstream.Substring(start, slash - start);
        }

        private static void ReadContext(string text, NginxErrorEvent entry)
        {
            int first = text.IndexOf(", client: ", StringComparison.Ordinal);
            if (first < 0)
            {
                entry.Message = text;
                return;
            }

            entry.Message = text.Substring(0, first);

            // Cut at each ", key: " of a known key, in order of appearance.
            var cuts = new List<(int At, string Key)>();
            int from = first;
            while (from < text.Length)
            {
                int best = -1;
                string? bestKey = null;
                foreach (var key in ContextKeys)
                {
                    int at = text.IndexOf(", " + key + ": ", from, StringComparison.Ordinal);
                    if (at >= 0 && (best < 0 || at < best))
                    {
                        best = at;
                        bestKey = key;
                    }
                }

                if (best < 0)
                {
                    break;
                }

                // A quoted value runs to its closing quote: a ", host: " inside it is not a cut.
                cuts.Add((best, bestKey!));
                int valueStart = best + bestKey!.Length + 4;
                from = valueStart;
                if (valueStart < text.Length && text[valueStart] == '"')
                {
                    int quote = QuoteEnd(text, valueStart + 1);
                    from = quote < 0 ? text.Length : quote + 1;
                }
            }

            for (int i = 0; i < cuts.Count; i++)
            {
                int start = cuts[i].At + cuts[i].Key.Length + 4;
                int end = i + 1 < cuts.Count ? cuts[i + 1].At : text.Length;
                string value = text.Substring(start, Math.Max(0, end - start));
                if (value.Length >= 2 && value[0] == '"' && value[value.Length - 1] == '"')
                {
                    value = value.Substring(1, value.Length - 2);
                }

                switch (cuts[i].Key)
                {
                    case "client": entry.Client = value; break;
                    case "server": entry.Server = value; break;
                    case "request": entry.Request = value; break;
                    case "upstream": entry.Upstream = value; entry.UpstreamAddress = AddressOf(value); break;
                    case "host": entry.Host = value; break;
                    case "referrer": entry.Referrer = value; break;
                }
            }
        }

        // The quote that ends a value: followed by ", <key>: " or the end of the text.
        private static int QuoteEnd(string text, int from)
        {
            int at = text.IndexOf('"', from);
            while (at >= 0)
            {
                if (at == text.Length - 1)
                {
                    return at;
                }

                foreach (var key in ContextKeys)
                {
                    if (string.CompareOrdinal(text, at + 1, ", " + key + ": ", 0, key.Length + 4) == 0)
                    {
                        return at;
                    }
                }

                at = text.IndexOf('"', at + 1);
            }

            return -1;
        }

        private static bool TryLevel(string text, out NginxErrorLevel level)
        {
            switch (text)
            {
                case "debug": level = NginxErrorLevel.Debug; return true;
                case "info": level = NginxErrorLevel.Info; return true;
                case "notice": level = NginxErrorLevel.Notice; return true;
                case "warn": level = NginxErrorLevel.Warn; return true;
                case "error": level = NginxErrorLevel.Error; return true;
                case "crit": level = NginxErrorLevel.Crit; return true;
                case "alert": level = NginxErrorLevel.Alert; return true;
                case "emerg": level = NginxErrorLevel.Emerg; return true;
                default: level = default; return false;
            }
        }

        private static bool IsDigits(string text, int start, int count)
        {
            for (int i = start; i < start + count; i++)
            {
                if (text[i] < '0' || text[i] > '9')
                {
                    return false;
                }
            }

            return true;
        }
    }
}
