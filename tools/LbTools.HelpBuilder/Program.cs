using LbTools.HelpBuilder;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: LbTools.HelpBuilder <help source folder (docs/help)> <output folder (out/LbTools/en-US)>");
    return 2;
}

if (!Directory.Exists(args[0]))
{
    Console.Error.WriteLine($"The help source folder '{args[0]}' does not exist.");
    return 2;
}

try
{
    foreach (var file in HelpBuild.Run(args[0], args[1]))
    {
        Console.WriteLine($"wrote {file}");
    }

    return 0;
}
catch (HelpFormatException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 1;
}
