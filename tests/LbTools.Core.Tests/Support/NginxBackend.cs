using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace LbTools.Core.Tests.Support;

/// <summary>
/// A real nginx (NginxBinary: $LBTOOLS_NGINX or PATH; CI installs it with apt-get) with its own -p prefix and
/// config, on loopback ports only: one plain HTTP listener and one "ssl" listener. The process
/// is ours; Dispose kills it and removes the prefix.
/// </summary>
internal sealed class NginxBackend : IDisposable
{
    public static string Binary => LbTools.Tests.Shared.NginxBinary.Path;

    private readonly Process _process;
    private readonly TempDirectory _prefix;

    private NginxBackend(Process process, TempDirectory prefix, int plainPort, int tlsPort)
    {
        _process = process;
        _prefix = prefix;
        PlainPort = plainPort;
        TlsPort = tlsPort;
    }

    public int PlainPort { get; }

    public int TlsPort { get; }

    public static NginxBackend Start(X509Certificate2 certificate)
    {
        Assert.True(File.Exists(Binary), $"{Binary} is required for this test (apt-get install nginx).");
        var prefix = new TempDirectory();
        int plain = LoopbackListener.ClosedPort();
        int tls = LoopbackListener.ClosedPort();
        File.WriteAllText(Path.Combine(prefix.Path, "server.crt"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(prefix.Path, "server.key"), certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(Path.Combine(prefix.Path, "nginx.conf"), $$"""
            daemon off;
            master_process off;
            worker_processes 1;
            pid {{prefix.Path}}/nginx.pid;
            error_log {{prefix.Path}}/error.log;
            events { worker_connections 64; }
            http {
                access_log off;
                client_body_temp_path {{prefix.Path}}/body;
                proxy_temp_path {{prefix.Path}}/proxy;
                fastcgi_temp_path {{prefix.Path}}/fastcgi;
                uwsgi_temp_path {{prefix.Path}}/uwsgi;
                scgi_temp_path {{prefix.Path}}/scgi;
                server {
                    listen 127.0.0.1:{{plain}};
                    listen 127.0.0.1:{{tls}} ssl;
                    ssl_certificate {{prefix.Path}}/server.crt;
                    ssl_certificate_key {{prefix.Path}}/server.key;
                    location / { return 200 "ok\n"; }
                }
            }
            """);
        var process = Process.Start(new ProcessStartInfo(Binary, $"-p {prefix.Path} -c {prefix.Path}/nginx.conf")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        var backend = new NginxBackend(process, prefix, plain, tls);
        backend.WaitUntilListening();
        return backend;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }

        _process.Dispose();
        _prefix.Dispose();
    }

    private void WaitUntilListening()
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                string log = File.Exists(Path.Combine(_prefix.Path, "error.log")) ? File.ReadAllText(Path.Combine(_prefix.Path, "error.log")) : string.Empty;
                throw new InvalidOperationException($"nginx exited with {_process.ExitCode}: {_process.StandardError.ReadToEnd()} {log}");
            }

            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, TlsPort);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }

        Dispose();
        throw new TimeoutException("nginx did not start listening within 10 s.");
    }
}
