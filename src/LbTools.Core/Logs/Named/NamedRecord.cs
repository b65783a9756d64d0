using System.Collections.Generic;
using LbTools.Core.Logs.Parsing;

namespace LbTools.Core.Logs.Named
{
    /// <summary>Builds a record from fields that already carry their names (JSON, CSV, nginx).</summary>
    internal static class NamedRecord
    {
        public static ParseOutcome Build(IReadOnlyDictionary<string, string?> fields, LbProvider provider, bool requireStatus = true) =>
            Build(new NamedFieldDictionary(fields), fields, provider, requireStatus);

        /// <summary>A record whose mapped fields are read from <paramref name="source"/> and whose Fields are <paramref name="fields"/> (the same values).</summary>
        public static ParseOutcome Build<TSource>(TSource source, IReadOnlyDictionary<string, string?> fields, LbProvider provider, bool requireStatus = true)
            where TSource : struct, INamedFieldSource
        {
            if (requireStatus && !source.Has(NamedField.Status))
            {
                return ParseOutcome.Reject(LineRejection.MissingField, "no status field");
            }

            var record = new LbLogRecord { Provider = provider, Fields = fields };
            if (!NamedFieldMapper.TryMap(source, record, out var reason, out var detail))
            {
                return ParseOutcome.Reject(reason, detail);
            }

            return ParseOutcome.Success(record);
        }
    }
}
