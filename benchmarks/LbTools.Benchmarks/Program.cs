using BenchmarkDotNet.Running;
using LbTools.Benchmarks;

// dotnet run -c Release -- --quick [lines]      Stopwatch numbers in seconds (shared machines)
// dotnet run -c Release -- --job short          BenchmarkDotNet, short job
if (args.Length > 0 && args[0] == "--quick")
{
    int lines = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200_000;
    var folder = Path.Combine(Path.GetTempPath(), "lbtools-quick");
    try
    {
        QuickRun.Run(lines, folder);
    }
    finally
    {
        Directory.Delete(folder, recursive: true);
    }

    return;
}

BenchmarkSwitcher.FromAssembly(typeof(ParseBenchmarks).Assembly).Run(args);
