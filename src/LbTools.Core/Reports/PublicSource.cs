using System.Text.RegularExpressions;

namespace LbTools.Core.Reports
{
    /// <summary>
    /// The catalog's source notes as a reader can look them up: the project's own research notes
    /// and seed documents are named by the public pages they stand for (vendor page title and
    /// URL). Applied to what the reports print.
    /// </summary>
    public static class PublicSource
    {
        private static readonly (Regex Pattern, string Replacement)[] Rules =
        {
            (new Regex(@"Alibaba Cloud ALB status codes \(seed[^)]*\)"), "Alibaba Cloud, \"ALB status codes\" (https://www.alibabacloud.com/help/en/slb/application-load-balancer/support/alb-status-codes)"),
            (new Regex(@"Alibaba Cloud CLB status codes \(seed[^)]*\)"), "Alibaba Cloud Server Load Balancer, \"CLB error status codes\""),
            (new Regex(@"AWS 502 article \(seed[^)]*\)"), "\"AWSで502エラーが発生する原因と効果的な対策方法\" (article)"),
            (new Regex(@"log-formats-and-status-codes\.md §1(\.\d+)?"), "AWS, \"Access logs for your Application Load Balancer\" (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-access-logs.html)"),
            (new Regex(@"log-formats-and-status-codes\.md §2(\.\d+)?"), "AWS, \"Troubleshoot your Application Load Balancers\" (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-troubleshooting.html)"),
            (new Regex(@"log-formats-and-status-codes\.md §3(\.\d+)?"), "AWS, \"Troubleshoot a Classic Load Balancer: HTTP errors\" (https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/ts-elb-error-message.html)"),
            (new Regex(@"log-formats-and-status-codes\.md §4(\.\d+)?"), "Amazon CloudFront, \"Standard log file fields\" (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/standard-logs-reference.html)"),
            (new Regex(@"log-formats-and-status-codes\.md §5(\.\d+)?"), "Alibaba Cloud Simple Log Service, \"Log fields\" (https://www.alibabacloud.com/help/en/sls/alb)"),
            (new Regex(@"log-formats-and-status-codes\.md §6(\.\d+)?"), "nginx, \"Module ngx_http_upstream_module\" (https://nginx.org/en/docs/http/ngx_http_upstream_module.html)"),
        };

        public static string Of(string source)
        {
            foreach (var (pattern, replacement) in Rules)
            {
                source = pattern.Replace(source, replacement.Replace("$", "$$"));
            }

            return source;
        }
    }
}
