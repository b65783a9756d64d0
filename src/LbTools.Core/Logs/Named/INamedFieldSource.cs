namespace LbTools.Core.Logs.Named
{
    /// <summary>The fields of one line as <see cref="NamedFieldMapper"/> reads them.</summary>
    /// <remarks>Implemented by structs, so the mapper is compiled for each source without interface calls.</remarks>
    internal interface INamedFieldSource
    {
        /// <summary>True when the line has the field, even with a null value.</summary>
        bool Has(NamedField field);

        /// <summary>The field's value; null when the line lacks it or it is null.</summary>
        string? Get(NamedField field);
    }
}
