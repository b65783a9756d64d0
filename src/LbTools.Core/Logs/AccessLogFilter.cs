using System.Collections.Generic;
using System.Globalization;
using System;
using LbTools.Core.Logs.Sources;

namespace LbTools.Core.Logs
{
    /// <summary>
    /// The record filters of Get-LbAccessLog (-Status, -Since, -Until, -Upstream, -Host, -First),
    /// applied in Core so a record that does not pass never reaches PowerShell.
    /// </summary>
    public sealed class AccessLogFilter
    {
        private readonly List<(int Low, int High)> _statusRanges = new List<(int, int)>();
        private WildcardMatcher? _upstream;
        private WildcardMatcher? _host;

        /// <summary>Only records logged at or after this instant.</summary>
        public DateTimeOffset? Since { get; set; }

        /// <summary>Only records logged at or before this instant.</summary>
        public DateTimeOffset? Until { get; set; }

        /// <summary>Stop reading once this many records have passed the filters.</summary>
        public long? First { get; set; }

        /// <summary>Wildcard (* and ?) matched against every upstream attempt, case-insensitive.</summary>
        public string? Upstream
        {
            get => _upstream?.Pattern;
            set => _upstream = value == null ? null : new WildcardMatcher(value);
        }

        /// <summary>Wildcard (* and ?) matched against the request host, case-insensitive.</summary>
        public string? Host
        {
            get => _host?.Pattern;
            set => _host = value == null ? null : new WildcardMatcher(value);
        }

        public bool HasStatus => _statusRanges.Count > 0;

        /// <summary>True when some filter other than -First is set.</summary>
        public bool IsActive => HasStatus || Since != null || Until != null || _upstream != null || _host != null;

        /// <summary>
        /// Adds status specs: a code ("502"), a class ("5xx"), a range ("500-504"), or several
        /// separated by commas ("502,5xx"). Throws ArgumentException naming a bad spec.
        /// </summary>
        public AccessLogFilter AddStatus(params string[] specs)
        {
            foreach (var spec in specs ?? Array.Empty<string>())
            {
                foreach (var raw in (spec ?? string.Empty).Split(','))
                {
                    var part = raw.Trim();
                    if (part.Length == 0)
                    {
                        continue;
                    }

                    _statusRanges.Add(ParseStatus(part));
                }
            }

            return this;
        }

        public bool Matches(LbLogRecord record)
        {
            if (!MatchesNumbers(record.Status, record.Time))
            {
                return false;
            }

            if (_host != null && (record.Host == null || !_host.IsMatch(record.Host)))
            {
                return false;
            }

            if (_upstream != null && !UpstreamMatches(record))
            {
                return false;
            }

            return true;
        }

        /// <summary>True when -HostName and -Upstream (text) are the only filters that can still fail.</summary>
        internal bool HasNumberFilters => HasStatus || Since != null || Until != null;

        /// <summary>
        /// The status and time filters alone, for parsers that know those values before they
        /// build a record: a line failing here would fail <see cref="Matches"/> too.
        /// </summary>
        internal bool MatchesNumbers(int? status, DateTimeOffset? time)
        {
            if (_statusRanges.Count > 0 && !StatusMatches(status))
            {
                return false;
            }

            if (Since != null && (time == null || time < Since))
            {
                return false;
            }

            return Until == null || (time != null && time <= Until);
        }

        private bool StatusMatches(int? status)
        {
            if (status == null)
            {
                return false;
            }

            foreach (var (low, high) in _statusRanges)
            {
                if (status >= low && status <= high)
                {
                    return true;
                }
            }

            return false;
        }

        private bool UpstreamMatches(LbLogRecord record)
        {
            foreach (var address in record.UpstreamAddresses)
            {
                if (address != null && _upstream!.IsMatch(address))
                {
                    return true;
                }
            }

            return record.Upstream != null && _upstream!.IsMatch(record.Upstream);
        }

        private static (int, int) ParseStatus(string part)
        {
            if (part.Length == 3 && char.IsDigit(part[0]) && (part[1] == 'x' || part[1] == 'X') && (part[2] == 'x' || part[2] == 'X'))
            {
                int hundreds = (part[0] - '0') * 100;
                return (hundreds, hundreds + 99);
            }

            int dash = part.IndexOf('-', 1);
            if (dash > 0
                && int.TryParse(part.Substring(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var low)
                && int.TryParse(part.Substring(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var high)
                && low <= high)
            {
                return (low, high);
            }

            if (int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var code))
            {
                return (code, code);
            }

            throw new ArgumentException($"'{part}' is not a status filter; use a code (502), a class (5xx) or a range (500-504).");
        }
    }
}
