using System.Globalization;
using LbTools.Cli;
using LbTools.Core.Common;
using LbTools.Core.Logs;
using LbTools.Core.Probes;

// A console front end over LbTools.Core for machines without PowerShell.
// lbtools triage PATH... (see TriageCommand.Usage)
// lbtools probe TARGET... [--probe Dns,Tcp,...] [--timeout 5] (see ProbeCommand.Usage)
// lbtools query ENGINE PROVIDER [PATH...] (see QueryCommand.Usage)
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };

// Asked for (--help, -h, help): the usage on stdout and success; a command line too short to run: on stderr and 2.
if (args.Any(a => a is "--help" or "-h" or "-?") || (args.Length > 0 && args[0] == "help"))
{
    WriteUsage(Console.Out);
    return 0;
}

if (args.Length < 2)
{
    WriteUsage(Console.Error);
    return 2;
}

var positional = new List<string>();
var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
for (int i = 1; i < args.Length; i++)
{
    if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
    {
        options[args[i][2..]] = args[++i];
    }
    else
    {
        positional.Add(args[i]);
    }
}

try
{
    switch (args[0])
    {
        case "triage":
            return TriageCommand.Run(positional, options, cancel.Token);
        case "probe":
            return ProbeCommand.Run(positional, ProbeCommand.Options(options), cancel.Token);
        case "query":
            return QueryCommand.Run(positional, options);
        default:
            Console.Error.WriteLine($"unknown command '{args[0]}' (use triage, probe or query)");
            return 2;
    }
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("stopped");
    return 130;
}
catch (Exception ex) when (ex is ArgumentException || ex is FormatException || ex is CultureNotFoundException)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 2;
}

static void WriteUsage(TextWriter writer)
{
    writer.WriteLine("usage: " + TriageCommand.Usage);
    writer.WriteLine("       (--format Auto|AwsAlb|AwsClb|CloudFront|AlibabaSlsJson|AlibabaSlsCsv|Nginx, --log-format 'nginx log_format'|combined|upstream)");
    writer.WriteLine("       " + ProbeCommand.Usage);
    writer.WriteLine("       " + QueryCommand.Usage);
}
