namespace LbTools.Core.Logs
{
    /// <summary>Why a line could not become a record. The names are stable for scripts.</summary>
    public enum LineRejection
    {
        TooFewFields,
        InvalidField,
        UnterminatedQuote,
        LineTooLong,
        NotUtf8,
        Unrecognised,
    }
}
