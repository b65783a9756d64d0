using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace LbTools.PowerShell.Infrastructure
{
    /// <summary>
    /// Windows PowerShell 5.1 (.NET Framework) has no binding redirects for a module, so the
    /// shipped System.Memory / System.Text.Json family fail on small version differences
    /// between each other. On import this resolves such requests to the copy in the module
    /// folder. PowerShell 7 (.NET) needs none of it and the handler is not installed there.
    /// </summary>
    public sealed class ModuleAssemblyResolver : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly string ModuleDirectory = Path.GetDirectoryName(typeof(ModuleAssemblyResolver).Assembly.Location) ?? string.Empty;

        public void OnImport()
        {
            if (IsNetFramework())
            {
                AppDomain.CurrentDomain.AssemblyResolve += Resolve;
            }
        }

        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            AppDomain.CurrentDomain.AssemblyResolve -= Resolve;
        }

        private static bool IsNetFramework() =>
            RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);

        private static Assembly? Resolve(object? sender, ResolveEventArgs args)
        {
            var name = new AssemblyName(args.Name).Name;
            if (string.IsNullOrEmpty(name))
            {
                return null;
            }

            var candidate = Path.Combine(ModuleDirectory, name + ".dll");
            return File.Exists(candidate) ? Assembly.LoadFrom(candidate) : null;
        }
    }
}
