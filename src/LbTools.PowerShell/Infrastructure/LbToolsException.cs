using System;

namespace LbTools.PowerShell.Infrastructure
{
    /// <summary>The exception behind LbTools error records, so scripts can catch LbTools failures by type.</summary>
    public sealed class LbToolsException : Exception
    {
        public LbToolsException(string message)
            : base(message)
        {
        }

        public LbToolsException(string message, Exception innerException)
            : base(message, innerException)
        {
        }
    }
}
