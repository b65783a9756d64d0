using System;
using LbTools.Core.Logs;

namespace LbTools.Core.Diagnosis.Rules
{
    /// <summary>AWS Classic ELB: the balancer's own HTTP errors (AWS "Troubleshoot a Classic Load Balancer: HTTP errors").</summary>
    public sealed class AwsClbRules : IDiagnosisRule
    {
        public void Apply(RuleContext context, CandidateSet candidates)
        {
            if (context.Provider != LbProvider.AwsClb || context.BackendAnswered)
            {
                return;
            }

            var r = context.Record;
            var noAnswer = new Evidence("backend_status_code", "-", null, "The instance sent no response (backend_status_code is '-').");
            bool timingsMissing = r.UpstreamHeaderTime == null;
            switch (context.Status)
            {
                case 400:
                    if (string.Equals(r.Method, "CONNECT", StringComparison.OrdinalIgnoreCase))
                    {
                        candidates.Add("400.ConnectMethodRejected", 95, "Classic Load Balancer does not support CONNECT.", new Evidence("request", "CONNECT", null, "The request used CONNECT."));
                    }
                    else
                    {
                        candidates.Add("400.MalformedRequest", 60, "The balancer rejected the request itself.", noAnswer);
                    }

                    break;
                case 405:
                    int length = r.Method?.Length ?? 0;
                    candidates.Add("405.MethodTooLong", length > 127 ? 95 : 50, length > 127 ? "The method is longer than 127 characters." : "CLB's own 405 is for methods over 127 characters; this one is shorter.",
                        new Evidence("request", length.ToString(System.Globalization.CultureInfo.InvariantCulture) + " characters", "127", $"The method has {length} characters."));
                    break;
                case 408:
                    if (timingsMissing && !context.HasUpstreamAddress)
                    {
                        candidates.Add("408.ClientConnectionClosed", 70, "No instance and no timings: the client connection was gone before an answer could be sent.", noAnswer);
                        candidates.Add("408.PartialRequest", 55, "A partial request also ends this way.", noAnswer);
                    }
                    else
                    {
                        candidates.Add("408.PartialRequest", 70, "The request did not arrive completely before the timeout.", noAnswer);
                        candidates.Add("408.ClientConnectionClosed", 50, "A closed client connection is possible.");
                    }

                    break;
                case 502:
                    candidates.Add("502.MalformedResponse", 70, "CLB's 502 means it could not parse the instance's response.", noAnswer);
                    candidates.Add("502.BackendClosedConnection", 45, "An instance that closes the connection early also leaves no parsable response.", noAnswer);
                    break;
                case 503:
                    string why = "CLB answers 503 without an instance for no registered instances, no healthy instances, a full surge queue or missing capacity; the record cannot tell them apart (check SpilloverCount, the health checks and the instance list).";
                    if (context.InBurst)
                    {
                        candidates.Add("503.BalancerCapacity", 75, "503s arrived in a burst, which fits a balancer that is still scaling.", new Evidence("status", "503", context.Profile.BurstPerSecond + "/s", "503s arrived in a burst."));
                    }

                    candidates.Add("503.NoBackend", 55, why, noAnswer);
                    candidates.Add("503.NoHealthyBackend", 55, why, noAnswer);
                    candidates.Add("503.SurgeQueueFull", 50, why, noAnswer);
                    candidates.Add("503.BalancerCapacity", 45, why, noAnswer);
                    break;
                case 504:
                    if (context.HasUpstreamAddress && timingsMissing)
                    {
                        candidates.Add("502.BackendClosedConnection", 50, "An instance was chosen, but the timings are -1: it may have closed the connection (keep-alive shorter than the idle timeout).", noAnswer);
                    }

                    candidates.Add("504.BackendResponseTimeout", 70, "CLB's 504 means the request did not complete within the idle timeout.", noAnswer);
                    break;
            }
        }
    }
}
