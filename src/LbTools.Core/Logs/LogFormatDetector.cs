using System.Collections.Generic;
using LbTools.Core.Logs.Aws;

namespace LbTools.Core.Logs
{
    /// <summary>Picks the log format of a source from its first non-empty lines.</summary>
    public static class LogFormatDetector
    {
        /// <summary>The format every sample line agrees on, or null when none fits.</summary>
        public static LogFormat? Detect(IEnumerable<string> sampleLines)
        {
            int seen = 0;
            foreach (var line in sampleLines)
            {
                if (line.Length == 0)
                {
                    continue;
                }

                seen++;
                if (AwsAlbLineParser.LooksLikeAlb(line))
                {
                    return LogFormat.AwsAlb;
                }
            }

            return null;
        }

        public static ILogLineParser CreateParser(LogFormat format) => format switch
        {
            LogFormat.AwsAlb => new AwsAlbLineParser(),
            _ => throw new System.ArgumentOutOfRangeException(nameof(format), format, "No parser for this format."),
        };
    }
}
