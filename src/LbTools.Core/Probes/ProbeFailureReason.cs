namespace LbTools.Core.Probes
{
    /// <summary>Why a probe did not pass. Names are stable: scripts match on them.</summary>
    public enum ProbeFailureReason
    {
        None,
        NameNotFound,
        NoAddress,
        DnsTimeout,
        Refused,
        TimedOut,
        Unreachable,
        Reset,
        TlsNameMismatch,
        TlsExpired,
        TlsNotYetValid,
        TlsUntrusted,
        TlsHandshakeFailed,
        PlainHttpToTlsPort,
        TlsToPlainPort,
        MalformedResponse,
        IncompleteBody,
        HeaderTooLarge,
        UnexpectedStatus,
        MethodNotAllowed,
        SlowResponse,
        ClosedWithoutResponse,
        BacklogFull,
        LimitReached,
        Other,

        // Added by issue 5 after Other, so earlier numeric values stay as they were.
        BrokenChunking,
        TlsExpiringSoon,
    }
}
