using System;

namespace LbTools.Core.Probes.Network
{
    /// <summary>A probe step ran past its deadline; <see cref="Phase"/> names the step for the message.</summary>
    internal sealed class StepTimeoutException : Exception
    {
        public StepTimeoutException(string phase, TimeSpan timeout)
            : base($"no {phase} within {timeout.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} s")
        {
            Phase = phase;
            Timeout = timeout;
        }

        public string Phase { get; }

        public TimeSpan Timeout { get; }
    }
}
