using System.Text;

namespace LbTools.Integration.Tests.Nginx;

/// <summary>
/// Builds the nginx.conf of one scenario: the fixed frame (pid, temp paths and both access logs
/// inside the prefix) around the scenario's own http-level directives and servers.
/// Timeouts default to 1 s so a failing backend costs about a second, not a minute.
/// </summary>
public sealed class NginxConfig
{
    /// <summary>proxy_connect/send/read_timeout of every scenario (seconds): short, so timeouts happen within the test.</summary>
    public const int ProxyTimeoutSeconds = 1;

    // Stands for the prefix folder, known only when the config is written (the unix socket's path).
    private const string PrefixToken = "@PREFIX@";

    private readonly StringBuilder _http = new();
    private readonly List<int> _ports = new();
    private readonly Dictionary<string, string> _files = new(StringComparer.Ordinal);

    /// <summary>Ports the config listens on; the instance waits for each before a scenario starts.</summary>
    public IReadOnlyList<int> Ports => _ports;

    /// <summary>The network namespace nginx runs in: null for this machine's own (loopback ports), else a private one.</summary>
    public PrivateNetwork? Network { get; private set; }

    /// <summary>
    /// The unix socket (below the prefix) a server listens on, or null: how a client reaches an nginx
    /// whose network is private, as no port of it is reachable from this machine's network.
    /// </summary>
    public string? UnixSocketName { get; private set; }

    /// <summary>Files written into the prefix before start (certificates), by file name.</summary>
    public IReadOnlyDictionary<string, string> Files => _files;

    /// <summary>Adds http-level text (upstream blocks, limit_req_zone…).</summary>
    public NginxConfig Http(string directives)
    {
        _http.AppendLine(directives);
        return this;
    }

    /// <summary>A server on a free loopback port with the given body (locations, ssl settings). Returns the port.</summary>
    public int Server(string body, string listenSuffix = "")
    {
        int port = FreePort.Next();
        _ports.Add(port);
        _http.AppendLine($"    server {{\n        listen 127.0.0.1:{port}{listenSuffix};\n        server_name localhost;\n{body}\n    }}");
        return port;
    }

    /// <summary>
    /// Runs nginx in <paramref name="network"/> with one server listening on a unix socket in the
    /// prefix (the client's way in) and the given body. No loopback port is opened.
    /// </summary>
    public NginxConfig InPrivateNetwork(PrivateNetwork network, string body)
    {
        Network = network;
        UnixSocketName = "nginx.sock";
        _http.AppendLine($"    server {{\n        listen unix:{PrefixToken}/{UnixSocketName};\n        server_name localhost;\n{body}\n    }}");
        return this;
    }

    /// <summary>A file put in the prefix (a PEM certificate or key); returns its name for the config.</summary>
    public string File(string name, string content)
    {
        _files[name] = content;
        return name;
    }

    internal string Render(string prefix, bool runAsRoot)
    {
        var temp = Path.Combine(prefix, "temp");
        var logs = Path.Combine(prefix, "logs");
        var conf = new StringBuilder();
        if (runAsRoot)
        {
            conf.AppendLine("user root;");
        }

        conf.AppendLine("worker_processes 1;");
        conf.AppendLine($"pid {Path.Combine(prefix, "nginx.pid")};");
        conf.AppendLine($"error_log {Path.Combine(logs, "error.log")} info;");
        conf.AppendLine("events { worker_connections 256; }");
        conf.AppendLine("http {");
        conf.AppendLine($"    client_body_temp_path {temp}/body;");
        conf.AppendLine($"    proxy_temp_path {temp}/proxy;");
        conf.AppendLine($"    fastcgi_temp_path {temp}/fastcgi;");
        conf.AppendLine($"    uwsgi_temp_path {temp}/uwsgi;");
        conf.AppendLine($"    scgi_temp_path {temp}/scgi;");
        conf.AppendLine($"    log_format {NginxLogFormats.JsonName} escape=json '{NginxLogFormats.Json}';");
        conf.AppendLine($"    log_format {NginxLogFormats.PlainName} '{NginxLogFormats.Plain}';");
        conf.AppendLine($"    access_log {Path.Combine(logs, "access.json")} {NginxLogFormats.JsonName};");
        conf.AppendLine($"    access_log {Path.Combine(logs, "access.log")} {NginxLogFormats.PlainName};");
        conf.AppendLine($"    proxy_connect_timeout {ProxyTimeoutSeconds}s;");
        conf.AppendLine($"    proxy_send_timeout {ProxyTimeoutSeconds}s;");
        conf.AppendLine($"    proxy_read_timeout {ProxyTimeoutSeconds}s;");
        conf.AppendLine("    proxy_http_version 1.1;");
        conf.Append(_http.ToString().Replace(PrefixToken, prefix, StringComparison.Ordinal));
        conf.AppendLine("}");
        return conf.ToString();
    }
}
