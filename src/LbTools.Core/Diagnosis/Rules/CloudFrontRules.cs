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

        private static readonly BoolExpr DetailedNamed = Detailed.In(ByResultType.Select(p => p.Type).ToArray()).IsTrue();
        private static readonly BoolExpr ResultNamed = Result.In(ByResultType.Select(p => p.Type).ToArray()).IsTrue();

        /// <summary>x-edge-detailed-result-type names the error: one clause fires, and the tables below are skipped.</summary>
        public static readonly RuleTable DetailedTable = ByType("CloudFront x-edge-detailed-result-type", BoolExpr.True, Detailed, 95, "x-edge-detailed-result-type names the error.", DetailedEvidence);

        /// <summary>Otherwise x-edge-result-type may name it.</summary>
        public static readonly RuleTable ResultTable = ByType("CloudFront x-edge-result-type", !DetailedNamed, Result, 90, "x-edge-result-type names the error.", ResultEvidence);

        /// <summary>Neither type names the error: the status decides.</summary>
        public static readonly RuleTable Table = new RuleTable("CloudFront", !DetailedNamed & !ResultNamed)
        {
            { Status.Eq(0), "000.ViewerClosed", 85, "sc-status 000 means the viewer closed the connection before CloudFront answered.", _ => new[] { new Evidence("sc-status", "000", null, "No status was sent: the viewer had gone.") } },

            // CloudFront 503 troubleshooting: an origin without enough capacity answers 503 and CloudFront relays it.
            { Status.Eq(503) & Result.Eq("Error"), "503.FromBackend", 60, "A 503 marked Error (not CapacityExceeded) is the origin's own answer relayed by CloudFront.", _ => new[] { new Evidence("x-edge-result-type", "Error", "CapacityExceeded", "The edge did not report a capacity problem of its own.") } },
            { Status.Eq(502), "502.OriginConnectError", 45, Why502 },
            { Status.Eq(502), "502.TlsToBackendFailed", 45, Why502 },
            { Status.Eq(502), "502.OriginInvalidResponse", 40, Why502 },
        };

        // One clause per cause: the field is one of the types that map to it.
        private static RuleTable ByType(string name, BoolExpr appliesWhen, TextExpr field, int score, string rationale, Func<RuleContext, Evidence[]> evidence)
        {
            var table = new RuleTable(name, appliesWhen);
            foreach (var group in ByResultType.GroupBy(p => p.CauseId, StringComparer.Ordinal))
            {
                table.Add(field.In(group.Select(p => p.Type).ToArray()), group.Key, score, rationale, evidence);
            }

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
