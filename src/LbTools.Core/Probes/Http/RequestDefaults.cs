using System;
using System.Net;

namespace LbTools.Core.Probes.Http
{
    /// <summary>The Host header, SNI name and path a probe uses when the user did not set them.</summary>
    internal static class RequestDefaults
    {
        public static string HostHeader(BackendTarget target, ProbeOptions options)
        {
            if (!string.IsNullOrEmpty(options.HostHeader))
            {
                return options.HostHeader!;
            }

            int defaultPort = target.IsTls ? 443 : 80;
            bool v6 = target.Host.IndexOf(':') >= 0;
            string host = v6 ? $"[{target.Host}]" : target.Host;
            return target.Scheme != null && target.Port == defaultPort ? host : $"{host}:{target.Port}";
        }

        /// <summary>-ServerName, else the target's name, else the Host header's name, else the address.</summary>
        public static string ServerName(BackendTarget target, ProbeOptions options)
        {
            if (!string.IsNullOrEmpty(options.ServerName))
            {
                return options.ServerName!;
            }

            if (!IPAddress.TryParse(target.Host, out _))
            {
                return target.Host;
            }

            if (!string.IsNullOrEmpty(options.HostHeader))
            {
                string header = options.HostHeader!;
                int colon = header.StartsWith("[", StringComparison.Ordinal) ? -1 : header.LastIndexOf(':');
                return colon > 0 ? header.Substring(0, colon) : header;
            }

            return target.Host;
        }

        public static string Path(BackendTarget target, ProbeOptions options)
        {
            string path = string.IsNullOrEmpty(options.Path) ? target.Path : options.Path!;
            return path.StartsWith("/", StringComparison.Ordinal) || path == "*" ? path : "/" + path;
        }
    }
}
