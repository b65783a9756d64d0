namespace LbTools.Core.Queries
{
    /// <summary>The SQL engines a diagnosis query is written for.</summary>
    public enum QueryEngine
    {
        /// <summary>Amazon Athena (Trino dialect) over access logs in S3.</summary>
        Athena,

        /// <summary>Alibaba Cloud Simple Log Service SQL over an ALB or CLB logstore.</summary>
        Sls,

        /// <summary>DuckDB over local log files.</summary>
        DuckDb,
    }
}
