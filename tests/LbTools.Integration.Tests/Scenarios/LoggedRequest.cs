using System.Text.Json;
using LbTools.Integration.Tests.Nginx;

namespace LbTools.Integration.Tests.Scenarios;

/// <summary>
/// One access-log entry read back for the tests' own assertions on what nginx wrote (the
/// product's parsers are checked separately, in ScenarioCauseTests, against the same lines).
/// </summary>
public sealed class LoggedRequest
{
    /// <summary>Field names of <see cref="NginxLogFormats.Plain"/>, in the order the variables appear.</summary>
    public static readonly IReadOnlyList<string> PlainFieldOrder = new[]
    {
        "time", "client_ip", "status", "upstream_status", "upstream_addr", "upstream_connect_time",
        "upstream_header_time", "upstream_response_time", "request_time", "tcpinfo_rtt", "request_method",
        "request_uri", "host", "http_host", "server_protocol", "scheme", "request_length", "body_bytes_sent",
        "http_user_agent", "connection",
    };

    private readonly IReadOnlyDictionary<string, string> _fields;

    private LoggedRequest(IReadOnlyDictionary<string, string> fields)
    {
        _fields = fields;
    }

    public string this[string name] => _fields.TryGetValue(name, out var value) ? value : throw new KeyNotFoundException($"No field '{name}' in the logged line.");

    public IReadOnlyDictionary<string, string> Fields => _fields;

    public int Status => int.Parse(this["status"]);

    public static LoggedRequest FromJson(string line)
    {
        var values = JsonSerializer.Deserialize<Dictionary<string, string>>(line)
            ?? throw new FormatException($"Not a JSON object: {line}");
        return new LoggedRequest(values);
    }

    /// <summary>Splits a plain line into its fields: double-quoted values or space-separated words.</summary>
    public static LoggedRequest FromPlain(string line)
    {
        var values = new List<string>();
        int i = 0;
        while (i < line.Length)
        {
            if (line[i] == ' ')
            {
                i++;
                continue;
            }

            if (line[i] == '"')
            {
                int end = line.IndexOf('"', i + 1);
                if (end < 0)
                {
                    throw new FormatException($"Unclosed quote at {i}: {line}");
                }

                values.Add(line.Substring(i + 1, end - i - 1));
                i = end + 1;
            }
            else
            {
                int end = line.IndexOf(' ', i);
                end = end < 0 ? line.Length : end;
                values.Add(line.Substring(i, end - i));
                i = end;
            }
        }

        if (values.Count != PlainFieldOrder.Count)
        {
            throw new FormatException($"Expected {PlainFieldOrder.Count} fields, found {values.Count}: {line}");
        }

        return new LoggedRequest(PlainFieldOrder.Zip(values).ToDictionary(p => p.First, p => p.Second));
    }
}
