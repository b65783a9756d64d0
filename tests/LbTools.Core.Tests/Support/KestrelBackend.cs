using System.Net;
using LbTools.Core.Probes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LbTools.Core.Tests.Support;

/// <summary>
/// A well-behaved backend (Kestrel on 127.0.0.1, ephemeral port): GET/HEAD/POST on every path,
/// so other methods get Kestrel's 405; a 16 KB request header limit and a 100 KB body limit.
/// </summary>
internal sealed class KestrelBackend : IAsyncDisposable
{
    public const int MaxRequestHeaderBytes = 16 * 1024;
    public const int MaxRequestBodyBytes = 100_000;

    private readonly WebApplication _app;

    private KestrelBackend(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public BackendTarget Target => BackendTarget.Parse($"127.0.0.1:{Port}");

    public static async Task<KestrelBackend> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.Limits.MaxRequestHeadersTotalSize = MaxRequestHeaderBytes;
            kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
        });
        var app = builder.Build();
        app.MapMethods("/{**path}", new[] { "GET", "HEAD", "POST" }, async (HttpContext context) =>
        {
            // Read the whole body so Kestrel enforces MaxRequestBodySize.
            await context.Request.Body.CopyToAsync(Stream.Null);
            return Results.Text("ok");
        });
        await app.StartAsync();
        var address = app.Urls.First();
        int port = new Uri(address).Port;
        return new KestrelBackend(app, port);
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }
}
