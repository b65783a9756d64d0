using LbTools.Core.Logs;
using LbTools.Integration.Tests.Backends;
using LbTools.Integration.Tests.Clients;
using LbTools.Integration.Tests.Nginx;
using LbTools.Integration.Tests.Support;

namespace LbTools.Integration.Tests;

/// <summary>
/// Logs a real nginx wrote, in the three formats it is commonly run with (combined, the main
/// sample, LbTools' upstream preset), read in one filtered call: side by side on several threads
/// the result must be what one thread gives, each file detected on its own.
/// </summary>
public class NginxSideBySideReadTests
{
    private const string MainSample = """
        log_format  main  '$remote_addr - $remote_user [$time_local] "$request" '
                          '$status $body_bytes_sent "$http_referer" '
                          '"$http_user_agent" "$http_x_forwarded_for"';
        """;

    [Fact]
    public async Task Filtered_logs_of_every_format_read_side_by_side_as_with_one_thread()
    {
        using var ok = ScriptedBackend.Status(200, "OK");
        using var bad = ScriptedBackend.Status(502, "Bad Gateway");
        var config = new NginxConfig().Http(MainSample).Http($"log_format upstream '{LbTools.Core.Logs.Nginx.NginxLogFormats.Upstream}';");
        config.Server(
            "        access_log logs/a-combined.log;\n" +
            "        access_log logs/b-main.log main;\n" +
            "        access_log logs/c-upstream.log upstream;\n" +
            $"        location /ok {{ proxy_pass http://{ok.Address}; }}\n" +
            $"        location /bad {{ proxy_pass http://{bad.Address}; }}");
        using var nginx = NginxInstance.Start(config);
        for (int i = 0; i < 30; i++)
        {
            await RawHttpClient.SendAsync(nginx.Ports[0], RawHttpClient.Get(i % 3 == 0 ? $"/bad/{i}" : $"/ok/{i}"));
        }

        var logs = new[] { "logs/a-combined.log", "logs/b-main.log", "logs/c-upstream.log" };
        foreach (var log in logs)
        {
            nginx.WaitForLines(log, 30);
        }

        var paths = logs.Select(l => Path.Combine(nginx.Prefix, l)).ToArray();
        (List<LbLogRecord> Records, CollectingSink Sink, AccessLogReader Reader) Read(int threads)
        {
            var options = new AccessLogReadOptions { ParseThreads = threads };
            options.Filter.AddStatus("5xx");
            var sink = new CollectingSink();
            var reader = new AccessLogReader(options, sink);
            return (reader.ReadFiles(paths, CancellationToken.None).ToList(), sink, reader);
        }

        var one = Read(1);
        var three = Read(3);

        Assert.Empty(one.Sink.Errors);
        Assert.Empty(three.Sink.Errors);
        Assert.Equal(30, one.Records.Count);
        Assert.All(one.Records, r => Assert.Equal(502, r.Status));
        Assert.Equal(
            one.Records.Select(r => (r.SourceFile, r.LineNumber, r.Path, r.Upstream)),
            three.Records.Select(r => (r.SourceFile, r.LineNumber, r.Path, r.Upstream)));
        Assert.Equal(bad.Address, three.Records.Last().Upstream);
        Assert.Equal(
            one.Reader.Statistics.Files.Select(f => (f.Source, f.LinesRead, f.Parsed, f.Filtered, f.Format)),
            three.Reader.Statistics.Files.Select(f => (f.Source, f.LinesRead, f.Parsed, f.Filtered, f.Format)));
        Assert.All(three.Reader.Statistics.Files, f => Assert.Equal((30L, 30L, 20L), (f.LinesRead, f.Parsed, f.Filtered)));
        Assert.Equal(new[] { LogFormat.Nginx, LogFormat.Nginx, LogFormat.Nginx }, three.Reader.Statistics.Files.Select(f => f.Format));
    }
}
