using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System;
using LbTools.Core.Diagnosis.Counting;

namespace LbTools.Core.Diagnosis
{
    /// <summary>
    /// Groups diagnoses by (status, verdict, upstream) in bounded memory — the verdict is the top
    /// cause, or "tied: A | B" for lines the evidence cannot decide, so tied lines form their own
    /// incidents instead of joining the certain ones of their first cause —: per group a count,
    /// first/last time, a fixed-size heavy-hitter counter of paths and a few samples; at most
    /// MaxGroups groups, later new groups fold into one overflow group per (status, cause).
    /// </summary>
    public sealed class IncidentSummarizer
    {
        public const string OverflowUpstream = "*";
        private readonly Dictionary<(int, string?, string?), Group> _groups = new Dictionary<(int, string?, string?), Group>();
        private readonly CultureInfo _culture;

        public IncidentSummarizer(CultureInfo? culture = null, int maxGroups = 500, int pathCapacity = 32, int samplesPerGroup = 3, int topPaths = 5)
        {
            _culture = culture ?? CultureInfo.CurrentUICulture;
            MaxGroups = maxGroups;
            PathCapacity = pathCapacity;
            SamplesPerGroup = samplesPerGroup;
            TopPathCount = topPaths;
        }

        public int MaxGroups { get; }

        public int PathCapacity { get; }

        public int SamplesPerGroup { get; }

        public int TopPathCount { get; }

        public long Total { get; private set; }

        public int GroupCount => _groups.Count;

        /// <summary>The largest number of paths and samples any group holds (for checks that memory stays bounded).</summary>
        public (int Paths, int Samples) LargestGroupState => _groups.Count == 0 ? (0, 0) : (_groups.Values.Max(g => g.Paths.Size), _groups.Values.Max(g => g.Samples.Count));

        public void Add(StatusDiagnosis diagnosis)
        {
            if (diagnosis == null)
            {
                throw new ArgumentNullException(nameof(diagnosis));
            }

            Total++;
            var key = (diagnosis.Status, diagnosis.IsTied ? diagnosis.Verdict : diagnosis.TopCause, diagnosis.Upstream);
            if (!_groups.TryGetValue(key, out var group))
            {
                if (_groups.Count >= MaxGroups)
                {
                    key = (diagnosis.Status, diagnosis.TopCause, OverflowUpstream);
                }

                if (!_groups.TryGetValue(key, out group))
                {
                    group = new Group(key.Item1, key.Item2, key.Item3, PathCapacity);
                    _groups[key] = group;
                }
            }

            group.Count++;
            var time = diagnosis.Time;
            if (time != null)
            {
                if (group.First == null || time < group.First)
                {
                    group.First = time;
                }

                if (group.Last == null || time > group.Last)
                {
                    group.Last = time;
                }
            }

            group.Paths.Add(diagnosis.Path ?? "-");
            if (group.Samples.Count < SamplesPerGroup)
            {
                group.Samples.Add(diagnosis);
            }
        }

        /// <summary>The incidents, largest first.</summary>
        public IReadOnlyList<IncidentSummary> Summaries()
        {
            return _groups.Values
                .OrderByDescending(g => g.Count)
                .ThenBy(g => g.Status)
                .ThenBy(g => g.Cause, StringComparer.Ordinal)
                .Select(ToSummary)
                .ToArray();
        }

        private IncidentSummary ToSummary(Group group)
        {
            var first = group.Samples.Count > 0 ? group.Samples[0] : null;
            var top = first != null && first.Causes.Count > 0 ? first.Causes[0] : null;
            var steps = new List<string>();
            if (top != null)
            {
                steps.AddRange(top.Checks);
            }

            steps.AddRange(TriageChecklist.BuiltIn.ForOrigin(top?.Origin, _culture).Select(s => s.Text));
            bool tied = first?.IsTied ?? false;
            return new IncidentSummary
            {
                Status = group.Status,
                TopCause = first?.TopCause ?? group.Cause,
                IsTied = tied,
                TiedCauses = tied ? first!.TiedCauses : Array.Empty<string>(),
                DecidedBy = tied ? first!.DecidedBy : Array.Empty<string>(),
                Title = top?.Title,
                Origin = top?.Origin,
                Upstream = group.Upstream,
                Count = group.Count,
                Share = Total == 0 ? 0 : (double)group.Count / Total,
                FirstSeen = group.First,
                LastSeen = group.Last,
                TopPaths = group.Paths.Top(TopPathCount),
                AlsoPossible = first == null || top == null ? Array.Empty<string>() : first.Causes.Skip(1).Where(c => c.Score > StatusResolver.CatalogOnlyScore && c.Score >= top.Score - 20).Select(c => c.CauseId).ToArray(),
                Samples = group.Samples.ToArray(),
                NextSteps = steps,
            };
        }

        private sealed class Group
        {
            public Group(int status, string? cause, string? upstream, int pathCapacity)
            {
                Status = status;
                Cause = cause;
                Upstream = upstream;
                Paths = new TopKCounter(pathCapacity);
            }

            public int Status { get; }

            public string? Cause { get; }

            public string? Upstream { get; }

            public long Count { get; set; }

            public DateTimeOffset? First { get; set; }

            public DateTimeOffset? Last { get; set; }

            public TopKCounter Paths { get; }

            public List<StatusDiagnosis> Samples { get; } = new List<StatusDiagnosis>();
        }
    }
}
