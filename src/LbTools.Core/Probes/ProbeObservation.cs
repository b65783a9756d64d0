using System.Globalization;

namespace LbTools.Core.Probes
{
    /// <summary>
    /// What a probe saw, as codes. Probes record these and nothing about causes: which causes an
    /// observation supports or rules out is Diagnosis's table (Diagnosis/Data/probe-observations.json).
    /// </summary>
    internal static class ProbeObservation
    {
        public const string DnsFailed = "DnsFailed";
        public const string Connected = "Connected";
        public const string ConnectedInTime = "ConnectedInTime";
        public const string ConnectTimedOut = "ConnectTimedOut";
        public const string ConnectFailed = "ConnectFailed";
        public const string EveryConnectTimedOut = "EveryConnectTimedOut";
        public const string BacklogFull = "BacklogFull";
        public const string BacklogHeld = "BacklogHeld";
        public const string TlsFailed = "TlsFailed";
        public const string TlsValid = "TlsValid";
        public const string MalformedResponse = "MalformedResponse";
        public const string WellFormedResponse = "WellFormedResponse";
        public const string Answered = "Answered";
        public const string PlainHttpToTlsPort = "PlainHttpToTlsPort";
        public const string ClosedWithoutResponse = "ClosedWithoutResponse";
        public const string ConnectionReset = "ConnectionReset";
        public const string IncompleteBody = "IncompleteBody";
        public const string NoFirstByte = "NoFirstByte";
        public const string SlowResponse = "SlowResponse";
        public const string ResponseInTime = "ResponseInTime";
        public const string MethodRefused = "MethodRefused";
        public const string MethodsAccepted = "MethodsAccepted";
        public const string MtuExceeded = "MtuExceeded";
        public const string LargeBodyPassed = "LargeBodyPassed";

        /// <summary>The prefix of <see cref="BackendStatus"/> codes.</summary>
        public const string BackendStatusPrefix = "BackendStatus:";

        /// <summary>The backend itself answered this (unexpected) status.</summary>
        public static string BackendStatus(int status) => BackendStatusPrefix + status.ToString(CultureInfo.InvariantCulture);
    }
}
