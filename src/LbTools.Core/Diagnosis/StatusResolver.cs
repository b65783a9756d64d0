using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using LbTools.Core.Logs;

namespace LbTools.Core.Diagnosis
{
    /// <summary>
    /// Maps a status code or a log record to ranked causes. The first question is always who
    /// produced the error: equal balancer and upstream status means the backend's answer was
    /// relayed; no upstream answer means the balancer produced it.
    /// </summary>
    public sealed class StatusResolver
    {
        /// <summary>AWS ALB: a connection to a target must be established within 10 s (AWS ALB troubleshooting, HTTP 504).</summary>
        public static readonly TimeSpan AwsAlbTargetConnectTimeout = TimeSpan.FromSeconds(10);

        /// <summary>AWS ALB default idle timeout, 60 s (AWS ALB troubleshooting, HTTP 504 / 460).</summary>
        public static readonly TimeSpan AwsAlbDefaultIdleTimeout = TimeSpan.FromSeconds(60);

        private const int CatalogOnlyScore = 10;
        private readonly CauseCatalog _catalog;
        private readonly CultureInfo _culture;

        public StatusResolver(CauseCatalog catalog, CultureInfo? culture = null)
        {
            _catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
            _culture = culture ?? CultureInfo.CurrentUICulture;
        }

        public TimeSpan IdleTimeout { get; set; } = AwsAlbDefaultIdleTimeout;

        /// <summary>Every catalog cause for the code, without evidence.</summary>
        public StatusDiagnosis ResolveCode(int status, LbProvider provider)
        {
            var matches = _catalog.ForStatus(status, provider)
                .Select(c => Match(c, CatalogOnlyScore, Array.Empty<Evidence>(), "The catalog lists this cause for the status code; no log evidence was given."))
                .OrderBy(m => m.CauseId, StringComparer.Ordinal)
                .ToArray();
            return new StatusDiagnosis(status, provider, matches, null);
        }

        /// <summary>A diagnosis for an error record, or null when the record is no error.</summary>
        public StatusDiagnosis? Resolve(LbLogRecord record)
        {
            if (record.Status == null || record.Status < 400)
            {
                return null;
            }

            int status = record.Status.Value;
            var candidates = new Dictionary<string, Candidate>(StringComparer.OrdinalIgnoreCase);

            if (record.UpstreamStatus == status)
            {
                Add(candidates, $"{status}.FromBackend", 90, "The upstream status equals the balancer status, so the balancer relayed the backend's answer.",
                    new Evidence(UpstreamStatusField(record), status.ToString(CultureInfo.InvariantCulture), status.ToString(CultureInfo.InvariantCulture), "The backend's own status equals the status sent to the client."));
            }
            else if (record.Provider == LbProvider.AwsAlb)
            {
                AddAwsAlbCandidates(record, status, candidates);
            }

            // Causes the catalog lists for the code but no rule supported stay visible at the bottom.
            foreach (var cause in _catalog.ForStatus(status, record.Provider))
            {
                if (!candidates.ContainsKey(cause.Id) && !cause.Id.EndsWith(".FromBackend", StringComparison.Ordinal))
                {
                    Add(candidates, cause.Id, CatalogOnlyScore, "Listed by the catalog for this status; no rule matched the record's fields.");
                }
            }

            var matches = candidates.Values
                .Where(c => _catalog.Find(c.CauseId) != null)
                .Select(c => Match(_catalog.Get(c.CauseId), c.Score, c.Evidence, c.Rationale))
                .OrderByDescending(m => m.Score)
                .ThenBy(m => m.CauseId, StringComparer.Ordinal)
                .ToArray();
            return new StatusDiagnosis(status, record.Provider, matches, record);
        }

        private void AddAwsAlbCandidates(LbLogRecord record, int status, Dictionary<string, Candidate> candidates)
        {
            bool noTargetAnswer = record.UpstreamStatus == null;
            bool noTarget = record.Upstream == null;
            var noAnswer = new Evidence("target_status_code", "-", null, "The target sent no response (target_status_code is '-').");

            if (status == 502)
            {
                if (record.ErrorReason != null && record.ErrorReason.StartsWith("Lambda", StringComparison.Ordinal))
                {
                    Add(candidates, "502.LambdaError", 95, "error_reason carries a Lambda error code.",
                        new Evidence("error_reason", record.ErrorReason, "Lambda*", $"The balancer recorded the Lambda error {record.ErrorReason}."));
                    return;
                }

                if (noTargetAnswer)
                {
                    var evidence = new List<Evidence> { noAnswer };
                    if (record.UpstreamHeaderTime == null)
                    {
                        evidence.Add(new Evidence("target_processing_time", "-1", null, "target_processing_time is -1: the request was not dispatched to the target, or the target closed or did not answer."));
                    }

                    if (!noTarget)
                    {
                        evidence.Add(new Evidence("target:port", record.Upstream, null, $"A target ({record.Upstream}) was chosen, so the failure happened on the way to or at that target."));
                    }

                    const string Why = "The balancer produced the 502 without a target answer; the log alone cannot tell a refused connection, a closed connection, an invalid response and a failed TLS handshake apart. Test-LbBackend -Probe Tcp,Tls,Http separates them.";
                    Add(candidates, "502.BackendConnectFailed", 60, Why, evidence.ToArray());
                    Add(candidates, "502.BackendClosedConnection", 55, Why, evidence.ToArray());
                    Add(candidates, "502.MalformedResponse", 50, Why, evidence.ToArray());
                    Add(candidates, "502.TlsToBackendFailed", 40, Why + " TLS applies only when the target group speaks HTTPS.", evidence.ToArray());
                }
            }
            else if (status == 503)
            {
                if (noTarget && noTargetAnswer)
                {
                    Add(candidates, "503.NoBackend", 85, "No target was chosen and none answered: the target group had nothing to send the request to.",
                        new Evidence("target:port", "-", null, "No target address was logged."), noAnswer);
                }
            }
            else if (status == 504 && noTargetAnswer)
            {
                AddAwsAlb504(record, candidates, noAnswer);
            }
        }

        private void AddAwsAlb504(LbLogRecord record, Dictionary<string, Candidate> candidates, Evidence noAnswer)
        {
            // ALB logs no upstream timings on a 504; the time from request_creation_time to time shows how long it waited.
            TimeSpan? elapsed = null;
            if (FieldValues.TryUtcTime(record["request_creation_time"], out var created) && created != null && record.Time != null)
            {
                elapsed = record.Time.Value - created.Value;
            }

            if (elapsed == null)
            {
                const string Why = "The target gave no answer; without request_creation_time the wait cannot be compared with the connect and idle timeouts.";
                Add(candidates, "504.BackendResponseTimeout", 55, Why, noAnswer);
                Add(candidates, "504.BackendConnectTimeout", 50, Why, noAnswer);
                return;
            }

            string seconds = elapsed.Value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
            var waited = new Evidence("time - request_creation_time", seconds + " s", null, $"The balancer waited {seconds} s before answering 504.");
            bool nearConnectTimeout = Math.Abs((elapsed.Value - AwsAlbTargetConnectTimeout).TotalSeconds) <= 1.5;
            bool atIdleTimeout = elapsed.Value >= IdleTimeout - TimeSpan.FromSeconds(1);
            if (nearConnectTimeout)
            {
                Add(candidates, "504.BackendConnectTimeout", 85, "The wait matches the 10 s target connect timeout.", noAnswer,
                    new Evidence("time - request_creation_time", seconds + " s", "10 s", $"The wait of {seconds} s matches the ALB target connect timeout of 10 s."));
                Add(candidates, "504.BackendResponseTimeout", 30, "A response timeout would show a wait near the idle timeout instead.", noAnswer, waited);
            }
            else if (atIdleTimeout)
            {
                string idle = IdleTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
                Add(candidates, "504.BackendResponseTimeout", 85, "The wait reached the idle timeout: connected, but the target did not answer in time.", noAnswer,
                    new Evidence("time - request_creation_time", seconds + " s", idle, $"The wait of {seconds} s reached the idle timeout of {idle}."));
                Add(candidates, "504.BackendConnectTimeout", 30, "A connect timeout would end after about 10 s.", noAnswer, waited);
            }
            else
            {
                const string Why = "The wait matches neither the 10 s connect timeout nor the idle timeout; check whether the idle timeout was changed (-IdleTimeout).";
                Add(candidates, "504.BackendResponseTimeout", 55, Why, noAnswer, waited);
                Add(candidates, "504.BackendConnectTimeout", 50, Why, noAnswer, waited);
            }
        }

        private static string UpstreamStatusField(LbLogRecord record) => record.Provider switch
        {
            LbProvider.AwsAlb => "target_status_code",
            LbProvider.AwsClb => "backend_status_code",
            _ => "upstream_status",
        };

        private CauseMatch Match(Cause cause, int score, IReadOnlyList<Evidence> evidence, string rationale) =>
            new CauseMatch(cause, cause.GetText(_culture), score, evidence, $"score {score}: {rationale}");

        private static void Add(Dictionary<string, Candidate> candidates, string id, int score, string rationale, params Evidence[] evidence)
        {
            if (!candidates.TryGetValue(id, out var existing) || existing.Score < score)
            {
                candidates[id] = new Candidate(id, score, evidence, rationale);
            }
        }

        private sealed class Candidate
        {
            public Candidate(string causeId, int score, IReadOnlyList<Evidence> evidence, string rationale)
            {
                CauseId = causeId;
                Score = score;
                Evidence = evidence;
                Rationale = rationale;
            }

            public string CauseId { get; }

            public int Score { get; }

            public IReadOnlyList<Evidence> Evidence { get; }

            public string Rationale { get; }
        }
    }
}
