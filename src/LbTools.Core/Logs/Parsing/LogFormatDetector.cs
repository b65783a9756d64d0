using System;
using System.Collections.Generic;
using LbTools.Core.Logs.Alibaba;
using LbTools.Core.Logs.Aws;
using LbTools.Core.Logs.CloudFront;
using LbTools.Core.Logs.Nginx;

namespace LbTools.Core.Logs.Parsing
{
    /// <summary>
    /// Picks the log format of a source from its first non-empty lines. Every test is on the
    /// shape of a line (ALB's type token, CLB's leading timestamp, CloudFront's header or tabs,
    /// a JSON object with status, a CSV header naming Alibaba/nginx columns, an nginx line in
    /// the given or a preset log_format); nothing is guessed from file names.
    /// nginx custom formats cannot be recognised without the format: Auto tries the given
    /// -LogFormat, then the <c>upstream</c> and <c>combined</c> presets.
    /// </summary>
    internal static class LogFormatDetector
    {
        /// <summary>The format of the first sample line that fits one, or null when none fits.</summary>
        public static LogFormat? Detect(IEnumerable<string> sampleLines) => DetectParser(sampleLines, new AccessLogReadOptions())?.Format;

        /// <summary>A parser for the first sample line that fits a format, or null when none fits.</summary>
        public static ILogLineParser? DetectParser(IEnumerable<string> sampleLines, AccessLogReadOptions options)
        {
            foreach (var line in sampleLines)
            {
                if (line.Length == 0)
                {
                    continue;
                }

                ILogLineParser? fits;
                try
                {
                    fits = ParserFor(line, options);
                }
                catch (Exception ex) when (!(ex is OperationCanceledException))
                {
                    // A parser that throws on a sample line has not recognised it: the line is
                    // rejected (with the parser's guard) when it is read, and detection goes on.
                    fits = null;
                }

                if (fits != null)
                {
                    return fits;
                }
            }

            return null;
        }

        private static ILogLineParser? ParserFor(string line, AccessLogReadOptions options)
        {
            if (AwsAlbLineParser.LooksLikeAlb(line))
            {
                return new AwsAlbLineParser();
            }

            if (AwsClbLineParser.LooksLikeClb(line))
            {
                return new AwsClbLineParser();
            }

            if (CloudFrontLineParser.LooksLikeCloudFront(line))
            {
                return new CloudFrontLineParser();
            }

            if (line[0] == '{' && AlibabaSlsJsonLineParser.LooksLikeSlsJson(line))
            {
                return new AlibabaSlsJsonLineParser();
            }

            if (AlibabaSlsCsvLineParser.LooksLikeHeader(line))
            {
                return new AlibabaSlsCsvLineParser();
            }

            return MatchingNginx(line, options.NginxLogFormat);
        }

        public static ILogLineParser CreateParser(LogFormat format) => CreateParser(format, new AccessLogReadOptions());

        public static ILogLineParser CreateParser(LogFormat format, AccessLogReadOptions options) => format switch
        {
            LogFormat.AwsAlb => new AwsAlbLineParser(),
            LogFormat.AwsClb => new AwsClbLineParser(),
            LogFormat.CloudFront => new CloudFrontLineParser(),
            LogFormat.AlibabaSlsJson => new AlibabaSlsJsonLineParser(),
            LogFormat.AlibabaSlsCsv => new AlibabaSlsCsvLineParser(),
            LogFormat.Nginx => new NginxLineParser(options.NginxLogFormat),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "No parser for this format."),
        };

        /// <summary>
        /// The given nginx format when the line fits it; without one, the first preset the line
        /// fits cleanly. nginx writes a '"' inside any value as \x22, so a preset match that puts a
        /// bare '"' into a value has swallowed fields the preset does not have (combined matches
        /// a "main" line, or combined plus any quoted extra, by running the agent to the last
        /// quote). That is a guess, not a detection: such a line fits no preset.
        /// </summary>
        // Compiled once, not for every sample line of every file (the formats are immutable).
        private static readonly NginxLineFormat[] Presets =
        {
            NginxLineFormat.Compile(NginxLogFormats.Diagnosis),
            NginxLineFormat.Compile(NginxLogFormats.Upstream),
            NginxLineFormat.Compile(NginxLogFormats.Main),
            NginxLineFormat.Compile(NginxLogFormats.Combined),
        };

        private static ILogLineParser? MatchingNginx(string line, string? given)
        {
            var candidates = given != null ? new[] { NginxLineFormat.Compile(given) } : Presets;
            foreach (var candidate in candidates)
            {
                var parser = new NginxLineParser(candidate);
                var outcome = parser.Parse(line);
                if (outcome.IsRecord && (given != null || !HasBareQuote(outcome.Record!)))
                {
                    return parser;
                }
            }

            return null;
        }

        private static bool HasBareQuote(LbLogRecord record)
        {
            foreach (var value in record.Fields.Values)
            {
                if (value != null && value.IndexOf('"') >= 0)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
