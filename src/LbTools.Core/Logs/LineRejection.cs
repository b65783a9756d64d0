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

        /// <summary>A JSON line that is not one well-formed JSON object.</summary>
        InvalidJson,

        /// <summary>The line does not follow the literal text of the nginx log_format.</summary>
        FormatMismatch,

        /// <summary>A field every record needs (e.g. status) is missing.</summary>
        MissingField,
    }
}
