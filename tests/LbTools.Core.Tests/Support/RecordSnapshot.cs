using System.Globalization;
using LbTools.Core.Logs;

namespace LbTools.Core.Tests.Support;

/// <summary>
/// Every observable part of a parse outcome as text, for tests that compare two routes to the
/// same records: every property, every vendor field, lookups, or the rejection and its detail
/// (or the exception). With <c>reverse</c> the properties are read in the opposite order, so a
/// lazily decoded group that depends on another being read first shows up as a difference.
/// </summary>
internal static class RecordSnapshot
{
    public static string Of(Func<ParseOutcome> parse, bool reverse)
    {
        ParseOutcome outcome;
        try
        {
            outcome = parse();
        }
        catch (Exception ex)
        {
            return "throws " + ex.GetType().Name + ": " + ex.Message;
        }

        if (!outcome.IsRecord)
        {
            return $"reject {outcome.Reason} {outcome.Detail} skipped={outcome.IsSkipped}";
        }

        var r = outcome.Record!;
        var parts = new List<Func<string>>
        {
            () => $"provider={r.Provider}",
            () => $"time={r.Time?.ToString("O", CultureInfo.InvariantCulture)}",
            () => $"client={r.ClientAddress}|{r.ClientPort}",
            () => $"method={r.Method}",
            () => $"scheme={r.Scheme}",
            () => $"host={r.Host}",
            () => $"listener={r.ListenerPort}",
            () => $"path={r.Path}",
            () => $"query={r.Query}",
            () => $"protocol={r.Protocol}",
            () => $"status={r.Status}|{r.UpstreamStatus}|{string.Join(",", r.UpstreamStatuses)}",
            () => $"upstream={r.Upstream}|{string.Join(",", r.UpstreamAddresses)}",
            () => $"times={D(r.RequestTime)}|{D(r.UpstreamConnectTime)}|{D(r.UpstreamHeaderTime)}|{D(r.UpstreamResponseTime)}|{D(r.Rtt)}",
            () => $"lists={string.Join(",", r.UpstreamConnectTimes.Select(D))}|{string.Join(",", r.UpstreamHeaderTimes.Select(D))}|{string.Join(",", r.UpstreamResponseTimes.Select(D))}",
            () => $"bytes={r.BytesReceived}|{r.BytesSent}|{r.RequestLength}",
            () => $"agent={r.UserAgent}|{r.Referer}",
            () => $"tls={r.TlsProtocol}|{r.TlsCipher}",
            () => $"error={r.ErrorReason}|trace={r.TraceId}",
            () => $"fields={string.Join(";", r.Fields.Select(kv => kv.Key + "=" + kv.Value))}|{r.Fields.Count}|{string.Join(",", r.ExtraFields)}",
            () => $"lookup={r["status"]}|{r["STATUS"]}|{r["nope"]}",
        };
        var values = new string[parts.Count];
        for (int k = 0; k < parts.Count; k++)
        {
            int at = reverse ? parts.Count - 1 - k : k;
            values[at] = parts[at]();
        }

        return string.Join("\n", values);
    }

    private static string D(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "null";
}
