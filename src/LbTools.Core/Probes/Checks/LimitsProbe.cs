using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using System.Threading;
using System;
using LbTools.Core.Probes.Http;
using LbTools.Core.Probes.Network;

namespace LbTools.Core.Probes.Checks
{
    /// <summary>
    /// Climbs ladders of request header size, URI length and POST body size until the backend
    /// stops answering as it does to a plain request; reports the largest passing and the
    /// smallest failing size of each. Small bodies passing while large ones time out or reset is
    /// the MTU symptom.
    /// </summary>
    internal static class LimitsProbe
    {
        private const string PadHeader = "X-LbTools-Pad";

        public static async Task<ProbeResult> RunAsync(BackendTarget target, IPAddress address, ProbeOptions options, CancellationToken cancellationToken)
        {
            var result = new ProbeResult(target.Original, target.Host, target.Port, address.ToString(), ProbeKind.Limits);
            string endpoint = SocketConnector.Endpoint(address, target.Port);
            var baselineRequest = HttpRequestSpec.For(target, options, "GET");
            var baselineExchange = await HttpExchange.RunAsync(target, address, options, baselineRequest, options.Timeout, cancellationToken).ConfigureAwait(false);
            if (!ExchangeFindings.Apply(result, baselineExchange, endpoint, options))
            {
                result.Message = "No limits measured: the plain request already fails. " + result.Message;
                return result;
            }

            int baseline = result.StatusCode!.Value;
            result.ForgetObservations();
            result.Outcome = ProbeOutcome.Pass;
            result.FailureReason = ProbeFailureReason.None;
            var headers = await ClimbAsync(options.HeaderSizes, baseline, size => WithHeader(target, options, size), target, address, options, cancellationToken).ConfigureAwait(false);
            var uris = await ClimbAsync(options.UriLengths, baseline, size => WithLongUri(target, options, size), target, address, options, cancellationToken).ConfigureAwait(false);
            int? postBaseline = null;
            var bodies = await ClimbAsync(options.BodySizes, null, size => WithBody(target, options, size), target, address, options, cancellationToken, s => postBaseline = s).ConfigureAwait(false);
            Record(result, "HeaderBytes", headers);
            Record(result, "UriLength", uris);
            Record(result, "BodyBytes", bodies);

            var findings = new List<string>();
            if (headers.SmallestFail.HasValue)
            {
                findings.Add($"a {headers.SmallestFail} byte request header fails ({headers.FailedWith}), {headers.LargestPass?.ToString(CultureInfo.InvariantCulture) ?? "none"} passes");
                Worsen(result, headers.ByTransport ? ProbeOutcome.Fail : ProbeOutcome.Warn, ProbeFailureReason.HeaderTooLarge);
                AddStatusCause(result, headers, 400);
            }

            if (uris.SmallestFail.HasValue)
            {
                findings.Add($"a {uris.SmallestFail} character URI fails ({uris.FailedWith}), {uris.LargestPass?.ToString(CultureInfo.InvariantCulture) ?? "none"} passes");
                Worsen(result, uris.ByTransport ? ProbeOutcome.Fail : ProbeOutcome.Warn, ProbeFailureReason.LimitReached);
                AddStatusCause(result, uris, 414);
                AddStatusCause(result, uris, 400);
            }

            if (bodies.SmallestFail.HasValue && bodies.LargestPass.HasValue && bodies.ByTransport)
            {
                findings.Add($"a {bodies.LargestPass} byte POST body passes but {bodies.SmallestFail} bytes fail ({bodies.FailedWith}): the MTU symptom, large packets get lost on the way");
                Worsen(result, ProbeOutcome.Fail, ProbeFailureReason.LimitReached);
                result.Observe(ProbeObservation.MtuExceeded);
            }
            else if (bodies.SmallestFail.HasValue)
            {
                findings.Add($"a {bodies.SmallestFail} byte POST body fails ({bodies.FailedWith}), {bodies.LargestPass?.ToString(CultureInfo.InvariantCulture) ?? "none"} passes");
                Worsen(result, bodies.ByTransport ? ProbeOutcome.Fail : ProbeOutcome.Warn, ProbeFailureReason.LimitReached);
            }
            else if (bodies.LargestPass.HasValue && bodies.LargestPass.Value > 1500)
            {
                result.Observe(ProbeObservation.LargeBodyPassed);
            }

            if (bodies.NotMeasured != null)
            {
                findings.Add($"body sizes not measured: {bodies.NotMeasured}");
            }

            result.Details["BaselineStatus"] = baseline;
            if (postBaseline.HasValue)
            {
                result.Details["PostStatus"] = postBaseline.Value;
            }

            result.Message = result.Outcome == ProbeOutcome.Pass
                ? $"{endpoint} takes every size tried: header {headers.LargestPass} bytes, URI {uris.LargestPass} characters{(bodies.NotMeasured != null ? $"; body sizes not measured: {bodies.NotMeasured}" : $", body {bodies.LargestPass} bytes")}."
                : $"{endpoint}: {string.Join("; ", findings)}.";
            return result;
        }

        private sealed class Ladder
        {
            public int? LargestPass { get; set; }

            public int? SmallestFail { get; set; }

            public string? FailedWith { get; set; }

            public int? FailStatus { get; set; }

            /// <summary>Why the ladder could not be climbed (e.g. POST refused); null when it was.</summary>
            public string? NotMeasured { get; set; }

            /// <summary>The failing step got no usable answer (reset, timeout, close), not an error status.</summary>
            public bool ByTransport { get; set; }
        }

        private static async Task<Ladder> ClimbAsync(IReadOnlyList<int> sizes, int? baseline, Func<int, HttpRequestSpec> build, BackendTarget target, IPAddress address, ProbeOptions options, CancellationToken cancellationToken, Action<int>? firstStatus = null)
        {
            var ladder = new Ladder();
            foreach (int size in sizes.Where(s => s > 0).OrderBy(s => s).Distinct())
            {
                var exchange = await HttpExchange.RunAsync(target, address, options, build(size), options.Timeout, cancellationToken).ConfigureAwait(false);
                var step = new ProbeResult(target.Original, target.Host, target.Port, address.ToString(), ProbeKind.Limits);
                bool usable = ExchangeFindings.Apply(step, exchange, SocketConnector.Endpoint(address, target.Port), options);
                if (usable && baseline == null)
                {
                    // The smallest body sets what "answered normally" means for POST.
                    baseline = step.StatusCode;
                    firstStatus?.Invoke(step.StatusCode!.Value);
                    if (step.StatusCode >= 400)
                    {
                        ladder.NotMeasured = $"the backend answers POST with {step.StatusCode}";
                        break;
                    }
                }

                int? status = usable ? step.StatusCode : null;
                if (usable && (status == baseline || status < 400))
                {
                    ladder.LargestPass = size;
                    continue;
                }

                ladder.SmallestFail = size;
                ladder.ByTransport = !usable;
                ladder.FailStatus = status;
                ladder.FailedWith = usable ? $"status {status}" : step.FailureReason.ToString();
                break;
            }

            return ladder;
        }

        private static HttpRequestSpec WithHeader(BackendTarget target, ProbeOptions options, int size)
        {
            var request = HttpRequestSpec.For(target, options, "GET");
            request.Headers.Add(new KeyValuePair<string, string>(PadHeader, new string('a', Math.Max(1, size - PadHeader.Length - 4))));
            return request;
        }

        private static HttpRequestSpec WithLongUri(BackendTarget target, ProbeOptions options, int size)
        {
            var plain = HttpRequestSpec.For(target, options, "GET");
            string prefix = plain.Path + (plain.Path.IndexOf('?') >= 0 ? "&" : "?") + "lbtools_pad=";
            return new HttpRequestSpec("GET", prefix + new string('a', Math.Max(1, size - prefix.Length)), plain.HostHeader);
        }

        private static HttpRequestSpec WithBody(BackendTarget target, ProbeOptions options, int size)
        {
            var request = HttpRequestSpec.For(target, options, "POST");
            request.BodyBytes = size;
            request.Headers.Add(new KeyValuePair<string, string>("Content-Type", "application/octet-stream"));
            return request;
        }

        private static void Record(ProbeResult result, string name, Ladder ladder)
        {
            result.Details[name + "LargestPass"] = ladder.LargestPass;
            result.Details[name + "SmallestFail"] = ladder.SmallestFail;
            if (ladder.FailedWith != null)
            {
                result.Details[name + "FailedWith"] = ladder.FailedWith;
            }

            if (ladder.NotMeasured != null)
            {
                result.Details[name + "NotMeasured"] = ladder.NotMeasured;
            }
        }

        private static void AddStatusCause(ProbeResult result, Ladder ladder, int status)
        {
            if (ladder.FailStatus == status)
            {
                result.ObserveOnce(ProbeObservation.BackendStatus(status));
            }
        }

        private static void Worsen(ProbeResult result, ProbeOutcome outcome, ProbeFailureReason reason)
        {
            if (outcome > result.Outcome)
            {
                result.Outcome = outcome;
                result.FailureReason = reason;
            }
            else if (result.FailureReason == ProbeFailureReason.None)
            {
                result.FailureReason = reason;
            }
        }
    }
}
