namespace LbTools.Core.Logs.Named
{
    /// <summary>
    /// One line's values by position, with a per-layout table saying which position holds each
    /// field (-1: the line lacks it), worked out once from the field names rather than per line.
    /// </summary>
    internal readonly struct SlotFieldValues : INamedFieldSource
    {
        private readonly int[] _positionOfField;
        private readonly string?[] _values;

        /// <param name="positionOfField">Indexed by <see cref="NamedField"/>, <see cref="NamedFieldNames.Count"/> entries.</param>
        /// <param name="values">The line's values by position.</param>
        public SlotFieldValues(int[] positionOfField, string?[] values)
        {
            _positionOfField = positionOfField;
            _values = values;
        }

        public bool Has(NamedField field) => _positionOfField[(int)field] >= 0;

        public string? Get(NamedField field) => _positionOfField[(int)field] is var i && i >= 0 ? _values[i] : null;
    }
}
