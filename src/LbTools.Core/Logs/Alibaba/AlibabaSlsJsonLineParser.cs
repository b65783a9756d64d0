using System;
using System.Collections.Generic;
using System.Text.Json;
using LbTools.Core.Logs.Named;

namespace LbTools.Core.Logs.Alibaba
{
    /// <summary>
    /// One JSON object per line: Alibaba ALB/CLB logs exported from Simple Log Service, or nginx
    /// output of a <c>log_format … escape=json</c> that uses the same names. Every key lands in
    /// Fields under its own name; numbers are kept as their JSON text. The provider comes from
    /// __topic__, then app_lb_id/slbid; a line with none of those is nginx.
    /// </summary>
    public sealed class AlibabaSlsJsonLineParser : ILogLineParser, IParallelLineParser
    {
        private static readonly JsonDocumentOptions Options = new JsonDocumentOptions { MaxDepth = 16 };

        public LogFormat Format => LogFormat.AlibabaSlsJson;

        ILogLineParser IParallelLineParser.CreateWorkerCopy() => new AlibabaSlsJsonLineParser();

        /// <summary>A JSON object with a status key: what detection needs to call a file SLS JSON.</summary>
        public static bool LooksLikeSlsJson(string line)
        {
            if (line.Length < 2 || line[0] != '{')
            {
                return false;
            }

            var outcome = new AlibabaSlsJsonLineParser().Parse(line);
            return outcome.IsRecord;
        }

        public ParseOutcome Parse(string line)
        {
            var fields = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            try
            {
                using var document = JsonDocument.Parse(line, Options);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    return ParseOutcome.Reject(LineRejection.InvalidJson, "the line is JSON but not an object");
                }

                foreach (var property in document.RootElement.EnumerateObject())
                {
                    fields[property.Name] = property.Value.ValueKind switch
                    {
                        JsonValueKind.String => property.Value.GetString(),
                        JsonValueKind.Null => null,
                        _ => property.Value.GetRawText(),
                    };
                }
            }
            catch (JsonException ex)
            {
                return ParseOutcome.Reject(LineRejection.InvalidJson, "not one well-formed JSON object: " + ex.Message);
            }

            return NamedRecord.Build(fields, NamedFieldMapper.ProviderOf(fields));
        }
    }
}
