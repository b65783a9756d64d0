using BenchmarkDotNet.Running;
using LbTools.Benchmarks;

// dotnet run -c Release -- --quick [lines]      Stopwatch numbers in seconds (shared machines)
// dotnet run -c Release -- --parse lines folder [runs]  parse throughput of ALB, CLB, nginx combined and SLS; files kept in folder (A/B runs)
// dotnet run -c Release -- --stages [lines]     Stopwatch breakdown of the ALB path by step
// dotnet run -c Release -- --memory N [threads] peak memory of one full read of N generated ALB lines
// dotnet run -c Release -- --summary-memory N   peak memory of Resolve-LbStatus -Summary over N records
// dotnet run -c Release -- --generate N path   write N generated ALB lines to path (for profiling with --read)
// dotnet run -c Release -- --read path [runs] [threads] [status|all]  read an ALB file as the full-parse case does, with -Status, or reading Status only (for perf)
// dotnet run -c Release -- --read-folder dir [runs] [threads] [status]  read every file of a folder (many small files), optionally with -Status
// dotnet run -c Release -- --sls [lines] [runs] only the Alibaba SLS JSON case, with bytes allocated per line
// dotnet run -c Release -- --triage [lines]    the triage side by side with mawk and GoAccess 1.7 (see TriageRun)
// dotnet run -c Release -- --triage-memory N [threads]  peak working set of one triage of N generated lines
// dotnet run -c Release -- --job short          BenchmarkDotNet, short job
if (args.Length > 0 && args[0] == "--triage")
{
    InTempFolder("lbtools-triage", folder => TriageRun.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000, folder));
    return;
}

if (args.Length > 0 && args[0] == "--triage-file")
{
    // --triage-file path fast|records threads: one file, three timed runs (for profiling the triage).
    TriageRun.File(args[1], args.Length > 2 && args[2] == "fast", args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 1);
    return;
}

if (args.Length > 0 && args[0] == "--triage-stages")
{
    // --triage-stages path: the records of a file read once, then timed through the resolver alone and through the aggregator.
    TriageRun.Stages(args[1]);
    return;
}

if (args.Length > 0 && args[0] == "--triage-memory")
{
    TriageRun.Memory(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1);
    return;
}

if (args.Length > 0 && args[0] == "--quick")
{
    InTempFolder("lbtools-quick", folder => QuickRun.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200_000, folder));
    return;
}

if (args.Length > 2 && args[0] == "--parse")
{
    // The folder is kept: two builds read the same files, one after the other.
    ParseRun.Run(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), args[2], args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 5);
    return;
}

if (args.Length > 0 && args[0] == "--sls")
{
    int lines = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 300_000;
    int runs = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 5;
    var path = Path.Combine(Path.GetTempPath(), $"lbtools-sls-{Environment.ProcessId}.jsonl");
    try
    {
        LogGenerator.Write(path, lines, LogGenerator.SlsJsonLine);
        QuickRun.SlsRuns(path, lines, runs);
    }
    finally
    {
        File.Delete(path);
    }

    return;
}

if (args.Length > 0 && args[0] == "--stages")
{
    // Stopwatch breakdown of the ALB path over in-memory lines: which step costs what.
    StageProfile.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200_000);
    return;
}

if (args.Length > 0 && args[0] == "--memory")
{
    // One full read of a generated ALB file of the given size: is memory flat whatever the size?
    int lines = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
    var path = Path.Combine(Path.GetTempPath(), $"lbtools-memory-{lines}-{Environment.ProcessId}.log");
    try
    {
        LogGenerator.Write(path, lines, LogGenerator.AlbLine);
        QuickRun.MemoryRun(path, lines, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1);
    }
    finally
    {
        File.Delete(path);
    }

    return;
}

if (args.Length > 2 && args[0] == "--generate")
{
    LogGenerator.Write(args[2], int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), LogGenerator.AlbLine);
    return;
}

if (args.Length > 1 && args[0] == "--read-folder")
{
    // Every file of a folder, as Get-LbAccessLog -Path folder reads it: the cost of many small files.
    var files = Directory.GetFiles(args[1]).OrderBy(f => f, StringComparer.Ordinal).ToArray();
    int runs = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 3;
    int threads = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 1;
    QuickRun.ReadFolderRuns(files, runs, threads, args.Length > 4 ? args[4] : null);
    return;
}

if (args.Length > 1 && args[0] == "--read")
{
    // Only the read, so a profiler attached to the whole process sees the parser, not the generator.
    int runs = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 3;
    int threads = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 1;
    QuickRun.ReadRuns(args[1], runs, threads, args.Length > 4 ? args[4] : null);
    return;
}

if (args.Length > 1 && args[0] == "--summary-memory")
{
    LbTools.Benchmarks.Diagnosis.SummaryMemoryRun.Run(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(ParseBenchmarks).Assembly).Run(args);

// A folder of its own under the temp folder for one mode's generated files, deleted afterwards.
static void InTempFolder(string prefix, Action<string> run)
{
    var folder = Path.Combine(Path.GetTempPath(), $"{prefix}-{Environment.ProcessId}");
    try
    {
        run(folder);
    }
    finally
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
