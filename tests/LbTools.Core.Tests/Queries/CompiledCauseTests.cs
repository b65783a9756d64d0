using System.Globalization;
using LbTools.Core.Diagnosis;
using LbTools.Core.Diagnosis.Counting;
using LbTools.Core.Diagnosis.Rules;
using LbTools.Core.Diagnosis.Rules.Expressions;
using LbTools.Core.Logs;
using LbTools.Core.Probes;
using LbTools.Core.Queries;

namespace LbTools.Core.Tests.Queries;

/// <summary>
/// The compiled clause list the SQL is written from (effective conditions with guards and stops,
/// score levels, the non-standard status fallback) gives the resolver's incident cause for every
/// record, evaluated in process. This checks the compiler's logic without an engine; the SQL text
/// itself runs on DuckDB in LbTools.Sql.Tests.
/// </summary>
public class CompiledCauseTests
{
    public static TheoryData<LbProvider> Providers() => new() { LbProvider.AwsAlb, LbProvider.AwsClb, LbProvider.CloudFront, LbProvider.AlibabaAlb, LbProvider.AlibabaClb };

    [Theory]
    [MemberData(nameof(Providers))]
    public void The_compiled_levels_name_the_resolvers_cause_for_varied_records(LbProvider provider)
    {
        var catalog = CauseCatalog.BuiltIn;
        var profile = ProviderProfile.For(provider);
        var sql = new SqlWriter(QueryEngine.DuckDb, provider, profile);
        var clauses = DiagnosisSql.Clauses(sql, catalog, null, new List<string>());
        var known = new HashSet<int>(DiagnosisSql.KnownStatuses(provider, catalog));
        var resolver = new StatusResolver(catalog, CultureInfo.GetCultureInfo("en"));
        var bursts = new BurstTracker();
        int diagnosed = 0, withCause = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in Varied(provider, 6000))
        {
            var diagnosis = resolver.Resolve(record);
            var context0 = new RuleContext(record, profile, Array.Empty<ProbeResult>(), false);
            Assert.Equal(diagnosis != null, DiagnosisSql.NeedsDiagnosis.Holds(context0));
            if (diagnosis == null)
            {
                continue;
            }

            diagnosed++;
            bool inBurst = record.Status >= 400 && bursts.Observe(record.Status!.Value, record.Time, profile.BurstPerSecond);
            var context = new RuleContext(record, profile, Array.Empty<ProbeResult>(), inBurst);
            var tied = diagnosis.TopCause == null ? Array.Empty<CauseMatch>() : diagnosis.Causes.TakeWhile(c => c.Score == diagnosis.Causes[0].Score).OrderBy(c => c.CauseId, StringComparer.Ordinal).ToArray();
            string? expected = tied.Length == 0 ? null : string.Join("|", tied.Select(c => c.CauseId));
            string? compiled = Compiled(clauses, known, context);
            Assert.True(expected == compiled, $"{record.Status} up={record.UpstreamStatus} addr={record.Upstream}: resolver {expected ?? "NULL"}, compiled {compiled ?? "NULL"}");
            if (expected != null)
            {
                withCause++;
                seen.Add(expected);
            }
        }

        // The records reach many clauses, not one easy path.
        Assert.True(diagnosed > 4000 && withCause > 3000 && seen.Count >= 20, $"{diagnosed} diagnosed, {withCause} with a cause, {seen.Count} distinct");
    }

    // The chain DiagnosisSql writes: the first score level (highest first) with a clause that holds; else the non-standard flag.
    private static string? Compiled(IReadOnlyList<DiagnosisSql.CompiledClause> clauses, HashSet<int> known, RuleContext context)
    {
        foreach (var level in clauses.Where(c => c.Score > StatusResolver.CatalogOnlyScore).GroupBy(c => c.Score).OrderByDescending(g => g.Key))
        {
            var ids = level.Where(c => c.Condition.Holds(context)).Select(c => c.CauseId).Distinct(StringComparer.Ordinal).OrderBy(id => id, StringComparer.Ordinal).ToArray();
            if (ids.Length > 0)
            {
                return string.Join("|", ids);
            }
        }

        return known.Contains(context.Status) ? null : StatusResolver.NonStandardStatusId;
    }

    // Records across every status family, sentinels (missing values) and the thresholds the rules test; bursts of one status in one second.
    private static IEnumerable<LbLogRecord> Varied(LbProvider provider, int count)
    {
        var r = new Random(7);
        T Pick<T>(params T[] items) => items[r.Next(items.Length)];
        var time = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        bool aws = provider == LbProvider.AwsAlb || provider == LbProvider.AwsClb;
        int made = 0;
        while (made < count)
        {
            int burst = r.Next(40) == 0 ? 55 : 1;
            int burstStatus = Pick(503, 408, 499);
            var start = time.AddMilliseconds(Pick(0, 3, 400, 1000, 1700));
            for (int b = 0; b < burst; b++, made++)
            {
                time = start.AddMilliseconds(b * 3);
                int status = burst > 1 ? burstStatus : Pick(0, 9, 100, 101, 200, 301, 400, 400, 403, 404, 405, 408, 413, 414, 444, 460, 463, 464, 499, 500, 501, 502, 502, 503, 504, 504, 505, 507, 561, 599, 999);
                int? up = Pick<int?>(null, null, status, status, 200, 500, 502, 503, 504, 404);
                var rec = new LbLogRecord { Provider = provider, Time = time, Status = status, UpstreamStatus = up };
                if (r.Next(6) == 0)
                {
                    rec.UpstreamStatuses = new[] { Pick<int?>(null, 502, 504, 200, 404, 500), up };
                    rec.UpstreamAddresses = new[] { "10.0.0.9:80", "10.0.0.1:80" };
                }
                else if (up != null)
                {
                    rec.UpstreamStatuses = new[] { up };
                }

                rec.Upstream = Pick<string?>(null, null, "10.0.0.1:80", "backend_pool", "unix:/tmp/x.sock");
                rec.UpstreamConnectTime = Pick<double?>(null, 0.001, 5, 10, 60, 60.3);
                rec.UpstreamResponseTime = Pick<double?>(null, 0.5, 5, 5.004, 7, 10, 10.4, 30, 59.6, 60, 61.2);
                rec.RequestTime = Pick<double?>(null, 0.1, 59, 60, 61);
                rec.Rtt = provider == LbProvider.AwsAlb ? null : Pick<double?>(null, 0.01, 0.5);
                rec.BytesReceived = Pick<long?>(null, 100, 16384, 40000);
                rec.RequestLength = aws ? null : Pick<long?>(null, 100, 2000, 8192, 40000);
                rec.Method = Pick<string?>(null, "GET", "POST", "HEAD", "PUT", "TRACE", "trace", "CONNECT", new string('X', 130), string.Empty);
                rec.Path = Pick<string?>(null, "/", "/api", "/" + new string('a', 9000), "/" + new string('b', 33000));
                rec.Query = Pick<string?>(null, "a=1", new string('q', 8191));
                rec.Protocol = Pick<string?>(null, "HTTP/1.1", "HTTP/2.0");
                rec.Host = Pick<string?>(null, "shop.example.com", "1.2.3.4", "10.0.0.7:8080");
                rec.Scheme = Pick<string?>(null, "http", "https", "HTTP");
                var f = new Dictionary<string, string?>(StringComparer.Ordinal);
                switch (provider)
                {
                    case LbProvider.AwsAlb:
                        rec.UpstreamHeaderTime = Pick<double?>(null, 0.02);
                        rec.ErrorReason = Pick<string?>(null, null, null, "LambdaUnhandled", "LambdaRequestTooLarge", "LambdaConnectionTimeout", "WAFConnectionError", "AuthInvalidCookie", "AuthUnhandledException", "AuthMissingEpRequest", "Other");
                        f["type"] = Pick<string?>("h2", "H2", "http", "-");
                        f["actions_executed"] = Pick<string?>("waf", "forward", "authenticate,waf", "waf,forward", "-");
                        f["classification_reason"] = Pick<string?>("-", "-", "Ambiguous");
                        double? back = Pick<double?>(null, 0.5, 9, 10, 11.5, 11.6, 20, 59, 60, 61, 300);
                        f["request_creation_time"] = back == null ? "-" : time.AddSeconds(-back.Value).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
                        break;
                    case LbProvider.AwsClb:
                        rec.UpstreamHeaderTime = Pick<double?>(null, 0.02);
                        break;
                    case LbProvider.CloudFront:
                        f["x-edge-detailed-result-type"] = Pick<string?>("-", "Error", "OriginDnsError", "OriginCommError", "ClientHungUpRequest", "CapacityExceeded", "Weird", "InvalidRequest");
                        f["x-edge-result-type"] = Pick<string?>("-", "Error", "Miss", "LimitExceeded", "OriginConnectError");
                        break;
                    default:
                        f["slb_vport"] = Pick<string?>("443", "80", "-");
                        f["upstream_status"] = up?.ToString(CultureInfo.InvariantCulture) ?? "-";
                        break;
                }

                rec.Fields = f;
                yield return rec;
            }
        }
    }
}
