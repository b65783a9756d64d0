using System;
using System.Management.Automation;
using LbTools.Core.Common;

namespace LbTools.PowerShell.Infrastructure
{
    /// <summary>Builds ErrorRecords from Core's errors, keeping the id, category and target.</summary>
    internal static class ErrorRecords
    {
        public static ErrorRecord From(LbError error)
        {
            var exception = error.Exception != null
                ? new LbToolsException(error.Message, error.Exception)
                : new LbToolsException(error.Message);
            return new ErrorRecord(exception, error.ErrorId, ToCategory(error.Category), error.Target);
        }

        public static ErrorRecord From(Exception exception, string errorId, ErrorCategory category, object? target) =>
            new ErrorRecord(exception, errorId, category, target);

        public static ErrorCategory ToCategory(LbErrorCategory category) =>
            Enum.TryParse<ErrorCategory>(category.ToString(), out var mapped) ? mapped : ErrorCategory.NotSpecified;
    }
}
