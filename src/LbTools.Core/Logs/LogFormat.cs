namespace LbTools.Core.Logs
{
    /// <summary>The log layouts Get-LbAccessLog can read. Auto detects one per file.</summary>
    public enum LogFormat
    {
        Auto,
        AwsAlb,
        AwsClb,
        CloudFront,
        AlibabaSlsJson,
        AlibabaSlsCsv,
        Nginx,
    }
}
