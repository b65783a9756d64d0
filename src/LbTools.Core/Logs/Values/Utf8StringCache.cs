namespace LbTools.Core.Logs.Values
{
    /// <summary>Decoded strings keyed by their UTF-8 bytes (target addresses repeat from line to line).</summary>
    internal sealed class Utf8StringCache : Utf8KeyedCache<string>
    {
        public Utf8StringCache()
            : base((key, _) => Utf8FieldValues.Decode(key))
        {
        }
    }
}
