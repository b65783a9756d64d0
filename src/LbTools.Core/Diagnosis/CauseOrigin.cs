namespace LbTools.Core.Diagnosis
{
    /// <summary>Who produced an error.</summary>
    public enum CauseOrigin
    {
        /// <summary>The server behind the balancer.</summary>
        Backend,

        /// <summary>The balancer itself.</summary>
        LoadBalancer,

        /// <summary>The caller or the caller's network.</summary>
        Client,

        /// <summary>The path between balancer and backend.</summary>
        Network,

        /// <summary>A setting of the balancer, DNS, certificates or firewalls.</summary>
        Config,
    }
}
