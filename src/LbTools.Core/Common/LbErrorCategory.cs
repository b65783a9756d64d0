namespace LbTools.Core.Common
{
    /// <summary>
    /// Why an operation failed. The names match PowerShell's ErrorCategory values of the
    /// same name, so the cmdlet layer maps them one to one.
    /// </summary>
    public enum LbErrorCategory
    {
        NotSpecified,
        InvalidArgument,
        InvalidData,
        ObjectNotFound,
        ReadError,
        ConnectionError,
        OperationTimeout,
        ResourceUnavailable,
        SecurityError,
        ParserError,
        LimitsExceeded,
        OperationStopped,
    }
}
