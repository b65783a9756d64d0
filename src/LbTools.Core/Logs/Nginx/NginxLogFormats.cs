using System;

namespace LbTools.Core.Logs.Nginx
{
    /// <summary>The named nginx log formats -LogFormat accepts besides a literal log_format string.</summary>
    public static class NginxLogFormats
    {
        /// <summary>nginx's predefined format, exactly as nginx defines it (reference §6.1).</summary>
        public const string Combined = "$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent \"$http_referer\" \"$http_user_agent\"";

        /// <summary>
        /// "main": combined plus "$http_x_forwarded_for", the sample in nginx's own conf/nginx.conf,
        /// which the nginx.org packages and the official Docker image ship switched on. Auto
        /// detection tries it before combined: combined also matches a main line, with the
        /// forwarded-for value swallowed into the user agent.
        /// </summary>
        public const string Main = Combined + " \"$http_x_forwarded_for\"";

        /// <summary>
        /// LbTools' preset for proxies: combined, then the total time and every upstream variable
        /// a 5xx diagnosis needs. The multi-value variables are quoted because their values
        /// contain ", " and " : " separators. Use it in nginx.conf as:
        /// log_format upstream '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" rt=$request_time uct="$upstream_connect_time" uht="$upstream_header_time" urt="$upstream_response_time" us="$upstream_status" ua="$upstream_addr"';
        /// </summary>
        public const string Upstream = Combined + " rt=$request_time uct=\"$upstream_connect_time\" uht=\"$upstream_header_time\" urt=\"$upstream_response_time\" us=\"$upstream_status\" ua=\"$upstream_addr\"";

        /// <summary>
        /// "diagnosis": <see cref="Upstream"/> plus what the error-log join and the body checks use:
        /// the bytes received from each upstream, the connection serial nginx also writes as "*N" in
        /// its error log, and the request id. Everything a diagnosis can use (Get-LbCause -Triage shows it):
        /// log_format diagnosis '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" rt=$request_time uct="$upstream_connect_time" uht="$upstream_header_time" urt="$upstream_response_time" us="$upstream_status" ua="$upstream_addr" ubr="$upstream_bytes_received" cn=$connection rid=$request_id';
        /// </summary>
        public const string Diagnosis = Upstream + " ubr=\"$upstream_bytes_received\" cn=$connection rid=$request_id";

        /// <summary>The nginx.conf directive of <see cref="Diagnosis"/>, and the error_log level that keeps the client-side messages.</summary>
        public const string DiagnosisDirectives = "log_format diagnosis '" + Diagnosis + "';\naccess_log /var/log/nginx/access.log diagnosis;\nerror_log /var/log/nginx/error.log info;";

        /// <summary>The format string for a preset name, or the text itself when it is not a preset.</summary>
        public static string Resolve(string? formatOrPreset)
        {
            if (string.IsNullOrWhiteSpace(formatOrPreset))
            {
                return Combined;
            }

            var trimmed = formatOrPreset!.Trim();
            if (string.Equals(trimmed, "combined", StringComparison.OrdinalIgnoreCase))
            {
                return Combined;
            }

            if (string.Equals(trimmed, "upstream", StringComparison.OrdinalIgnoreCase))
            {
                return Upstream;
            }

            if (string.Equals(trimmed, "diagnosis", StringComparison.OrdinalIgnoreCase))
            {
                return Diagnosis;
            }

            if (string.Equals(trimmed, "main", StringComparison.OrdinalIgnoreCase))
            {
                return Main;
            }

            return formatOrPreset;
        }
    }
}
