using System.Collections.Generic;
using System.Text;
using System;
using LbTools.Core.Logs.Named;
using LbTools.Core.Logs.Parsing;

namespace LbTools.Core.Logs.Alibaba
{
    /// <summary>
    /// Simple Log Service CSV exports: the first row names the columns (status, client_ip,
    /// upstream_addr…, or nginx variable names), every further row is one request. Quoting
    /// follows RFC 4180 (a quoted field may hold commas; "" is one quote). The header row counts
    /// as skipped; a row with a different number of columns is rejected.
    /// </summary>
    internal sealed class AlibabaSlsCsvLineParser : ILogLineParser
    {
        private static readonly string[] Distinctive =
        {
            "status", "upstream_status", "upstream_addr", "client_ip", "request_time", "upstream_response_time",
            "request_uri", "remote_addr", "http_host", "__topic__", "slbid", "app_lb_id", "tcpinfo_rtt",
        };

        private readonly List<string> _cells = new List<string>(40);
        private string[]? _columns;

        public LogFormat Format => LogFormat.AlibabaSlsCsv;

        /// <summary>True for a header row naming status and at least one more Alibaba/nginx column.</summary>
        public static bool LooksLikeHeader(string line)
        {
            if (line.IndexOf(',') < 0)
            {
                return false;
            }

            var cells = new List<string>();
            if (!TrySplit(line, cells))
            {
                return false;
            }

            int known = 0;
            bool status = false;
            foreach (var cell in cells)
            {
                var name = cell.Trim();
                status |= name == "status";
                known += Array.IndexOf(Distinctive, name) >= 0 ? 1 : 0;
            }

            return status && known >= 2;
        }

        public ParseOutcome Parse(string line)
        {
            if (!TrySplit(line, _cells))
            {
                return ParseOutcome.Reject(LineRejection.UnterminatedQuote, "a quoted CSV cell is not closed");
            }

            if (_columns == null)
            {
                if (!LooksLikeHeader(line))
                {
                    return ParseOutcome.Reject(LineRejection.MissingField, "the CSV has no header row naming its columns (status, …) before this line");
                }

                _columns = new string[_cells.Count];
                for (int i = 0; i < _cells.Count; i++)
                {
                    _columns[i] = _cells[i].Trim();
                }

                return ParseOutcome.Skip();
            }

            if (LooksLikeHeader(line))
            {
                // A header repeated where exports were concatenated starts a new column set.
                _columns = null;
                return Parse(line);
            }

            if (_cells.Count != _columns.Length)
            {
                return ParseOutcome.Reject(LineRejection.TooFewFields, $"{_cells.Count} cells, the header names {_columns.Length}");
            }

            var fields = new Dictionary<string, string?>(_columns.Length, StringComparer.OrdinalIgnoreCase);
            for (int i = 0; i < _columns.Length; i++)
            {
                fields[_columns[i]] = _cells[i];
            }

            return NamedRecord.Build(fields, NamedFieldMapper.ProviderOf(new NamedFieldDictionary(fields)));
        }

        internal static bool TrySplit(string line, List<string> cells)
        {
            cells.Clear();
            int i = 0;
            while (true)
            {
                if (i < line.Length && line[i] == '"')
                {
                    var cell = new StringBuilder();
                    i++;
                    while (true)
                    {
                        if (i >= line.Length)
                        {
                            return false;
                        }

                        if (line[i] == '"')
                        {
                            if (i + 1 < line.Length && line[i + 1] == '"')
                            {
                                cell.Append('"');
                                i += 2;
                                continue;
                            }

                            i++;
                            break;
                        }

                        cell.Append(line[i++]);
                    }

                    // Text after the closing quote up to the comma belongs to the cell (lenient).
                    int next = line.IndexOf(',', i);
                    int stop = next < 0 ? line.Length : next;
                    cell.Append(line, i, stop - i);
                    cells.Add(cell.ToString());
                    if (next < 0)
                    {
                        return true;
                    }

                    i = next + 1;
                }
                else
                {
                    int next = line.IndexOf(',', i);
                    if (next < 0)
                    {
                        cells.Add(line.Substring(i));
                        return true;
                    }

                    cells.Add(line.Substring(i, next - i));
                    i = next + 1;
                }
            }
        }
    }
}
