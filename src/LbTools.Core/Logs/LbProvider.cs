namespace LbTools.Core.Logs
{
    /// <summary>The balancer, CDN or proxy that wrote a log record.</summary>
    public enum LbProvider
    {
        Unknown,
        AwsAlb,
        AwsClb,
        CloudFront,
        AlibabaAlb,
        AlibabaClb,
        Nginx,
    }
}
