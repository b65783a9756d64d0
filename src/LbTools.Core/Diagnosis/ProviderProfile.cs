using System;
using LbTools.Core.Logs;

namespace LbTools.Core.Diagnosis
{
    /// <summary>
    /// The limits and timeouts a provider documents, used as thresholds by the rules. Every value
    /// can be overridden (the cmdlet's -ConnectTimeout, -RequestTimeout, -IdleTimeout…).
    /// </summary>
    public sealed class ProviderProfile
    {
        /// <summary>Time allowed to connect to a backend.</summary>
        public TimeSpan ConnectTimeout { get; set; }

        /// <summary>Time allowed for the backend's answer (Alibaba request timeout, nginx proxy_read_timeout).</summary>
        public TimeSpan RequestTimeout { get; set; }

        /// <summary>AWS idle timeout; for the others the same as the request timeout.</summary>
        public TimeSpan IdleTimeout { get; set; }

        /// <summary>Largest single request header (or request line) in bytes.</summary>
        public long HeaderLimitBytes { get; set; }

        /// <summary>Largest whole request header block in bytes.</summary>
        public long TotalHeaderLimitBytes { get; set; }

        public long UriLimitBytes { get; set; }

        /// <summary>Largest whole response header block the balancer takes from a backend, when documented (AWS ALB: 32 K, else it answers 502).</summary>
        public long? ResponseHeaderLimitBytes { get; set; }

        /// <summary>AWS ALB: most X-Forwarded-For addresses accepted.</summary>
        public int MaxForwardedForAddresses { get; set; } = 30;

        /// <summary>Alibaba ALB: most ALICLOUD-ALB-TRACE values before a loop is declared.</summary>
        public int MaxTraceHeaders { get; set; } = 16;

        /// <summary>Round-trip time above which the client network counts as slow.</summary>
        public TimeSpan LargeRtt { get; set; } = TimeSpan.FromMilliseconds(300);

        /// <summary>Upstream time above which a backend counts as slow.</summary>
        public TimeSpan SlowUpstream { get; set; } = TimeSpan.FromSeconds(5);

        /// <summary>Requests larger than one Ethernet MTU (1500 bytes) can run into MTU problems.</summary>
        public long LargeRequestBytes { get; set; } = 1500;

        /// <summary>AWS ALB deregistration delay, when the user gives it (the reference gives no default).</summary>
        public TimeSpan? DeregistrationDelay { get; set; }

        /// <summary>Errors of one status within one second from which a burst is assumed.</summary>
        public int BurstPerSecond { get; set; } = 50;

        public string Source { get; set; } = string.Empty;

        /// <summary>The documented defaults of a provider.</summary>
        public static ProviderProfile For(LbProvider provider)
        {
            switch (provider)
            {
                case LbProvider.AwsAlb:
                case LbProvider.AwsClb:
                    // AWS ALB troubleshooting: 10 s target connect timeout, 60 s idle timeout, 16 K line/header, 64 K total, 30 XFF addresses.
                    return new ProviderProfile
                    {
                        ConnectTimeout = TimeSpan.FromSeconds(10),
                        RequestTimeout = TimeSpan.FromSeconds(60),
                        IdleTimeout = TimeSpan.FromSeconds(60),
                        HeaderLimitBytes = 16 * 1024,
                        TotalHeaderLimitBytes = 64 * 1024,
                        UriLimitBytes = 16 * 1024,
                        ResponseHeaderLimitBytes = provider == LbProvider.AwsAlb ? 32 * 1024 : null,
                        Source = "AWS \"Troubleshoot your Application Load Balancers\" <https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-troubleshooting.html>, HTTP 400, 463 and 504",
                    };
                case LbProvider.Nginx:
                    // nginx defaults: proxy_connect_timeout 60s, proxy_read_timeout 60s, large_client_header_buffers 4 8k, client_header_buffer_size 1k.
                    return new ProviderProfile
                    {
                        ConnectTimeout = TimeSpan.FromSeconds(60),
                        RequestTimeout = TimeSpan.FromSeconds(60),
                        IdleTimeout = TimeSpan.FromSeconds(60),
                        HeaderLimitBytes = 8 * 1024,
                        TotalHeaderLimitBytes = 4 * 8 * 1024,
                        UriLimitBytes = 8 * 1024,
                        Source = "nginx \"Module ngx_http_proxy_module\", proxy_connect_timeout and proxy_read_timeout defaults <https://nginx.org/en/docs/http/ngx_http_proxy_module.html#proxy_connect_timeout>; nginx \"Module ngx_http_core_module\", large_client_header_buffers default <https://nginx.org/en/docs/http/ngx_http_core_module.html#large_client_header_buffers>",
                    };
                case LbProvider.CloudFront:
                    // CloudFront origin settings: connection timeout 10 s and origin response timeout 30 s by
                    // default (CloudFront API reference, Origin.ConnectionTimeout / OriginReadTimeout); a request
                    // whose headers pass 20 KB or whose URL passes 8192 bytes is not even logged (standard logs reference).
                    return new ProviderProfile
                    {
                        ConnectTimeout = TimeSpan.FromSeconds(10),
                        RequestTimeout = TimeSpan.FromSeconds(30),
                        IdleTimeout = TimeSpan.FromSeconds(30),
                        HeaderLimitBytes = 20 * 1024,
                        TotalHeaderLimitBytes = 20 * 1024,
                        UriLimitBytes = 8192,
                        Source = "Amazon CloudFront API Reference \"CustomOriginConfig\" <https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_CustomOriginConfig.html>, OriginReadTimeout 30 s; Amazon CloudFront API Reference \"Origin\" <https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_Origin.html>, ConnectionTimeout 10 s; Amazon CloudFront \"Standard logging reference\" <https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/standard-logs-reference.html>, 20 KB of headers and 8192-byte URL",
                    };
                default:
                    // Alibaba ALB/CLB status codes: connect timeout 5 s, request timeout 60 s, header and URI limit 32 KB.
                    return new ProviderProfile
                    {
                        ConnectTimeout = TimeSpan.FromSeconds(5),
                        RequestTimeout = TimeSpan.FromSeconds(60),
                        IdleTimeout = TimeSpan.FromSeconds(60),
                        HeaderLimitBytes = 32 * 1024,
                        TotalHeaderLimitBytes = 32 * 1024,
                        UriLimitBytes = 32 * 1024,
                        Source = "Alibaba Cloud \"ALB status codes\" <https://www.alibabacloud.com/help/en/slb/application-load-balancer/support/alb-status-codes>, HTTP 400, 414 and 504; Alibaba Cloud \"CLB error status codes\" <https://www.alibabacloud.com/help/en/slb/classic-load-balancer/support/clb-status-code-description>, HTTP 400, 414 and 504",
                    };
            }
        }
    }
}
