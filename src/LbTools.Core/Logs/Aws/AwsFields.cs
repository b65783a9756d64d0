using System.Collections.Generic;
using LbTools.Core.Logs.Parsing;
using LbTools.Core.Logs.Values;

namespace LbTools.Core.Logs.Aws
{
    /// <summary>What the ALB and Classic ELB parsers share: the three timings, the request line, rejections.</summary>
    internal static class AwsFields
    {
        /// <summary>
        /// The balancer logs three partial times (-1 = could not dispatch); the total is known
        /// only when all three are. The middle one is the backend's time to first header.
        /// </summary>
        public static bool TryTimings(IReadOnlyDictionary<string, string?> named, string request, string backend, string response, LbLogRecord record, out ParseOutcome invalid)
        {
            invalid = default;
            if (!FieldValues.TrySeconds(named[request], out var requestProcessing))
            {
                invalid = Invalid(request, named[request]);
                return false;
            }

            if (!FieldValues.TrySeconds(named[backend], out var backendProcessing))
            {
                invalid = Invalid(backend, named[backend]);
                return false;
            }

            if (!FieldValues.TrySeconds(named[response], out var responseProcessing))
            {
                invalid = Invalid(response, named[response]);
                return false;
            }

            record.RequestTime = requestProcessing + backendProcessing + responseProcessing;
            record.UpstreamHeaderTime = backendProcessing;
            record.UpstreamHeaderTimes = new[] { backendProcessing };
            return true;
        }

        public static void ApplyRequest(string? text, LbLogRecord record) => RequestLine.ApplyTo(text, record);

        public static ParseOutcome Invalid(string field, string? value) =>
            ParseOutcome.Reject(LineRejection.InvalidField, FieldValues.DescribeInvalid(field, value));
    }
}
