using System;
using System.Collections.Generic;

namespace LbTools.Core.Probes
{
    /// <summary>What Test-LbBackend probes and how long each step may take.</summary>
    public sealed class ProbeOptions
    {
        public IReadOnlyList<ProbeKind> Probes { get; set; } = new[] { ProbeKind.Dns, ProbeKind.Tcp };

        /// <summary>Upper bound for each single step (resolve, connect, handshake, read).</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

        /// <summary>How many target addresses are probed at once.</summary>
        public int ThrottleLimit { get; set; } = 8;
    }
}
