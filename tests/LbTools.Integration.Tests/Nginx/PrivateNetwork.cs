using System.Diagnostics;
using System.Runtime.InteropServices;

namespace LbTools.Integration.Tests.Nginx;

/// <summary>
/// A network namespace of nginx's own (util-linux <c>unshare --net</c>, iproute2 <c>ip</c>): it holds
/// only <c>lo</c>, so nginx has no route to any other address and connect() fails at once with
/// ENETUNREACH (101 "Network is unreachable"); each address in <see cref="UnreachableHosts"/> gets an
/// <c>unreachable</c> route, for which the kernel answers EHOSTUNREACH (113 "No route to host"). No
/// packet leaves the machine: there is no interface to send one on. The namespace has no name (no
/// <c>ip netns</c> entry) and ends with its last process, the nginx that NginxInstance kills.
/// </summary>
/// <remarks>
/// Needs root (CAP_SYS_ADMIN) for unshare and setns. Not having it is a failure naming what failed,
/// never a skip, like a missing nginx (CI runs .ci/run as root).
/// </remarks>
public sealed class PrivateNetwork
{
    private const int CloneNewNet = 0x40000000;

    public PrivateNetwork(params string[] unreachableHosts)
    {
        UnreachableHosts = unreachableHosts;
    }

    /// <summary>Addresses that get an "unreachable" route inside the namespace (113 instead of 101).</summary>
    public IReadOnlyList<string> UnreachableHosts { get; }

    /// <summary>
    /// The command that starts <paramref name="binary"/> in a fresh namespace: unshare, then a shell that
    /// brings lo up, adds the routes and execs the binary, so the process started is nginx's master itself.
    /// </summary>
    public ProcessStartInfo Wrap(string binary, IEnumerable<string> arguments)
    {
        var ip = Find("ip", "iproute2");
        var setUp = new List<string> { $"'{ip}' link set lo up" };
        setUp.AddRange(UnreachableHosts.Select(h => $"'{ip}' route add unreachable {h}"));
        var start = new ProcessStartInfo(Find("unshare", "util-linux"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--net", "--", "/bin/sh", "-c", string.Join(" && ", setUp) + " && exec \"$0\" \"$@\"", binary }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    /// <summary>
    /// Throws unless <paramref name="pid"/> runs in a network namespace other than this process's:
    /// the check that nothing the scenario sends can reach a real network.
    /// </summary>
    public static void EnsureIsolated(int pid)
    {
        var theirs = NamespaceOf($"/proc/{pid}/ns/net");
        var ours = NamespaceOf("/proc/self/ns/net");
        if (theirs == ours)
        {
            throw new InvalidOperationException($"Process {pid} runs in this machine's network namespace ({ours}), not a private one.");
        }
    }

    /// <summary>
    /// Runs <paramref name="action"/> on a thread of its own that first joins the network namespace of
    /// process <paramref name="pid"/> (setns affects only the calling thread). A socket belongs to the
    /// namespace of the thread that creates it, so the action must create its sockets before its first
    /// await; the Tcp probe does (SocketConnector creates the socket synchronously). The thread ends with
    /// the action, so no pool thread is left in the namespace.
    /// </summary>
    public static T RunInside<T>(int pid, Func<T> action)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                var target = $"/proc/{pid}/ns/net";
                using (var handle = File.OpenHandle(target))
                {
                    if (setns((int)handle.DangerousGetHandle(), CloneNewNet) != 0)
                    {
                        throw new InvalidOperationException($"setns({target}, CLONE_NEWNET) failed with errno {Marshal.GetLastPInvokeError()} (needs root).");
                    }
                }

                var here = NamespaceOf("/proc/thread-self/ns/net");
                if (here != NamespaceOf(target))
                {
                    throw new InvalidOperationException($"After setns this thread is in {here}, not in {NamespaceOf(target)}.");
                }

                result = action();
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        })
        {
            IsBackground = true,
            Name = "in private network",
        };
        thread.Start();
        if (!thread.Join(TimeSpan.FromSeconds(30)))
        {
            throw new TimeoutException($"The action in the network namespace of process {pid} did not end within 30 s.");
        }

        return failure == null ? result : throw new InvalidOperationException($"In the network namespace of process {pid}: {failure.Message}", failure);
    }

    private static string NamespaceOf(string link) =>
        new FileInfo(link).LinkTarget ?? throw new InvalidOperationException($"{link} is not a namespace link.");

    private static string Find(string program, string package)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Concat(new[] { "/usr/sbin", "/sbin", "/usr/bin", "/bin" }))
        {
            var candidate = Path.Combine(dir, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"'{program}' was not found on PATH or in /usr/sbin, /sbin, /usr/bin, /bin: the private-network scenarios need it (Debian package {package}; .ci/run installs it).");
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int setns(int fd, int nstype);
}
