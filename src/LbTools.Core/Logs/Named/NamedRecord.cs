using System.Collections.Generic;

namespace LbTools.Core.Logs.Named
{
    /// <summary>Builds a record from fields that already carry their names (JSON, CSV, nginx).</summary>
    internal static class NamedRecord
    {
        public static ParseOutcome Build(IReadOnlyDictionary<string, string?> fields, LbProvider provider, bool requireStatus = true)
        {
            if (requireStatus && !fields.ContainsKey("status"))
            {
                return ParseOutcome.Reject(LineRejection.MissingField, "no status field");
            }

            var record = new LbLogRecord { Provider = provider, Fields = fields };
            if (!NamedFieldMapper.TryMap(fields, record, out var reason, out var detail))
            {
                return ParseOutcome.Reject(reason, detail);
            }

            return ParseOutcome.Success(record);
        }
    }
}
