using System.Net;
using System.Threading;
using System.Threading.Tasks;

namespace LbTools.Core.Probes.Network
{
    /// <summary>The operating system's resolver (System.Net.Dns).</summary>
    internal sealed class SystemNameResolver : INameResolver
    {
        public static SystemNameResolver Instance { get; } = new SystemNameResolver();

        private SystemNameResolver()
        {
        }

        // netstandard2.0 has no cancellable overload; NameResolver bounds the wait with Timed.
        public Task<IPAddress[]> GetHostAddressesAsync(string host, CancellationToken cancellationToken) =>
            Dns.GetHostAddressesAsync(host);
    }
}
