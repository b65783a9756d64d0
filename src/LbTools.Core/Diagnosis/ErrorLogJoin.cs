using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using LbTools.Core.Logs;
using LbTools.Core.Logs.ErrorLog;

namespace LbTools.Core.Diagnosis
{
    /// <summary>
    /// Attaches nginx error-log events to the access-log records they belong to. nginx writes an
    /// event when the failure happens and the access line when the request ends, both on its own
    /// local clock (the error log to the second). An event belongs to a record when:
    /// the connection serial (*N) equals the record's $connection, when the log_format has it;
    /// otherwise the client address, the request line (when both sides have one) and the upstream
    /// address (when both have one) agree. In both cases the event's second must fall between the
    /// request's start (end minus request_time) and its end, one second of slack on each side.
    /// A retried request has one event per failed attempt: a record can take several events, an
    /// event goes to one record. Events never attached stay in <see cref="Unjoined"/>.
    /// </summary>
    public sealed class ErrorLogJoin
    {
        private static readonly TimeSpan Slack = TimeSpan.FromSeconds(1);
        private readonly List<NginxErrorEvent> _events;
        private readonly bool[] _joined;
        private readonly Dictionary<long, List<int>> _byConnection = new Dictionary<long, List<int>>();
        private readonly Dictionary<string, List<int>> _byClient = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase);

        public ErrorLogJoin(IEnumerable<NginxErrorEvent> events)
        {
            _events = (events ?? throw new ArgumentNullException(nameof(events))).ToList();
            _joined = new bool[_events.Count];
            for (int i = 0; i < _events.Count; i++)
            {
                var e = _events[i];
                if (e.Connection is long serial)
                {
                    Index(_byConnection, serial, i);
                }

                if (!string.IsNullOrEmpty(e.Client))
                {
                    Index(_byClient, e.Client!, i);
                }
            }
        }

        /// <summary>Every event given, joined or not.</summary>
        public IReadOnlyList<NginxErrorEvent> Events => _events;

        public int JoinedCount => _joined.Count(j => j);

        /// <summary>Events tied to a connection (*N) that no record took: the request may be outside the access logs read, or its line was filtered out.</summary>
        public IReadOnlyList<NginxErrorEvent> Unjoined => _events.Where((e, i) => !_joined[i] && e.Connection != null).ToArray();

        /// <summary>Events outside any connection (worker start, configuration, signals): never joined, listed for completeness.</summary>
        public IReadOnlyList<NginxErrorEvent> ProcessEvents => _events.Where(e => e.Connection == null).ToArray();

        /// <summary>
        /// Takes the events that belong to <paramref name="record"/>: they are marked joined and
        /// returned in log order (empty when none).
        /// </summary>
        public IReadOnlyList<NginxErrorEvent> Attach(LbLogRecord record)
        {
            if (record == null)
            {
                throw new ArgumentNullException(nameof(record));
            }

            List<NginxErrorEvent>? found = null;
            var window = Window(record);
            long? connection = ConnectionOf(record);
            List<int>? candidates = null;
            bool byConnection = connection != null && _byConnection.TryGetValue(connection.Value, out candidates);
            if (!byConnection && connection == null && !string.IsNullOrEmpty(record.ClientAddress))
            {
                _byClient.TryGetValue(record.ClientAddress!, out candidates);
            }

            if (candidates == null)
            {
                return Array.Empty<NginxErrorEvent>();
            }

            string? request = RequestLineOf(record);
            foreach (int i in candidates)
            {
                if (_joined[i])
                {
                    continue;
                }

                var e = _events[i];
                if (!InWindow(e, window))
                {
                    continue;
                }

                if (!byConnection && !AgreesWithoutConnection(e, record, request))
                {
                    continue;
                }

                if (byConnection && request != null && e.Request != null && !string.Equals(e.Request, request, StringComparison.Ordinal))
                {
                    // A keep-alive connection carries several requests: the request line tells them apart.
                    continue;
                }

                _joined[i] = true;
                (found ??= new List<NginxErrorEvent>()).Add(e);
            }

            return found ?? (IReadOnlyList<NginxErrorEvent>)Array.Empty<NginxErrorEvent>();
        }

        /// <summary>$connection of the record (Fields "connection"), or null when the log_format lacks it.</summary>
        public static long? ConnectionOf(LbLogRecord record)
        {
            var value = Field(record, "connection");
            return value != null && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var serial) ? serial : (long?)null;
        }

        private static bool AgreesWithoutConnection(NginxErrorEvent e, LbLogRecord record, string? request)
        {
            if (!string.Equals(e.Client, record.ClientAddress, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            if (request != null && e.Request != null && !string.Equals(e.Request, request, StringComparison.Ordinal))
            {
                return false;
            }

            if (e.UpstreamAddress != null)
            {
                var addresses = record.UpstreamAddresses.Count > 0 ? record.UpstreamAddresses : record.Upstream == null ? (IReadOnlyList<string>)Array.Empty<string>() : new[] { record.Upstream };
                if (addresses.Count > 0 && !addresses.Contains(e.UpstreamAddress, StringComparer.OrdinalIgnoreCase))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The request line as nginx's $request and the error log's request: "..." write it.</summary>
        private static string? RequestLineOf(LbLogRecord record)
        {
            var request = Field(record, "request");
            if (request != null)
            {
                return request;
            }

            var uri = Field(record, "request_uri");
            var method = record.Method;
            var protocol = record.Protocol ?? Field(record, "server_protocol");
            return method != null && uri != null && protocol != null ? $"{method} {uri} {protocol}" : null;
        }

        private static bool InWindow(NginxErrorEvent e, (DateTime Start, DateTime End, bool Utc)? window)
        {
            if (window == null)
            {
                return true;
            }

            var w = window.Value;
            DateTime at = w.Utc && e.Time != null ? e.Time.Value.UtcDateTime : e.LocalTime;
            return at >= w.Start - Slack && at <= w.End + Slack;
        }

        /// <summary>
        /// The request's span on the clock the event is read with: UTC when events carry a zone,
        /// else the wall clock of the record's own offset (nginx writes both logs on one clock).
        /// </summary>
        private (DateTime Start, DateTime End, bool Utc)? Window(LbLogRecord record)
        {
            if (record.Time is not DateTimeOffset end)
            {
                return null;
            }

            var duration = TimeSpan.FromSeconds(Math.Max(0, record.RequestTime ?? 0));
            bool utc = _events.Count > 0 && _events[0].Time != null;
            var clock = utc ? end.UtcDateTime : end.UtcDateTime + OffsetOf(record);
            return (clock - duration, clock, utc);
        }

        /// <summary>The UTC offset written in the record's time field ($time_local "+0200", $time_iso8601 "+02:00"), zero when none.</summary>
        public static TimeSpan OffsetOf(LbLogRecord record)
        {
            foreach (var name in new[] { "time_local", "time_iso8601", "time" })
            {
                var text = Field(record, name);
                if (text == null || text.Length < 5)
                {
                    continue;
                }

                if (text.EndsWith("Z", StringComparison.Ordinal))
                {
                    return TimeSpan.Zero;
                }

                string tail = text.Substring(text.Length - (text[text.Length - 3] == ':' ? 6 : 5));
                tail = tail.Replace(":", string.Empty);
                if ((tail[0] == '+' || tail[0] == '-') && int.TryParse(tail.Substring(1), NumberStyles.None, CultureInfo.InvariantCulture, out var hhmm))
                {
                    var offset = new TimeSpan(hhmm / 100, hhmm % 100, 0);
                    return tail[0] == '-' ? -offset : offset;
                }
            }

            return TimeSpan.Zero;
        }

        private static string? Field(LbLogRecord record, string name) =>
            record.Fields.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) && value != "-" ? value : null;

        private static void Index<TKey>(Dictionary<TKey, List<int>> index, TKey key, int i)
            where TKey : notnull
        {
            if (!index.TryGetValue(key, out var list))
            {
                list = new List<int>();
                index[key] = list;
            }

            list.Add(i);
        }
    }
}
