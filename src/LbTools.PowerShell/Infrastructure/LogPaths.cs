using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using LbTools.Core.Logs;

namespace LbTools.PowerShell.Infrastructure
{
    /// <summary>-Path (wildcards) and -LiteralPath arguments as the log files below them, with an error record for each that does not exist.</summary>
    internal static class LogPaths
    {
        public static IEnumerable<string> Resolve(LbCmdlet cmdlet, string path, bool literal, bool recurse)
        {
            var resolved = new List<string>();
            try
            {
                if (literal)
                {
                    var providerPath = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
                    if (!File.Exists(providerPath) && !Directory.Exists(providerPath))
                    {
                        throw new ItemNotFoundException($"Cannot find path '{path}' because it does not exist.");
                    }

                    resolved.Add(providerPath);
                }
                else
                {
                    var paths = cmdlet.GetResolvedProviderPathFromPSPath(path, out var provider);
                    if (provider.Name != "FileSystem")
                    {
                        cmdlet.WriteError(new ErrorRecord(new ArgumentException($"'{path}' is not a file system path."), "NotFileSystemPath", ErrorCategory.InvalidArgument, path));
                        return resolved;
                    }

                    resolved.AddRange(paths);
                }
            }
            catch (ItemNotFoundException ex)
            {
                cmdlet.WriteError(new ErrorRecord(ex, "LogPathNotFound", ErrorCategory.ObjectNotFound, path));
                return resolved;
            }

            var files = new List<string>();
            foreach (var item in resolved)
            {
                files.AddRange(AccessLogReader.ExpandFiles(item, recurse, cmdlet));
            }

            return files;
        }
    }
}
