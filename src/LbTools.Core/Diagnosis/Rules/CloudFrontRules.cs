using System;
using System.Collections.Generic;
using LbTools.Core.Logs;

namespace LbTools.Core.Diagnosis.Rules
{
    /// <summary>CloudFront: x-edge-detailed-result-type names the error (Amazon CloudFront "Standard logging reference").</summary>
    public sealed class CloudFrontRules : IDiagnosisRule
    {
        private static readonly Dictionary<string, string> ByDetailedType = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AbortedOrigin"] = "502.OriginInvalidResponse",
            ["OriginError"] = "502.OriginInvalidResponse",
            ["OriginInvalidResponseError"] = "502.OriginInvalidResponse",
            ["OriginZeroSizeObjectError"] = "502.OriginInvalidResponse",
            ["OriginContentRangeLengthError"] = "502.OriginInvalidResponse",
            ["OriginCommError"] = "504.OriginCommError",
            ["OriginReadError"] = "504.OriginCommError",
            ["OriginWriteError"] = "504.OriginCommError",
            ["OriginConnectError"] = "502.OriginConnectError",
            ["OriginDnsError"] = "502.OriginDnsError",
            ["OriginHeaderTooBigError"] = "502.ResponseHeaderTooLarge",
            ["ClientGeoBlocked"] = "403.GeoBlocked",
            ["InvalidRequestBlocked"] = "403.AccessBlocked",
            ["InvalidRequestMethod"] = "403.AccessBlocked",
            ["InvalidRequestCertificate"] = "421.ViewerCertificateMismatch",
            ["InvalidRequest"] = "400.MalformedRequest",
            ["InvalidRequestHeader"] = "400.MalformedRequest",
            ["ClientCommError"] = "000.ViewerClosed",
            ["ClientHungUpRequest"] = "000.ViewerClosed",
            ["SlowReaderOriginError"] = "000.ViewerClosed",
            ["CapacityExceeded"] = "503.EdgeCapacityExceeded",
            ["LimitExceeded"] = "503.EdgeCapacityExceeded",
        };

        public void Apply(RuleContext context, CandidateSet candidates)
        {
            if (context.Provider != LbProvider.CloudFront)
            {
                return;
            }

            string? detailed = context.Field("x-edge-detailed-result-type");
            string? result = context.Field("x-edge-result-type");
            if (detailed != null && ByDetailedType.TryGetValue(detailed, out var id))
            {
                candidates.Add(id, 95, "x-edge-detailed-result-type names the error.", new Evidence("x-edge-detailed-result-type", detailed, null, $"CloudFront classified the error as {detailed}."));
                return;
            }

            if (result != null && ByDetailedType.TryGetValue(result, out id))
            {
                candidates.Add(id, 90, "x-edge-result-type names the error.", new Evidence("x-edge-result-type", result, null, $"CloudFront's result type is {result}."));
                return;
            }

            if (context.Status == 0)
            {
                candidates.Add("000.ViewerClosed", 85, "sc-status 000 means the viewer closed the connection before CloudFront answered.", new Evidence("sc-status", "000", null, "No status was sent: the viewer had gone."));
            }
            else if (context.Status == 503 && result == "Error")
            {
                // CloudFront 503 troubleshooting: an origin without enough capacity answers 503 and CloudFront relays it.
                candidates.Add("503.FromBackend", 60, "A 503 marked Error (not CapacityExceeded) is the origin's own answer relayed by CloudFront.", new Evidence("x-edge-result-type", result, "CapacityExceeded", "The edge did not report a capacity problem of its own."));
            }
            else if (context.Status == 502)
            {
                const string Why = "A CloudFront 502 without a detailed type: connecting, TLS with the origin and an invalid origin response all fit; the Tcp, Tls and Http probes of the origin separate them.";
                candidates.Add("502.OriginConnectError", 45, Why);
                candidates.Add("502.TlsToBackendFailed", 45, Why);
                candidates.Add("502.OriginInvalidResponse", 40, Why);
            }
        }
    }
}
