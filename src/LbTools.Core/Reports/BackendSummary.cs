namespace LbTools.Core.Reports
{
    /// <summary>The requests of one backend address within a <see cref="TrafficSummary"/>.</summary>
    public sealed class BackendSummary
    {
        public BackendSummary(string? upstream, long requests, long clientErrors, long serverErrors)
        {
            Upstream = upstream;
            Requests = requests;
            ClientErrors = clientErrors;
            ServerErrors = serverErrors;
        }

        /// <summary>The backend address; null for requests no backend was chosen for.</summary>
        public string? Upstream { get; }

        public long Requests { get; }

        /// <summary>Requests answered 4xx.</summary>
        public long ClientErrors { get; }

        /// <summary>Requests answered 5xx.</summary>
        public long ServerErrors { get; }

        /// <summary>ServerErrors / Requests as a percentage (0-100).</summary>
        public double ServerErrorPercent => TrafficSummary.Percent(ServerErrors, Requests);

        public override string ToString() => $"{Upstream ?? "(no backend)"}: {ServerErrors}/{Requests} 5xx";
    }
}
