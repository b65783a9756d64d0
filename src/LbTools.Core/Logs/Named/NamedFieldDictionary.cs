using System.Collections.Generic;

namespace LbTools.Core.Logs.Named
{
    /// <summary>Fields in a dictionary (whose comparer decides how names match), looked up by name.</summary>
    internal readonly struct NamedFieldDictionary : INamedFieldSource
    {
        private readonly IReadOnlyDictionary<string, string?> _fields;

        public NamedFieldDictionary(IReadOnlyDictionary<string, string?> fields)
        {
            _fields = fields;
        }

        public bool Has(NamedField field) => _fields.ContainsKey(NamedFieldNames.Of(field));

        public string? Get(NamedField field) => _fields.TryGetValue(NamedFieldNames.Of(field), out var value) ? value : null;
    }
}
