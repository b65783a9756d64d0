using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Reflection;
using Microsoft.PowerShell;

// PowerShell 7.6 (Microsoft.PowerShell.SDK) with the laid-out LbTools module imported.
// The module comes from LBTOOLS_MODULE (a path to LbTools.psd1) when set, else from the folder
// src/LbTools.Module laid out when this host was built. Every argument is pwsh's own.
var manifest = Environment.GetEnvironmentVariable("LBTOOLS_MODULE");
if (string.IsNullOrEmpty(manifest))
{
    var folder = typeof(Program).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .First(a => a.Key == "LbToolsModuleDir").Value!;
    manifest = Path.Combine(folder, "LbTools.psd1");
}

if (!File.Exists(manifest))
{
    Console.Error.WriteLine($"LbTools.Pwsh: the module manifest '{manifest}' does not exist; build src/LbTools.Module or set LBTOOLS_MODULE.");
    return 1;
}

var state = InitialSessionState.CreateDefault2();
state.ImportPSModule(Path.GetFullPath(manifest));
var version = typeof(PSObject).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split(' ', '+')[0];
var banner = $"PowerShell {version} (Microsoft.PowerShell.SDK) with LbTools from {Path.GetDirectoryName(Path.GetFullPath(manifest))}";
return ConsoleShell.Start(state, banner, string.Empty, args);
