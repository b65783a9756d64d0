using System;
using System.IO;

namespace LbTools.Tests.Shared;

/// <summary>
/// The one way the test projects find nginx: $LBTOOLS_NGINX, else "nginx" on PATH. Missing nginx
/// is a failure, not a skip: CI installs it (.ci/run), and a silent skip would hide the proof.
/// (Linked into LbTools.Core.Tests and LbTools.Integration.Tests.)
/// </summary>
internal static class NginxBinary
{
    public const string EnvironmentVariable = "LBTOOLS_NGINX";

    private static readonly Lazy<string> Found = new(Find);

    /// <summary>The nginx executable to run.</summary>
    public static string Path => Found.Value;

    private static string Find()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return File.Exists(fromEnvironment)
                ? fromEnvironment
                : throw new InvalidOperationException($"${EnvironmentVariable} is '{fromEnvironment}', which does not exist.");
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = System.IO.Path.Combine(dir, OperatingSystem.IsWindows() ? "nginx.exe" : "nginx");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            $"nginx was not found (looked at ${EnvironmentVariable} and PATH). The nginx tests need a real nginx: " +
            $"install it with 'apt-get install -y nginx' (as root; .ci/run does this) or point {EnvironmentVariable} at the binary.");
    }
}
