using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;

namespace LbTools.PowerShell.Tests;

/// <summary>
/// LbTools.PowerShell and LbTools.Core are not copied next to the tests: they load from the
/// laid-out module folder (out/LbTools), the same files Import-Module loads in the in-process
/// runspaces, so that every test here runs the assemblies users get.
/// </summary>
internal static class LaidOutModuleAssemblies
{
    [ModuleInitializer]
    internal static void Register()
    {
        AssemblyLoadContext.Default.Resolving += (context, name) =>
        {
            var file = Path.Combine(TestPaths.ModuleDirectory, name.Name + ".dll");
            return name.Name!.StartsWith("LbTools.", StringComparison.Ordinal) && File.Exists(file) ? context.LoadFromAssemblyPath(file) : null;
        };
    }
}
