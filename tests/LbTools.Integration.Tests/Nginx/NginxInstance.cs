using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LbTools.Integration.Tests.Nginx;

/// <summary>
/// One private nginx: its own prefix and config in a temp folder, loopback ports only, run in
/// the foreground (daemon off) so this process owns it, and killed with its workers on Dispose.
/// Never the system service: nothing under /etc/nginx or /var is read or written. A config with
/// a <see cref="PrivateNetwork"/> runs nginx in a network namespace of its own instead, reached
/// through a unix socket in the prefix; the namespace ends with nginx.
/// </summary>
/// <remarks>
/// Worker user: started as root, nginx switches its workers to the compiled-in user "nobody"
/// unless a <c>user</c> directive says otherwise. That works here without <c>user root;</c>:
/// the master (root) opens the logs and reads the certificates, and the temp folder is created
/// world-traversable (0755), so the workers can create their proxy/body temp files below it.
/// When the tests run as root the workers are told to stay root anyway (<c>user root;</c>):
/// a CI runner with a restrictive umask would otherwise fail in a way that has nothing to do
/// with the scenario. Under a normal user the directive is left out (nginx ignores it then).
/// </remarks>
public sealed class NginxInstance : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);
    private readonly Process _process;
    private readonly StringBuilder _console = new();

    private NginxInstance(string prefix, Process process, int[] ports)
    {
        Prefix = prefix;
        _process = process;
        Ports = ports;
    }

    /// <summary>The temp folder nginx runs in (-p); config, logs, pid and temp files live below it.</summary>
    public string Prefix { get; }

    /// <summary>The loopback ports the config listens on, in the order the config builder chose them.</summary>
    public IReadOnlyList<int> Ports { get; }

    /// <summary>The unix socket the config listens on (nginx in a private network), or null.</summary>
    public string? UnixSocketPath { get; private init; }

    /// <summary>Where a client reaches the first server: its unix socket when there is one, else its loopback port.</summary>
    public EndPoint ClientEndPoint => UnixSocketPath != null ? new UnixDomainSocketEndPoint(UnixSocketPath) : new IPEndPoint(IPAddress.Loopback, Ports[0]);

    /// <summary>The nginx master's process id (in a private network, the process whose namespace a probe joins).</summary>
    public int ProcessId => _process.Id;

    public string JsonLogPath => Path.Combine(Prefix, "logs", "access.json");

    public string PlainLogPath => Path.Combine(Prefix, "logs", "access.log");

    public string ErrorLogPath => Path.Combine(Prefix, "logs", "error.log");

    /// <summary>The nginx binary: $LBTOOLS_NGINX, else nginx on PATH (<see cref="LbTools.Tests.Shared.NginxBinary"/>).</summary>
    public static string FindBinary() => LbTools.Tests.Shared.NginxBinary.Path;

    /// <summary>Writes the config, starts nginx and waits until every listening port accepts.</summary>
    public static NginxInstance Start(NginxConfig config)
    {
        var binary = FindBinary();
        var prefix = Path.Combine(Path.GetTempPath(), "lbtools-nginx-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path.Combine(prefix, "logs"));
        Directory.CreateDirectory(Path.Combine(prefix, "temp"));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(prefix, (UnixFileMode)0b111_101_101);
        }

        foreach (var (name, content) in config.Files)
        {
            File.WriteAllText(Path.Combine(prefix, name), content);
        }

        var confPath = Path.Combine(prefix, "nginx.conf");
        File.WriteAllText(confPath, config.Render(prefix, runAsRoot: Environment.UserName == "root"));

        var arguments = new[] { "-p", prefix + "/", "-c", confPath, "-e", Path.Combine(prefix, "logs", "error.log"), "-g", "daemon off;" };
        ProcessStartInfo start;
        if (config.Network is { } network)
        {
            start = network.Wrap(binary, arguments);
        }
        else
        {
            start = new ProcessStartInfo(binary)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        var instance = new NginxInstance(prefix, process, config.Ports.ToArray())
        {
            UnixSocketPath = config.UnixSocketName == null ? null : Path.Combine(prefix, config.UnixSocketName),
        };
        process.OutputDataReceived += (_, e) => instance.Capture(e.Data);
        process.ErrorDataReceived += (_, e) => instance.Capture(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            instance.WaitUntilListening();
            if (config.Network != null)
            {
                PrivateNetwork.EnsureIsolated(process.Id);
            }
        }
        catch (InvalidOperationException ex) when (config.Network != null)
        {
            instance.Dispose();
            throw new InvalidOperationException($"nginx was started through 'unshare --net' in a network namespace of its own, which needs root (CAP_SYS_ADMIN): {ex.Message}", ex);
        }
        catch
        {
            instance.Dispose();
            throw;
        }

        return instance;
    }

    /// <summary>
    /// Waits until the access logs hold at least <paramref name="count"/> lines each and returns
    /// them. nginx writes a line when the request is finalised, which can be after the client
    /// saw the end of the response, hence the wait.
    /// </summary>
    public (IReadOnlyList<string> Json, IReadOnlyList<string> Plain) WaitForLogLines(int count, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(10);
        while (true)
        {
            var json = ReadLines(JsonLogPath);
            var plain = ReadLines(PlainLogPath);
            if (json.Count >= count && plain.Count >= count)
            {
                return (json, plain);
            }

            if (clock.Elapsed > limit)
            {
                throw new TimeoutException(
                    $"nginx wrote {json.Count} JSON and {plain.Count} plain access-log lines within {limit.TotalSeconds} s, expected {count}.{Environment.NewLine}Error log:{Environment.NewLine}{ErrorLog()}");
            }

            Thread.Sleep(25);
        }
    }

    /// <summary>Waits until a log the scenario's own access_log writes (a path below the prefix) holds <paramref name="count"/> complete lines.</summary>
    public IReadOnlyList<string> WaitForLines(string relativePath, int count, TimeSpan? timeout = null)
    {
        var path = Path.Combine(Prefix, relativePath);
        var clock = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(10);
        while (true)
        {
            var lines = ReadLines(path);
            if (lines.Count >= count)
            {
                return lines;
            }

            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"nginx wrote {lines.Count} lines to {relativePath} within {limit.TotalSeconds} s, expected {count}.{Environment.NewLine}Error log:{Environment.NewLine}{ErrorLog()}");
            }

            Thread.Sleep(25);
        }
    }

    /// <summary>What nginx wrote to its error log so far (why it answered as it did).</summary>
    public string ErrorLog() => File.Exists(ErrorLogPath) ? ReadShared(ErrorLogPath) : string.Empty;

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        finally
        {
            _process.Dispose();
        }

        try
        {
            Directory.Delete(Prefix, recursive: true);
        }
        catch (IOException)
        {
            // A worker that is still exiting may hold a file; the temp folder is cleaned by the OS.
        }
    }

    private void WaitUntilListening()
    {
        var clock = Stopwatch.StartNew();
        var endPoints = Ports.Select(p => (EndPoint)new IPEndPoint(IPAddress.Loopback, p)).ToList();
        if (UnixSocketPath != null)
        {
            endPoints.Add(new UnixDomainSocketEndPoint(UnixSocketPath));
        }

        foreach (var endPoint in endPoints)
        {
            while (!Accepts(endPoint))
            {
                if (_process.HasExited || clock.Elapsed > StartTimeout)
                {
                    string why = _process.HasExited ? $"exited with code {_process.ExitCode}" : $"did not listen on {endPoint} within {StartTimeout.TotalSeconds} s";
                    throw new InvalidOperationException($"nginx {why}.{Environment.NewLine}Console:{Environment.NewLine}{ConsoleText()}{Environment.NewLine}Error log:{Environment.NewLine}{ErrorLog()}");
                }

                Thread.Sleep(25);
            }
        }
    }

    private static bool Accepts(EndPoint endPoint)
    {
        using var client = endPoint is UnixDomainSocketEndPoint
            ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
            : new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            return client.ConnectAsync(endPoint).Wait(TimeSpan.FromMilliseconds(500)) && client.Connected;
        }
        catch (AggregateException)
        {
            return false;
        }
    }

    private void Capture(string? line)
    {
        if (line == null)
        {
            return;
        }

        lock (_console)
        {
            _console.AppendLine(line);
        }
    }

    private string ConsoleText()
    {
        lock (_console)
        {
            return _console.ToString();
        }
    }

    private static List<string> ReadLines(string path)
    {
        if (!File.Exists(path))
        {
            return new List<string>();
        }

        // Only complete lines: nginx may be half-way through a write.
        var text = ReadShared(path);
        var lines = text.Split('\n').ToList();
        lines.RemoveAt(lines.Count - 1);
        return lines;
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
