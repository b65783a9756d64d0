using System.Globalization;
using System.Management.Automation;

namespace LbTools.PowerShell.Infrastructure
{
    /// <summary>Turns a -Culture argument into a CultureInfo, defaulting to the session's UI culture.</summary>
    internal static class CultureNames
    {
        public static CultureInfo Resolve(PSCmdlet cmdlet, string? name)
        {
            if (string.IsNullOrEmpty(name))
            {
                return CultureInfo.CurrentUICulture;
            }

            try
            {
                return CultureInfo.GetCultureInfo(name);
            }
            catch (CultureNotFoundException ex)
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(ex, "CultureNotFound", ErrorCategory.InvalidArgument, name));
                throw;
            }
        }
    }
}
