using System.Net;
using System.Net.Sockets;
using LbTools.Core.Probes;

namespace LbTools.Core.Tests.Support;

/// <summary>A resolver with scripted answers, so tests never query real DNS.</summary>
internal sealed class FakeResolver : INameResolver
{
    private readonly Dictionary<string, Func<Task<IPAddress[]>>> _answers = new(StringComparer.OrdinalIgnoreCase);

    public List<string> Queries { get; } = new();

    public FakeResolver Returns(string host, params IPAddress[] addresses)
    {
        _answers[host] = () => Task.FromResult(addresses);
        return this;
    }

    public FakeResolver Fails(string host, SocketError error)
    {
        _answers[host] = () => Task.FromException<IPAddress[]>(new SocketException((int)error));
        return this;
    }

    /// <summary>Never answers, like a resolver whose packets are lost.</summary>
    public FakeResolver Hangs(string host)
    {
        _answers[host] = () => new TaskCompletionSource<IPAddress[]>().Task;
        return this;
    }

    public Task<IPAddress[]> GetHostAddressesAsync(string host, CancellationToken cancellationToken)
    {
        lock (Queries)
        {
            Queries.Add(host);
        }

        return _answers.TryGetValue(host, out var answer) ? answer() : Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound));
    }
}
