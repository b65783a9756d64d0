using System;

namespace LbTools.Core.Diagnosis
{
    /// <summary>A catalog or rule file that does not follow the schema; the message names the entry.</summary>
    public sealed class CatalogFormatException : Exception
    {
        public CatalogFormatException(string source, string entry, string message)
            : base($"{source}: entry '{entry}': {message}")
        {
            Source = source;
            Entry = entry;
        }

        public new string Source { get; }

        public string Entry { get; }
    }
}
