using System.Collections.Generic;
using System.Threading;
using System;
using LbTools.Core.Logs.Parsing;
using LbTools.Core.Logs.Values;
using LbTools.Core.Logs;

namespace LbTools.Core.Triage
{
    /// <summary>
    /// The triage fast path: parsers that can (AWS ALB) hand the lines that only count — 1xx to
    /// 3xx with one backend attempt, which StatusResolver would not diagnose — straight from their
    /// field spans to these counters, so no LbLogRecord is built for them. Parser threads share
    /// the counter through a few lock stripes (one per thread id modulo the stripe count), each
    /// with its own timeline and backend counters; after the read they are merged into the
    /// aggregator. Memory: the stripes' counters, bounded as the aggregator's are.
    /// </summary>
    internal sealed class FastPath : ILineCounter
    {
        private readonly Stripe[] _stripes;
        private readonly Utf8StringCache _addresses = new Utf8StringCache();

        private FastPath(TriageOptions options)
        {
            var (since, until) = options.Window();
            _stripes = new Stripe[Math.Max(2, Math.Min(options.Threads, 16)) * 2];
            for (int i = 0; i < _stripes.Length; i++)
            {
                _stripes[i] = new Stripe(new Timeline(options.Interval, options.MaxIntervals, since, until), options.MaxBackends);
            }
        }

        /// <summary>Attaches a fast path to the read options when the triage allows it; null otherwise.</summary>
        public static FastPath? Attach(AccessLogReadOptions readOptions, TriageOptions options)
        {
            if (!options.FastPath)
            {
                return null;
            }

            var fast = new FastPath(options);
            readOptions.LineCounter = fast;
            return fast;
        }

        public bool CountsOnly(int status) => status >= 100 && status < 400;

        public void Count(long utcTicks, int status, double requestTime, double upstreamTime, ReadOnlySpan<byte> backend)
        {
            string? address = backend.Length == 0 ? null : _addresses.Get(backend);
            var stripe = _stripes[(Environment.CurrentManagedThreadId & 0x7FFFFFFF) % _stripes.Length];
            lock (stripe)
            {
                stripe.Add(utcTicks, status, requestTime, upstreamTime, address);
            }
        }

        /// <summary>Folds every stripe into the aggregator (after the read, on one thread).</summary>
        public void MergeInto(TriageAggregator aggregator)
        {
            foreach (var stripe in _stripes)
            {
                lock (stripe)
                {
                    aggregator.MergeCounted(stripe);
                }
            }
        }

        /// <summary>The counters of one stripe.</summary>
        internal sealed class Stripe
        {
            private readonly int _maxBackends;

            public Stripe(Timeline timeline, int maxBackends)
            {
                Timeline = timeline;
                _maxBackends = maxBackends;
            }

            public Timeline Timeline { get; }

            public Dictionary<string, BackendCounters> Backends { get; } = new Dictionary<string, BackendCounters>(StringComparer.Ordinal);

            public BackendCounters NoBackend { get; } = new BackendCounters();

            public long Count { get; private set; }

            public long[] Classes { get; } = new long[6];

            public long FirstTicks { get; private set; } = long.MaxValue;

            public long LastTicks { get; private set; } = long.MinValue;

            public void Add(long ticks, int status, double requestTime, double upstreamTime, string? address)
            {
                Count++;
                int cls = status >= 100 && status <= 599 ? status / 100 : 0;
                Classes[cls]++;
                if (ticks < FirstTicks)
                {
                    FirstTicks = ticks;
                }

                if (ticks > LastTicks)
                {
                    LastTicks = ticks;
                }

                var interval = Timeline.At(ticks, out _);
                interval.Classes[cls]++;
                int requestBin = interval.RequestTime.AddGetBin(requestTime);
                int upstreamBin = interval.UpstreamTime.AddGetBin(upstreamTime);

                BackendCounters counters;
                if (address == null)
                {
                    counters = NoBackend;
                }
                else if (!Backends.TryGetValue(address, out counters!))
                {
                    if (Backends.Count >= _maxBackends && !Backends.TryGetValue(TriageAggregator.OverflowBackend, out counters!))
                    {
                        counters = new BackendCounters();
                        Backends[TriageAggregator.OverflowBackend] = counters;
                    }
                    else if (counters == null)
                    {
                        counters = new BackendCounters();
                        Backends[address] = counters;
                    }
                }

                counters.Requests++;
                if (cls == 4)
                {
                    counters.ClientErrors++;
                }
                else if (cls == 5)
                {
                    counters.ServerErrors++;
                }

                counters.RequestTime.AddToBin(requestBin, requestTime);
                counters.UpstreamTime.AddToBin(upstreamBin, upstreamTime);
            }
        }
    }

    /// <summary>Counts and latencies of one backend address.</summary>
    internal sealed class BackendCounters
    {
        public long Requests;
        public long ClientErrors;
        public long ServerErrors;
        public readonly LatencyHistogram RequestTime = new LatencyHistogram();
        public readonly LatencyHistogram UpstreamTime = new LatencyHistogram();

        public void Merge(BackendCounters other)
        {
            Requests += other.Requests;
            ClientErrors += other.ClientErrors;
            ServerErrors += other.ServerErrors;
            RequestTime.Merge(other.RequestTime);
            UpstreamTime.Merge(other.UpstreamTime);
        }
    }
}
