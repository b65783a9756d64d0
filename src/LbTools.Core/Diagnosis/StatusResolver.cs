using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System;
using LbTools.Core.Diagnosis.Counting;
using LbTools.Core.Diagnosis.Rules;
using LbTools.Core.Logs;
using LbTools.Core.Logs.ErrorLog;
using LbTools.Core.Probes;

namespace LbTools.Core.Diagnosis
{
    /// <summary>
    /// Maps a status code, a log record or probe results to ranked causes. A rule engine: one rule
    /// set per provider family (origin and retries first, then the provider's own rules, then user
    /// rules), the catalog's remaining causes for the code at score 10, and probes last so they can
    /// confirm (95) or rule out (5). Equal scores mean the evidence cannot separate the causes.
    /// One instance serves one stream of records (it keeps burst state); it is not thread-safe.
    /// </summary>
    public sealed class StatusResolver
    {
        public const int CatalogOnlyScore = 10;

        /// <summary>The cause that flags a status no other catalog entry explains (a backend's 999 or 000 passed on).</summary>
        public const string NonStandardStatusId = "999.NonStandardStatus";

        private readonly CauseCatalog _catalog;
        private readonly CultureInfo _culture;
        private readonly IReadOnlyList<IDiagnosisRule> _userRules;
        private readonly ProbeRule _probeRule;
        private readonly ErrorLogRule _errorLogRule;
        private readonly BurstTracker _bursts = new BurstTracker();
        private readonly Dictionary<(int, string), string> _rationales = new Dictionary<(int, string), string>();
        private object? _profileKey;
        private ProviderProfile? _profile;

        public StatusResolver(CauseCatalog catalog, CultureInfo? culture = null)
            : this(catalog, culture, null, null)
        {
        }

        public StatusResolver(CauseCatalog catalog, CultureInfo? culture, DiagnosisSettings? settings, IEnumerable<DeclarativeRule>? userRules)
        {
            _catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
            _culture = culture ?? CultureInfo.CurrentUICulture;
            Settings = settings ?? new DiagnosisSettings();
            _userRules = (userRules ?? Enumerable.Empty<DeclarativeRule>()).ToArray();
            _probeRule = new ProbeRule(_catalog);
            _errorLogRule = new ErrorLogRule(_catalog);
        }

        /// <summary>A resolver with the built-in catalog plus the causes and rules of user files (-RulePath).</summary>
        public static StatusResolver WithRuleFiles(IEnumerable<string> paths, CultureInfo? culture, DiagnosisSettings? settings)
        {
            var catalog = RuleFile.LoadAll(paths, out var rules, out var messages);
            return new StatusResolver(catalog, culture, settings, rules) { NginxMessages = messages };
        }

        public CauseCatalog Catalog => _catalog;

        /// <summary>
        /// One line per user-rule condition whose regular expression ran past its timeout on some
        /// values (they were taken as not matching), for a warning after the run.
        /// </summary>
        public IReadOnlyList<string> RegexTimeouts()
        {
            var lines = new List<string>();
            foreach (var rule in _userRules.OfType<DeclarativeRule>())
            {
                foreach (var condition in rule.Fields.Where(f => f.MatchTimeouts > 0))
                {
                    lines.Add($"Rule '{rule.Name}': the pattern on '{condition.Field}' ran past its {FieldCondition.MatchTimeout.TotalMilliseconds:0} ms timeout on {condition.MatchTimeouts} value(s), which were taken as not matching. Simplify the pattern (nested quantifiers backtrack).");
                }
            }

            return lines;
        }

        /// <summary>nginx error-log messages -> causes: what the resolver names when a tie could be decided by the error log.</summary>
        public NginxMessageTable NginxMessages { get; set; } = NginxMessageTable.BuiltIn;

        public CultureInfo Culture => _culture;

        public DiagnosisSettings Settings { get; }

        /// <summary>An error (status 400 and up, 000 = no status sent, a 1xx or 009 passed on as the answer) or a success that hid failed upstream attempts.</summary>
        public static bool NeedsDiagnosis(LbLogRecord record)
        {
            if (record.Status == null)
            {
                return false;
            }

            // 1xx other than 101 (Switching Protocols) and nginx's 009 (an HTTP/0.9 answer) are not
            // final answers a client should get: an interim or status-less backend answer passed on.
            if (record.Status >= 400 || record.Status < 200 && record.Status != 101)
            {
                return true;
            }

            var attempts = record.UpstreamStatuses;
            for (int i = 0; i < attempts.Count - 1; i++)
            {
                if (attempts[i] == null || attempts[i] >= 500)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Every catalog cause for the code, without evidence.</summary>
        public StatusDiagnosis ResolveCode(int status, LbProvider provider)
        {
            var matches = _catalog.ForStatus(status, provider)
                .Select(c => Match(c, CatalogOnlyScore, Array.Empty<Evidence>(), "The catalog lists this cause for the status code; no log evidence was given."))
                .OrderBy(m => m.CauseId, StringComparer.Ordinal)
                .ToArray();
            return new StatusDiagnosis(status, provider, matches, null);
        }

        /// <summary>A diagnosis for an error record, or null when the record needs none.</summary>
        public StatusDiagnosis? Resolve(LbLogRecord record) => Resolve(record, null);

        /// <summary>
        /// A diagnosis for an error record with the probe results of its upstream addresses (others
        /// are ignored: matched on record.Upstream/UpstreamAddresses vs probe Address:Port or Target).
        /// </summary>
        public StatusDiagnosis? Resolve(LbLogRecord record, IEnumerable<ProbeResult>? probes) => Resolve(record, probes, null);

        /// <summary>
        /// A diagnosis with probe results and the nginx error-log events joined to the record
        /// (<see cref="ErrorLogJoin.Attach"/>): an event's causes are proven (score 97). A record
        /// that would need no diagnosis gets none, events or not.
        /// </summary>
        public StatusDiagnosis? Resolve(LbLogRecord record, IEnumerable<ProbeResult>? probes, IReadOnlyList<NginxErrorEvent>? errorEvents)
        {
            if (record == null)
            {
                throw new ArgumentNullException(nameof(record));
            }

            // A success nginx's error log says broke (a body cut short after a good header) is diagnosed too.
            if (!NeedsDiagnosis(record) && !(errorEvents != null && record.Status != null && errorEvents.Any(e => e.Level >= NginxErrorLevel.Error && e.CauseIds.Count > 0)))
            {
                return null;
            }

            var profile = ProfileFor(record.Provider);
            bool inBurst = record.Status >= 400 && _bursts.Observe(record.Status!.Value, record.Time, profile.BurstPerSecond);
            var addresses = record.UpstreamAddresses.Count > 0 ? record.UpstreamAddresses : record.Upstream == null ? Array.Empty<string>() : new[] { record.Upstream };
            // Without an upstream address (nothing was chosen) every probe counts: they probe the pool behind the balancer.
            var matched = (probes ?? Enumerable.Empty<ProbeResult>()).Where(p => addresses.Count == 0 || ProbeCauseMap.Matches(p, addresses)).ToArray();
            var context = new RuleContext(record, profile, matched, inBurst);
            return Diagnose(context, record.Status!.Value, record.Provider, record, errorEvents ?? Array.Empty<NginxErrorEvent>());
        }

        /// <summary>
        /// The status probe results alone are weighed for when the caller names none: a backend
        /// that cannot be reached or answers wrongly shows behind a balancer first as 502.
        /// </summary>
        public const int ProbeOnlyStatus = 502;

        /// <summary>
        /// Probe results alone, one diagnosis for each of <paramref name="statuses"/>; none named
        /// means <see cref="ProbeOnlyStatus"/>.
        /// </summary>
        public IReadOnlyList<StatusDiagnosis> ResolveProbes(IEnumerable<ProbeResult> probes, IReadOnlyCollection<int>? statuses, LbProvider provider = LbProvider.Unknown)
        {
            var list = (probes ?? throw new ArgumentNullException(nameof(probes))).ToArray();
            var codes = statuses == null || statuses.Count == 0 ? new[] { ProbeOnlyStatus } : statuses;
            return codes.Select(code => ResolveProbes(list, code, provider)).ToArray();
        }

        /// <summary>
        /// Probe results alone, for one status: the catalog's causes for it, confirmed or ruled out
        /// by the probes. Every probe counts (no record to match addresses against).
        /// </summary>
        public StatusDiagnosis ResolveProbes(IEnumerable<ProbeResult> probes, int status, LbProvider provider = LbProvider.Unknown)
        {
            var record = new LbLogRecord { Provider = provider, Status = status };
            var context = new RuleContext(record, ProfileFor(provider), (probes ?? throw new ArgumentNullException(nameof(probes))).ToArray(), false, fromLog: false);
            var diagnosis = Diagnose(context, status, provider, null, Array.Empty<NginxErrorEvent>());
            return diagnosis;
        }

        private StatusDiagnosis Diagnose(RuleContext context, int status, LbProvider provider, LbLogRecord? record, IReadOnlyList<NginxErrorEvent> errorEvents)
        {
            var candidates = new CandidateSet { Catalog = _catalog };
            if (record != null)
            {
                foreach (var rule in RulesFor(provider))
                {
                    rule.Apply(context, candidates);
                }
            }

            if (record != null && !candidates.All.Any(c => _catalog.Find(c.CauseId) != null) && _catalog.ForStatus(status, provider).All(c => c.Id == NonStandardStatusId))
            {
                // A status no rule and no catalog entry knows (a backend's 999 or 000 passed on): flagged, not passed over.
                string upstream = context.Record.UpstreamStatus?.ToString(CultureInfo.InvariantCulture) ?? "-";
                candidates.Add(NonStandardStatusId, 60, "The status is not one the catalog knows for this balancer; nginx passes any three-digit status a backend sends.",
                    new Evidence("status", status.ToString("000", CultureInfo.InvariantCulture), "100-599", $"The logged status {status:000} is outside the codes HTTP defines or the balancer uses; {context.UpstreamStatusField} is {upstream}."));
            }

            // Causes the catalog lists for the code but no rule supported stay visible at the bottom.
            // FromBackend is left out when the rules found the backend did not answer.
            bool backendAnswered = record == null || context.BackendAnswered;
            foreach (var cause in _catalog.ForStatus(status, provider))
            {
                if (!candidates.Contains(cause.Id) && (backendAnswered || !cause.Id.EndsWith(".FromBackend", StringComparison.Ordinal)))
                {
                    candidates.Add(cause.Id, CatalogOnlyScore, record == null ? "The catalog lists this cause for the status code; no log evidence was given." : "Listed by the catalog for this status; no rule matched the record's fields.");
                }
            }

            _probeRule.Apply(context, candidates);
            _errorLogRule.Apply(context, errorEvents, candidates);

            var matches = candidates.All
                // An id outside the catalog is a defect of a rule, a probe or a table, never a cause to drop quietly.
                .Select(c => (Candidate: c, Cause: _catalog.Find(c.CauseId) ?? throw new InvalidOperationException($"Cause '{c.CauseId}' was proposed ({c.Rationale}) but is not in the cause catalog.")))
                .Select(c => Match(c.Cause, c.Candidate.Score, c.Candidate.Evidence.Count == 0 ? Array.Empty<Evidence>() : c.Candidate.Evidence.ToArray(), c.Candidate.Rationale))
                .OrderByDescending(m => m.Score)
                .ThenBy(m => m.CauseId, StringComparer.Ordinal)
                .ToArray();
            var diagnosis = new StatusDiagnosis(status, provider, matches, record, context.Probes) { ErrorLogEvents = errorEvents };
            if (diagnosis.IsTied)
            {
                diagnosis.DecidedBy = TieBreakers.For(diagnosis, context, NginxMessages);
            }

            return diagnosis;
        }

        // Profiles are rebuilt only when a setting changed since the last record.
        private ProviderProfile ProfileFor(LbProvider provider)
        {
            var key = (provider, Settings.ConnectTimeout, Settings.RequestTimeout, Settings.IdleTimeout, Settings.HeaderLimitBytes, Settings.UriLimitBytes, Settings.DeregistrationDelay, Settings.BurstPerSecond);
            if (_profileKey == null || !_profileKey.Equals(key))
            {
                _profileKey = key;
                _profile = Settings.ProfileFor(provider);
            }

            return _profile!;
        }

        private IEnumerable<IDiagnosisRule> RulesFor(LbProvider provider)
        {
            return RuleTables.For(provider).Concat(_userRules);
        }

        private CauseMatch Match(Cause cause, int score, IReadOnlyList<Evidence> evidence, string rationale) =>
            new CauseMatch(cause, cause.GetText(_culture), score, evidence, Rationale(score, rationale));

        // Most rationales are the same few sentences: format each once (bounded cache).
        private string Rationale(int score, string rationale)
        {
            var key = (score, rationale);
            if (_rationales.TryGetValue(key, out var text))
            {
                return text;
            }

            text = $"score {score}: {rationale}";
            if (_rationales.Count < 1024)
            {
                _rationales[key] = text;
            }

            return text;
        }
    }
}
