using System.Net.Sockets;
using System.Text;

namespace LbTools.Integration.Tests.Backends;

/// <summary>
/// A raw TCP backend that reads each request head and then does what the scenario scripts:
/// answer a status, answer late, never answer, close, or send broken bytes. Raw sockets,
/// because a real HTTP server would refuse to misbehave the way failing backends do.
/// </summary>
public sealed class ScriptedBackend : LoopbackServer
{
    private readonly Func<Stream, CancellationToken, Task> _afterRequest;
    private readonly bool _resetAtEnd;
    private int _requests;

    private ScriptedBackend(Func<Stream, CancellationToken, Task> afterRequest, bool resetAtEnd = false)
    {
        _afterRequest = afterRequest;
        _resetAtEnd = resetAtEnd;
        StartAccepting();
    }

    /// <summary>How many request heads arrived.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Answers every request with this status and a short body.</summary>
    public static ScriptedBackend Status(int status, string reason) =>
        new((stream, token) => WriteAsync(stream, Response(status, reason), token));

    /// <summary>Answers 200 after a delay (the delay is cut short when the backend is disposed).</summary>
    public static ScriptedBackend Slow(TimeSpan delay) =>
        new(async (stream, token) =>
        {
            await Task.Delay(delay, token);
            await WriteAsync(stream, Response(200, "OK"), token);
        });

    /// <summary>Reads the request and never answers, holding the connection open.</summary>
    public static ScriptedBackend NeverAnswer() =>
        new((_, token) => Task.Delay(Timeout.Infinite, token));

    /// <summary>Reads the request and closes the connection without a byte of answer.</summary>
    public static ScriptedBackend CloseWithoutAnswer() =>
        new((_, _) => Task.CompletedTask);

    /// <summary>Sends exactly these bytes as the answer, then closes.</summary>
    public static ScriptedBackend RawAnswer(byte[] answer) =>
        new((stream, token) => WriteAsync(stream, answer, token));

    /// <summary>Reads the request and resets the connection (RST: SO_LINGER 0) without a byte of answer.</summary>
    public static ScriptedBackend ResetWithoutAnswer() =>
        new((_, _) => Task.CompletedTask, resetAtEnd: true);

    /// <summary>Sends these bytes, waits a moment so they leave first, then resets the connection.</summary>
    public static ScriptedBackend RawAnswerThenReset(byte[] answer) =>
        new(async (stream, token) =>
        {
            await WriteAsync(stream, answer, token);
            await Task.Delay(100, token);
        }, resetAtEnd: true);

    public static byte[] Response(int status, string reason)
    {
        var body = $"backend says {status}\n";
        return Encoding.ASCII.GetBytes($"HTTP/1.1 {status} {reason}\r\nContent-Type: text/plain\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}");
    }

    protected override async Task ServeAsync(TcpClient client)
    {
        var stream = client.GetStream();
        if (await RequestHead.ReadAsync(stream, Stopping) == null)
        {
            return;
        }

        Interlocked.Increment(ref _requests);
        await _afterRequest(stream, Stopping);
        if (_resetAtEnd)
        {
            client.LingerState = new LingerOption(true, 0);
            client.Client.Close();
        }
    }

    private static async Task WriteAsync(Stream stream, byte[] bytes, CancellationToken token)
    {
        await stream.WriteAsync(bytes, token);
        await stream.FlushAsync(token);
    }
}
