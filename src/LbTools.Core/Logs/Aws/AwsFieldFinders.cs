using System;
using System.IO;
using System.Reflection;

namespace LbTools.Core.Logs.Aws
{
    /// <summary>
    /// Finds the optional vector tokenizer: LbTools.Core.Simd.dll next to this assembly, built
    /// for .NET 8. Windows PowerShell 5.1 (.NET Framework) cannot run it and a machine without
    /// vector hardware does not need it; then, or when the file is missing or fails to load,
    /// or when LBTOOLS_DISABLE_SIMD is set, there is none and the portable tokenizer does all
    /// the work with the same results.
    /// </summary>
    internal static class AwsFieldFinders
    {
        public const string DisableVariable = "LBTOOLS_DISABLE_SIMD";

        private const string AssemblyFile = "LbTools.Core.Simd.dll";
        private const string FinderType = "LbTools.Core.Simd.VectorAwsFieldFinder";

        private static readonly Lazy<IAwsVectorFieldFinder?> Loaded = new Lazy<IAwsVectorFieldFinder?>(Load);

        /// <summary>The vector tokenizer, or null when this process runs without it.</summary>
        public static IAwsVectorFieldFinder? Vector => Loaded.Value;

        /// <summary>What reads AWS lines in this process, for the Debug stream.</summary>
        public static string Description => Vector?.Description is string vector ? "vector tokenizer (" + vector + ")" : "portable tokenizer";

        private static IAwsVectorFieldFinder? Load()
        {
            try
            {
                if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(DisableVariable)) || Environment.Version.Major < 8)
                {
                    // .NET Framework reports 4.x here: a net8.0 assembly is not for it.
                    return null;
                }

                var folder = Path.GetDirectoryName(typeof(AwsFieldFinders).Assembly.Location);
                var path = string.IsNullOrEmpty(folder) ? null : Path.Combine(folder, AssemblyFile);
                if (path == null || !File.Exists(path))
                {
                    return null;
                }

                var create = Assembly.LoadFrom(path).GetType(FinderType, throwOnError: false)?.GetMethod("CreateOrNull", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static);
                return create?.Invoke(null, null) as IAwsVectorFieldFinder;
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                // Optional by design: anything that stops it loading leaves the portable path.
                return null;
            }
        }
    }
}
