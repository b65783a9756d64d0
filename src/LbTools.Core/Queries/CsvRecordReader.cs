using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace LbTools.Core.Queries
{
    /// <summary>
    /// Reads RFC 4180 CSV from a stream of characters, one record at a time: fields separated by
    /// commas, records by CRLF or LF, a field in double quotes may hold commas, line breaks and
    /// doubled quotes (""). A byte order mark before the first field is dropped. Strict where the
    /// RFC is: a quote inside an unquoted field, text after a closing quote, or a quote left open
    /// at the end of the input is an error naming the physical line. After an error the reader
    /// resumes at the next line break outside quotes, so one bad record does not hide the rest.
    /// </summary>
    internal sealed class CsvRecordReader
    {
        private readonly TextReader _reader;
        private readonly StringBuilder _field = new StringBuilder();
        private long _line = 1;
        private bool _atStart = true;

        public CsvRecordReader(TextReader reader)
        {
            _reader = reader ?? throw new ArgumentNullException(nameof(reader));
        }

        /// <summary>The physical lines consumed so far (a record with line breaks in quotes spans several).</summary>
        public long LinesConsumed { get; private set; }

        /// <summary>
        /// The next record, or null at the end of the input. <paramref name="line"/> is the
        /// physical line the record starts on; <paramref name="error"/> is set (and the fields are
        /// null) when the record is malformed.
        /// </summary>
        public IReadOnlyList<string>? Next(out long line, out string? error)
        {
            error = null;
            line = _line;
            if (_atStart)
            {
                _atStart = false;
                if (_reader.Peek() == '\uFEFF')
                {
                    _reader.Read();
                }
            }

            if (_reader.Peek() < 0)
            {
                return null;
            }

            var fields = new List<string>();
            while (true)
            {
                _field.Clear();
                int c = _reader.Peek();
                if (c == '"')
                {
                    _reader.Read();
                    error = ReadQuoted(line);
                    if (error != null)
                    {
                        SkipToLineEnd();
                        return null;
                    }

                    c = _reader.Peek();
                    if (c != ',' && c != '\r' && c != '\n' && c >= 0)
                    {
                        error = $"text after the closing quote of field {fields.Count + 1} (a quoted field must end at a comma or the end of the line)";
                        SkipToLineEnd();
                        return null;
                    }
                }
                else
                {
                    while ((c = _reader.Peek()) >= 0 && c != ',' && c != '\r' && c != '\n')
                    {
                        if (c == '"')
                        {
                            error = $"a double quote inside unquoted field {fields.Count + 1} (quote the whole field and double the quote)";
                            SkipToLineEnd();
                            return null;
                        }

                        _field.Append((char)_reader.Read());
                    }
                }

                fields.Add(_field.ToString());
                c = _reader.Read();
                if (c == ',')
                {
                    continue;
                }

                if (c == '\r' && _reader.Peek() == '\n')
                {
                    _reader.Read();
                }

                if (c >= 0)
                {
                    EndLine();
                }
                else
                {
                    LinesConsumed = _line;
                }

                return fields;
            }
        }

        /// <summary>Reads a quoted field after its opening quote; an error message when the input ends inside it.</summary>
        private string? ReadQuoted(long startLine)
        {
            while (true)
            {
                int c = _reader.Read();
                if (c < 0)
                {
                    LinesConsumed = _line;
                    return $"a quoted field opened on line {startLine} is never closed";
                }

                if (c == '"')
                {
                    if (_reader.Peek() != '"')
                    {
                        return null;
                    }

                    _reader.Read();
                }
                else if (c == '\n' || (c == '\r' && _reader.Peek() != '\n'))
                {
                    EndLine();
                }

                _field.Append((char)c);
            }
        }

        private void SkipToLineEnd()
        {
            int c;
            while ((c = _reader.Read()) >= 0)
            {
                if (c == '\n' || (c == '\r' && _reader.Peek() != '\n'))
                {
                    EndLine();
                    return;
                }
            }

            LinesConsumed = _line;
        }

        private void EndLine()
        {
            LinesConsumed = _line;
            _line++;
        }
    }
}
