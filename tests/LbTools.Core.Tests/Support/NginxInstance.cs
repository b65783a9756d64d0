using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace LbTools.Core.Tests.Support;

/// <summary>
/// A private nginx (own prefix and config in a temp folder, loopback ports only, no daemon, no
/// master) whose access log is one JSON object per request with Alibaba-style names. Dispose
/// kills the process. Every wait is bounded.
/// </summary>
internal sealed class NginxInstance : IDisposable
{
    public static string Binary => LbTools.Tests.Shared.NginxBinary.Path;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private readonly TempDirectory _dir = new();
    private readonly Process _process;

    private NginxInstance(int port, string serverBlocks)
    {
        Port = port;
        string root = _dir.Path;
        Directory.CreateDirectory(Path.Combine(root, "logs"));
        Directory.CreateDirectory(Path.Combine(root, "tmp"));
        string config = $$"""
            daemon off;
            master_process off;
            worker_processes 1;
            pid {{root}}/nginx.pid;
            error_log {{root}}/logs/error.log info;
            events { worker_connections 64; }
            http {
              client_body_temp_path {{root}}/tmp/body;
              proxy_temp_path {{root}}/tmp/proxy;
              fastcgi_temp_path {{root}}/tmp/fastcgi;
              uwsgi_temp_path {{root}}/tmp/uwsgi;
              scgi_temp_path {{root}}/tmp/scgi;
              log_format alilike escape=json '{"time":"$time_iso8601","client_ip":"$remote_addr","status":"$status","upstream_status":"$upstream_status","upstream_addr":"$upstream_addr","upstream_connect_time":"$upstream_connect_time","upstream_header_time":"$upstream_header_time","upstream_response_time":"$upstream_response_time","request_time":"$request_time","request_method":"$request_method","request_uri":"$request_uri","host":"$host","request_length":"$request_length","tcpinfo_rtt":"$tcpinfo_rtt"}';
              access_log {{root}}/logs/access.log alilike;
              {{serverBlocks.Replace("PORT", port.ToString(System.Globalization.CultureInfo.InvariantCulture))}}
            }
            """;
        File.WriteAllText(Path.Combine(root, "nginx.conf"), config);
        _process = Process.Start(new ProcessStartInfo(Binary, $"-p {root}/ -c {root}/nginx.conf")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("nginx did not start");
    }

    public int Port { get; }

    public string AccessLog => Path.Combine(_dir.Path, "logs", "access.log");

    /// <summary>Starts nginx and waits until it accepts connections on its port.</summary>
    public static NginxInstance Start(int port, string serverBlocks)
    {
        if (!File.Exists(Binary))
        {
            // Fail, never skip: CI installs nginx with apt-get.
            throw new FileNotFoundException($"{Binary} is missing; install it with 'apt-get install -y nginx'.");
        }

        var nginx = new NginxInstance(port, serverBlocks);
        var deadline = DateTime.UtcNow + Bound;
        while (DateTime.UtcNow < deadline)
        {
            if (nginx._process.HasExited)
            {
                string error = nginx._process.StandardError.ReadToEnd();
                nginx.Dispose();
                throw new InvalidOperationException("nginx exited: " + error);
            }

            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return nginx;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }

        nginx.Dispose();
        throw new TimeoutException("nginx did not listen within " + Bound);
    }

    /// <summary>
    /// A loopback port that refuses connections and stays reserved while the socket lives: bound
    /// but not listening, so no other test can take it and a connect gets a reset.
    /// </summary>
    public static Socket ClosedPort(out int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        return socket;
    }

    /// <summary>A loopback port nothing listens on (taken and released again) for nginx to bind.</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Sends GET path and returns the status the client saw.</summary>
    public async Task<int> GetAsync(string path)
    {
        using var http = new HttpClient { Timeout = Bound };
        using var response = await http.GetAsync($"http://127.0.0.1:{Port}{path}");
        return (int)response.StatusCode;
    }

    /// <summary>Waits (bounded) until the access log holds <paramref name="count"/> lines and returns them.</summary>
    public IReadOnlyList<string> WaitForLogLines(int count) =>
        WaitForLogLines(lines => lines.Count >= count, $"at least {count} access-log lines");

    /// <summary>
    /// nginx writes the access-log line after the response went out, so a client can see its
    /// answer before the line exists: wait until the log holds what the test needs.
    /// </summary>
    public IReadOnlyList<string> WaitForLogLines(Func<IReadOnlyList<string>, bool> complete, string what)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (DateTime.UtcNow < deadline)
        {
            if (File.Exists(AccessLog))
            {
                var lines = File.ReadAllLines(AccessLog).Where(l => l.Length > 0).ToArray();
                if (complete(lines))
                {
                    return lines;
                }
            }

            Thread.Sleep(50);
        }

        throw new TimeoutException($"nginx did not write {what} within {Bound}");
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
        _dir.Dispose();
    }
}
