using System.Net;
using System.Threading;
using System.Threading.Tasks;

namespace LbTools.Core.Probes
{
    /// <summary>
    /// Looks up the A/AAAA addresses of a name. Injectable so tests never query real DNS.
    /// Failures are reported as a SocketException (HostNotFound, NoData, TryAgain), as Dns does.
    /// </summary>
    public interface INameResolver
    {
        Task<IPAddress[]> GetHostAddressesAsync(string host, CancellationToken cancellationToken);
    }
}
