using System.Collections.Generic;

namespace LbTools.Core.Probes
{
    /// <summary>What the strict reader saw of one HTTP/1.x response, including what was wrong with it.</summary>
    internal sealed class HttpResponseReport
    {
        public int? StatusCode { get; set; }

        public string? Version { get; set; }

        public string? ReasonPhrase { get; set; }

        /// <summary>Header fields in the order received (names as sent).</summary>
        public IList<KeyValuePair<string, string>> Headers { get; } = new List<KeyValuePair<string, string>>();

        public int HeaderBytes { get; set; }

        public long BodyBytes { get; set; }

        /// <summary>How the body length was determined: None, ContentLength, Chunked, UntilClose.</summary>
        public string Framing { get; set; } = "None";

        /// <summary>The body was larger than the read cap; the rest was not downloaded.</summary>
        public bool BodyTruncated { get; set; }

        /// <summary>None when the response is sound; otherwise the first problem found.</summary>
        public ProbeFailureReason Problem { get; set; }

        /// <summary>Warn for deviations balancers often tolerate; Fail for what they turn into 502.</summary>
        public ProbeOutcome ProblemSeverity { get; set; }

        public string? ProblemDetail { get; set; }

        /// <summary>Milliseconds from the read start to the first response byte; null when none came.</summary>
        public double? FirstByteMs { get; set; }

        /// <summary>Milliseconds from the first byte to the end of the response.</summary>
        public double? TransferMs { get; set; }

        /// <summary>The first bytes received, for messages about what the port speaks.</summary>
        public byte[] FirstBytes { get; set; } = new byte[0];

        /// <summary>Up to 512 bytes of the body, for recognising well-known error pages.</summary>
        public byte[] BodySample { get; set; } = new byte[0];

        public string? GetHeader(string name)
        {
            foreach (var pair in Headers)
            {
                if (string.Equals(pair.Key, name, System.StringComparison.OrdinalIgnoreCase))
                {
                    return pair.Value;
                }
            }

            return null;
        }

        internal void Flag(ProbeFailureReason reason, ProbeOutcome severity, string detail)
        {
            // The first Fail wins; a Fail replaces an earlier Warn.
            if (Problem == ProbeFailureReason.None || (ProblemSeverity == ProbeOutcome.Warn && severity == ProbeOutcome.Fail))
            {
                Problem = reason;
                ProblemSeverity = severity;
                ProblemDetail = detail;
            }
        }
    }
}
