using System.Globalization;
using LbTools.Core.Diagnosis.Rules.Expressions;
using static LbTools.Core.Diagnosis.Rules.Expressions.Col;
using static LbTools.Core.Diagnosis.Rules.Expressions.Facts;

namespace LbTools.Core.Diagnosis.Rules
{
    /// <summary>
    /// AWS Classic ELB: the balancer's own HTTP errors (AWS "Troubleshoot a Classic Load Balancer: HTTP errors").
    /// The table applies when the instance did not answer.
    /// </summary>
    internal static class AwsClbRules
    {
        private const string Why503 = "CLB answers 503 without an instance for no registered instances, no healthy instances, a full surge queue or missing capacity; the record cannot tell them apart (check SpilloverCount, the health checks and the instance list).";

        private static readonly Evidence NoAnswerEvidence = new Evidence("backend_status_code", "-", null, "The instance sent no response (backend_status_code is '-').");

        private static readonly BoolExpr TimingsMissing = UpstreamHeaderTime.IsNull();
        private static readonly BoolExpr LongMethod = Method.Length().OrElse(0).Gt(127);
        private static readonly BoolExpr NothingChosen = TimingsMissing & !HasUpstreamAddress;

        public static readonly RuleTable Table = new RuleTable("AWS CLB", !BackendAnswered)
        {
            { Status.Eq(400) & Method.EqIgnoreCase("CONNECT"), "400.ConnectMethodRejected", 95, "Classic Load Balancer does not support CONNECT.", _ => new[] { new Evidence("request", "CONNECT", null, "The request used CONNECT.") } },
            { Status.Eq(400) & !Method.EqIgnoreCase("CONNECT").IsTrue(), "400.MalformedRequest", 60, "The balancer rejected the request itself.", NoAnswer },

            { Status.Eq(405) & LongMethod, "405.MethodTooLong", 95, "The method is longer than 127 characters.", MethodLength },
            { Status.Eq(405) & !LongMethod, "405.MethodTooLong", 50, "CLB's own 405 is for methods over 127 characters; this one is shorter.", MethodLength },

            { Status.Eq(408) & NothingChosen, "408.ClientConnectionClosed", 70, "No instance and no timings: the client connection was gone before an answer could be sent.", NoAnswer },
            { Status.Eq(408) & NothingChosen, "408.PartialRequest", 55, "A partial request also ends this way.", NoAnswer },
            { Status.Eq(408) & !NothingChosen, "408.PartialRequest", 70, "The request did not arrive completely before the timeout.", NoAnswer },
            { Status.Eq(408) & !NothingChosen, "408.ClientConnectionClosed", 50, "A closed client connection is possible." },

            { Status.Eq(502), "502.MalformedResponse", 70, "CLB's 502 means it could not parse the instance's response.", NoAnswer },
            { Status.Eq(502), "502.BackendClosedConnection", 45, "An instance that closes the connection early also leaves no parsable response.", NoAnswer },

            { Status.Eq(503) & InBurst, "503.BalancerCapacity", 75, "503s arrived in a burst, which fits a balancer that is still scaling.", c => new[] { new Evidence("status", "503", c.Profile.BurstPerSecond + "/s", "503s arrived in a burst.") } },
            { Status.Eq(503), "503.NoBackend", 55, Why503, NoAnswer },
            { Status.Eq(503), "503.NoHealthyBackend", 55, Why503, NoAnswer },
            { Status.Eq(503), "503.SurgeQueueFull", 50, Why503, NoAnswer },
            { Status.Eq(503), "503.BalancerCapacity", 45, Why503, NoAnswer },

            { Status.Eq(504) & HasUpstreamAddress & TimingsMissing, "502.BackendClosedConnection", 50, "An instance was chosen, but the timings are -1: it may have closed the connection (keep-alive shorter than the idle timeout).", NoAnswer },
            { Status.Eq(504), "504.BackendResponseTimeout", 70, "CLB's 504 means the request did not complete within the idle timeout.", NoAnswer },
        };

        private static Evidence[] NoAnswer(RuleContext c) => new[] { NoAnswerEvidence };

        private static Evidence[] MethodLength(RuleContext c)
        {
            int length = c.Record.Method?.Length ?? 0;
            return new[] { new Evidence("request", length.ToString(CultureInfo.InvariantCulture) + " characters", "127", $"The method has {length} characters.") };
        }
    }
}
