using System.Net;
using System.Threading.Tasks;
using System.Threading;
using System;
using LbTools.Core.Probes.Http;
using LbTools.Core.Probes.Network;

namespace LbTools.Core.Probes.Checks
{
    /// <summary>
    /// The response time against the balancer's request timeout (the 504 question): over it is
    /// SlowResponse Fail, over 80 % of it a Warn.
    /// </summary>
    internal static class LatencyProbe
    {
        /// <summary>Share of the request timeout above which a response is reported as close to it.</summary>
        public const double WarnRatio = 0.8;

        public static async Task<ProbeResult> RunAsync(BackendTarget target, IPAddress address, ProbeOptions options, CancellationToken cancellationToken)
        {
            var result = new ProbeResult(target.Original, target.Host, target.Port, address.ToString(), ProbeKind.Latency);
            var request = HttpRequestSpec.For(target, options);
            var exchange = await HttpExchange.RunAsync(target, address, options, request, options.RequestTimeout, cancellationToken).ConfigureAwait(false);
            string endpoint = SocketConnector.Endpoint(address, target.Port);
            result.Details["RequestTimeoutSec"] = options.RequestTimeout.TotalSeconds;
            bool usable = ExchangeFindings.Apply(result, exchange, endpoint, options);
            if (!usable && result.FailureReason == ProbeFailureReason.TimedOut && exchange.Response?.FirstByteMs == null)
            {
                result.Supports.Clear();
                result.FailureReason = ProbeFailureReason.SlowResponse;
                result.Message = $"{request.Method} {request.Path} on {endpoint} got no answer within the balancer's request timeout of {options.RequestTimeout.TotalSeconds:0.###} s: the balancer answers 504 first.";
                result.Observe(ProbeObservation.NoFirstByte);
                return result;
            }

            if (!usable)
            {
                return result;
            }

            // What the balancer waits for: from sending the request to the last byte.
            double responseMs = (exchange.Response!.FirstByteMs ?? 0) + (exchange.Response.TransferMs ?? 0);
            result.Details["ResponseMs"] = responseMs;
            var (outcome, ratio) = Classify(TimeSpan.FromMilliseconds(responseMs), options.RequestTimeout);
            result.Details["ShareOfTimeout"] = Math.Round(ratio, 3);
            string measured = $"{request.Method} {request.Path} on {endpoint} took {responseMs:0.0} ms ({ratio:P0} of the {options.RequestTimeout.TotalSeconds:0.###} s request timeout)";
            if (outcome == ProbeOutcome.Pass)
            {
                result.Message = measured + ".";
                result.Observe(ProbeObservation.ResponseInTime);
                return result;
            }

            result.Outcome = outcome;
            result.FailureReason = ProbeFailureReason.SlowResponse;
            result.Observe(ProbeObservation.SlowResponse);
            result.Message = outcome == ProbeOutcome.Fail
                ? $"{measured}: over the timeout, the balancer answers 504."
                : $"{measured}: close to the timeout; a little more load and the balancer answers 504.";
            return result;
        }

        /// <summary>Pass under 80 % of the timeout, Warn from 80 %, Fail above it (e.g. 60.001 s against 60 s).</summary>
        internal static (ProbeOutcome Outcome, double Ratio) Classify(TimeSpan response, TimeSpan requestTimeout)
        {
            double ratio = response.TotalMilliseconds / requestTimeout.TotalMilliseconds;
            var outcome = response > requestTimeout ? ProbeOutcome.Fail : ratio >= WarnRatio ? ProbeOutcome.Warn : ProbeOutcome.Pass;
            return (outcome, ratio);
        }
    }
}
