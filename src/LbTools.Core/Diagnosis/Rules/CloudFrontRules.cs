using System;
using System.Linq;
using LbTools.Core.Diagnosis.Rules.Expressions;
using static LbTools.Core.Diagnosis.Rules.Expressions.Col;

namespace LbTools.Core.Diagnosis.Rules
{
    /// <summary>CloudFront: x-edge-detailed-result-type names the error (Amazon CloudFront "Standard logging reference").</summary>
    internal static class CloudFrontRules
    {
        private const string Why502 = "A CloudFront 502 without a detailed type: connecting, TLS with the origin and an invalid origin response all fit; the Tcp, Tls and Http probes of the origin separate them.";

        /// <summary>Result types -> cause (ordinal, as logged).</summary>
        private static readonly (string Type, string CauseId)[] ByResultType =
        {
            ("AbortedOrigin", "502.OriginInvalidResponse"),
            ("OriginError", "502.OriginInvalidResponse"),
            ("OriginInvalidResponseError", "502.OriginInvalidResponse"),
            ("OriginZeroSizeObjectError", "502.OriginInvalidResponse"),
            ("OriginContentRangeLengthError", "502.OriginInvalidResponse"),
            ("OriginCommError", "504.OriginCommError"),
            ("OriginReadError", "504.OriginCommError"),
            ("OriginWriteError", "504.OriginCommError"),
            ("OriginConnectError", "502.OriginConnectError"),
            ("OriginDnsError", "502.OriginDnsError"),
            ("OriginHeaderTooBigError", "502.ResponseHeaderTooLarge"),
            ("ClientGeoBlocked", "403.GeoBlocked"),
            ("InvalidRequestBlocked", "403.AccessBlocked"),
            ("InvalidRequestMethod", "403.AccessBlocked"),
            ("InvalidRequestCertificate", "421.ViewerCertificateMismatch"),
            ("InvalidRequest", "400.MalformedRequest"),
            ("InvalidRequestHeader", "400.MalformedRequest"),
            ("ClientCommError", "000.ViewerClosed"),
            ("ClientHungUpRequest", "000.ViewerClosed"),
            ("SlowReaderOriginError", "000.ViewerClosed"),
            ("CapacityExceeded", "503.EdgeCapacityExceeded"),
            ("LimitExceeded", "503.EdgeCapacityExceeded"),
        };

        private static readonly TextExpr Detailed = Vendor("x-edge-detailed-result-type");
        private static readonly TextExpr Result = Vendor("x-edge-result-type");

        public static readonly RuleTable Table = Build();

        private static RuleTable Build()
        {
            var table = new RuleTable("CloudFront", BoolExpr.True);

            // One clause per cause: the detailed type first, then the plain result type; either ends the table.
            var groups = ByResultType.GroupBy(p => p.CauseId, StringComparer.Ordinal).ToArray();
            foreach (var group in groups)
            {
                table.Add(Detailed.In(group.Select(p => p.Type).ToArray()), group.Key, 95, "x-edge-detailed-result-type names the error.", DetailedEvidence, Then.Stop);
            }

            foreach (var group in groups)
            {
                table.Add(Result.In(group.Select(p => p.Type).ToArray()), group.Key, 90, "x-edge-result-type names the error.", ResultEvidence, Then.Stop);
            }

            table.Add(Status.Eq(0), "000.ViewerClosed", 85, "sc-status 000 means the viewer closed the connection before CloudFront answered.", _ => new[] { new Evidence("sc-status", "000", null, "No status was sent: the viewer had gone.") });

            // CloudFront 503 troubleshooting: an origin without enough capacity answers 503 and CloudFront relays it.
            table.Add(Status.Eq(503) & Result.Eq("Error"), "503.FromBackend", 60, "A 503 marked Error (not CapacityExceeded) is the origin's own answer relayed by CloudFront.", _ => new[] { new Evidence("x-edge-result-type", "Error", "CapacityExceeded", "The edge did not report a capacity problem of its own.") });
            table.Add(Status.Eq(502), "502.OriginConnectError", 45, Why502);
            table.Add(Status.Eq(502), "502.TlsToBackendFailed", 45, Why502);
            table.Add(Status.Eq(502), "502.OriginInvalidResponse", 40, Why502);
            return table;
        }

        private static Evidence[] DetailedEvidence(RuleContext c)
        {
            string detailed = c.Field("x-edge-detailed-result-type")!;
            return new[] { new Evidence("x-edge-detailed-result-type", detailed, null, $"CloudFront classified the error as {detailed}.") };
        }

        private static Evidence[] ResultEvidence(RuleContext c)
        {
            string result = c.Field("x-edge-result-type")!;
            return new[] { new Evidence("x-edge-result-type", result, null, $"CloudFront's result type is {result}.") };
        }
    }
}
