using System;
using System.Buffers;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Text;
using System.Text.Json;
using LbTools.Core.Logs.Named;
using LbTools.Core.Logs.Parsing;
using LbTools.Core.Logs.Values;

namespace LbTools.Core.Logs.Alibaba
{
    /// <summary>
    /// One JSON object per line: Alibaba ALB/CLB logs exported from Simple Log Service, or nginx
    /// output of a <c>log_format … escape=json</c> that uses the same names. Every key lands in
    /// Fields under its own name; numbers are kept as their JSON text. The provider comes from
    /// __topic__, then app_lb_id/slbid; a line with none of those is nginx.
    /// </summary>
    /// <remarks>
    /// Lines are read over their bytes, giving exactly what <see cref="ParseText"/> (JsonDocument
    /// over the decoded line, kept as the reference) gives: plain flat objects by
    /// <see cref="FlatJsonObject"/>, the rest with a <see cref="Utf8JsonReader"/>. The keys are
    /// resolved once per key list (<see cref="SlsJsonKeyLayout"/>), so a line only adds its values.
    /// </remarks>
    internal sealed class AlibabaSlsJsonLineParser : IUtf8LineParser, IParallelLineParser
    {
        private const string NotAnObject = "the line is JSON but not an object";
        private const string Malformed = "not one well-formed JSON object: ";

        private static readonly JsonDocumentOptions Options = new JsonDocumentOptions { MaxDepth = 16 };

        // The same limits JsonDocument derives from Options (no comments, no trailing commas).
        private static readonly JsonReaderOptions ReaderOptions = new JsonReaderOptions { MaxDepth = 16 };

        private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

        // How LogLine.Text decodes: invalid bytes become U+FFFD.
        private static readonly Encoding LenientUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

        // Values longer than this are decoded every time (comparing them costs more than it saves).
        private const int MaxRememberedValueBytes = 256;

        // Key names repeat on every line; thread-safe, so worker copies share it.
        private readonly Utf8StringCache _names;

        // The last string value at each property position: an exporter writes the keys in one order,
        // and many values (topic, host, method, status, TLS) repeat from line to line. Per instance.
        private readonly RememberedValue?[] _lastValues = new RememberedValue?[64];

        // The keys of the line before, reused while lines repeat them, and the last few key lists
        // (a file may mix some, such as lines with and without an optional key). Per instance.
        private readonly SlsJsonKeyLayout?[] _recentLayouts = new SlsJsonKeyLayout?[8];
        private int _nextRecent;
        private SlsJsonKeyLayout? _layout;

        // The line being read, by property position: its keys (written only from the first one
        // the layout does not have) and its values; reused from line to line. _matching is the
        // layout while the keys so far are its keys, _known how many those are.
        private string[] _keys = new string[32];
        private string?[] _values = new string?[32];
        private SlsJsonKeyLayout? _matching;
        private int _known;

        // Where the properties of a flat line are (FlatJsonObject.Scan).
        private int[] _spans = new int[32 * FlatJsonObject.SpanInts];

        public AlibabaSlsJsonLineParser()
            : this(new Utf8StringCache())
        {
        }

        private AlibabaSlsJsonLineParser(Utf8StringCache names)
        {
            _names = names;
        }

        public LogFormat Format => LogFormat.AlibabaSlsJson;

        ILogLineParser IParallelLineParser.CreateWorkerCopy() => new AlibabaSlsJsonLineParser(_names);

        /// <summary>A JSON object with a status key: what detection needs to call a file SLS JSON.</summary>
        public static bool LooksLikeSlsJson(string line)
        {
            if (line.Length < 2 || line[0] != '{')
            {
                return false;
            }

            var outcome = new AlibabaSlsJsonLineParser().Parse(line);
            return outcome.IsRecord;
        }

        public ParseOutcome Parse(string line)
        {
            byte[]? rented = null;
            try
            {
                int length;
                try
                {
                    rented = ArrayPool<byte>.Shared.Rent(StrictUtf8.GetMaxByteCount(line.Length));
                    length = StrictUtf8.GetBytes(line, 0, line.Length, rented, 0);
                }
                catch (EncoderFallbackException)
                {
                    // A lone surrogate character: the reference route rejects it the same way.
                    return ParseText(line);
                }

                return ParseValid(new ReadOnlySpan<byte>(rented, 0, length));
            }
            finally
            {
                if (rented != null)
                {
                    ArrayPool<byte>.Shared.Return(rented);
                }
            }
        }

        public ParseOutcome Parse(ReadOnlySpan<byte> line)
        {
            if (!IsValidUtf8(line))
            {
                // Rare: the text route replaced invalid bytes with U+FFFD before parsing, so do that.
                return ParseText(LenientUtf8.GetString(line.ToArray()));
            }

            return ParseValid(line);
        }

        /// <summary>
        /// JSON can escape half of a surrogate pair on its own ("\ud800"); no UTF-8 or .NET text
        /// holds that, so the line is rejected naming the field.
        /// </summary>
        private static ParseOutcome LoneSurrogate(string? key) => ParseOutcome.Reject(
            LineRejection.InvalidField,
            key == null ? "a key holds a lone surrogate escape (\\uD800-\\uDFFF), which is no character" : $"{key}: a lone surrogate escape (\\uD800-\\uDFFF), which is no character");

        /// <summary>The reference route: JsonDocument over the decoded line, then a copy of every property.</summary>
        internal static ParseOutcome ParseText(string line)
        {
            var fields = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            try
            {
                using var document = JsonDocument.Parse(line, Options);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    return ParseOutcome.Reject(LineRejection.InvalidJson, NotAnObject);
                }

                foreach (var property in document.RootElement.EnumerateObject())
                {
                    string name;
                    try
                    {
                        name = property.Name;
                    }
                    catch (InvalidOperationException)
                    {
                        return LoneSurrogate(null);
                    }

                    try
                    {
                        fields[name] = property.Value.ValueKind switch
                        {
                            JsonValueKind.String => property.Value.GetString(),
                            JsonValueKind.Null => null,
                            _ => property.Value.GetRawText(),
                        };
                    }
                    catch (InvalidOperationException)
                    {
                        return LoneSurrogate(name);
                    }
                }
            }
            catch (JsonException ex)
            {
                return ParseOutcome.Reject(LineRejection.InvalidJson, Malformed + ex.Message);
            }
            catch (ArgumentException)
            {
                // JsonDocument cannot transcode a line that holds a lone surrogate character.
                return ParseOutcome.Reject(LineRejection.NotUtf8, "the line holds a lone surrogate character (U+D800-U+DFFF), which has no UTF-8 form");
            }

            return NamedRecord.Build(fields, NamedFieldMapper.ProviderOf(new NamedFieldDictionary(fields)));
        }

        private static unsafe bool IsValidUtf8(ReadOnlySpan<byte> line)
        {
            if (line.Length == 0)
            {
                return true;
            }

            try
            {
                fixed (byte* p = line)
                {
                    StrictUtf8.GetCharCount(p, line.Length);
                }

                return true;
            }
            catch (DecoderFallbackException)
            {
                return false;
            }
        }

        /// <summary>Parses a line of valid UTF-8.</summary>
        private ParseOutcome ParseValid(ReadOnlySpan<byte> line)
        {
            _matching = _layout;
            _known = 0;
            int count = ReadFlat(line);
            if (count == FlatJsonObject.NotFlat)
            {
                var reader = new Utf8JsonReader(line, ReaderOptions);
                try
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        // JsonDocument reads the whole value before it looks at its kind: malformed wins.
                        reader.Skip();
                        ReadToEnd(ref reader);
                        return ParseOutcome.Reject(LineRejection.InvalidJson, NotAnObject);
                    }

                    if (!ReadProperties(ref reader, line, out count, out var failedKey))
                    {
                        // JsonDocument checks the whole line before GetString can fail on a bad escape.
                        ReadToEnd(ref reader);
                        return LoneSurrogate(failedKey);
                    }

                    ReadToEnd(ref reader);
                }
                catch (JsonException ex)
                {
                    return ParseOutcome.Reject(LineRejection.InvalidJson, Malformed + ex.Message);
                }
            }

            var layout = LayoutOf(count);
            var values = layout.EntryValues(_values);
            var source = new SlotFieldValues(layout.EntryOfField, values);
            return NamedRecord.Build(source, new SlsJsonFieldMap(layout, values), NamedFieldMapper.ProviderOf(source));
        }

        /// <summary>The properties of a flat line into the scratch arrays, as <see cref="ReadProperties"/> reads them; or NotFlat.</summary>
        private int ReadFlat(ReadOnlySpan<byte> line)
        {
            int count = FlatJsonObject.Scan(line, ref _spans, _layout?.Keys, out int expectedFound);
            for (int p = 0; p < count; p++)
            {
                MakeRoom(p);
                int s = p * FlatJsonObject.SpanInts;
                if (p < expectedFound)
                {
                    // The scanner found the last layout's key here already.
                    _known = p + 1;
                }
                else
                {
                    Key(p, line.Slice(_spans[s], _spans[s + 1]));
                }

                var token = line.Slice(_spans[s + 2], _spans[s + 3]);
                _values[p] = token[0] switch
                {
                    (byte)'"' => StringAt(p, token.Slice(1, token.Length - 2)),
                    (byte)'n' => null,
                    (byte)'t' => "true",
                    (byte)'f' => "false",
                    _ => Utf8FieldValues.Decode(token),
                };
            }

            return count;
        }

        /// <summary>
        /// Reads the properties up to the object's end into the scratch arrays; false with the
        /// key whose value could not be decoded (a lone surrogate escape; null when it was the
        /// key itself), the reader then just past that token.
        /// </summary>
        private bool ReadProperties(ref Utf8JsonReader reader, ReadOnlySpan<byte> line, out int count, out string? failedKey)
        {
            failedKey = null;
            int position = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                MakeRoom(position);
                string? value;
                string? key = null;
                ReadOnlySpan<byte> rawKey = default;
                try
                {
                    if (reader.ValueIsEscaped)
                    {
                        key = reader.GetString()!;
                        Key(position, key);
                    }
                    else
                    {
                        rawKey = reader.ValueSpan;
                        Key(position, rawKey);
                    }

                    reader.Read();
                    switch (reader.TokenType)
                    {
                        case JsonTokenType.String:
                            value = reader.ValueIsEscaped ? reader.GetString() : StringAt(position, reader.ValueSpan);
                            break;
                        case JsonTokenType.Null:
                            value = null;
                            break;
                        case JsonTokenType.True:
                            value = "true";
                            break;
                        case JsonTokenType.False:
                            value = "false";
                            break;
                        case JsonTokenType.StartObject:
                        case JsonTokenType.StartArray:
                            // GetRawText of a container: its bytes as written, inner whitespace included.
                            int start = (int)reader.TokenStartIndex;
                            reader.Skip();
                            value = Utf8FieldValues.Decode(line.Slice(start, (int)reader.BytesConsumed - start));
                            break;
                        default:
                            // A number: its token bytes are its text.
                            value = Utf8FieldValues.Decode(reader.ValueSpan);
                            break;
                    }
                }
                catch (InvalidOperationException)
                {
                    failedKey = key ?? (rawKey.IsEmpty ? null : Utf8FieldValues.Decode(rawKey));
                    count = position;
                    return false;
                }

                _values[position] = value;
                position++;
            }

            count = position;
            return true;
        }

        /// <summary>Notes the unescaped key at a position: nothing to decode while it is the last layout's.</summary>
        private void Key(int position, ReadOnlySpan<byte> key)
        {
            if (_matching != null && _matching.HasKey(position, key))
            {
                _known = position + 1;
                return;
            }

            _matching = null;
            _keys[position] = _names.Get(key);
        }

        /// <summary>Notes a key that had escapes, decoded.</summary>
        private void Key(int position, string key)
        {
            if (_matching != null && _matching.HasKey(position, key))
            {
                _known = position + 1;
                return;
            }

            _matching = null;
            _keys[position] = key;
        }

        /// <summary>Grows the scratch arrays to hold a property at this position.</summary>
        private void MakeRoom(int position)
        {
            if (position == _values.Length)
            {
                Array.Resize(ref _keys, position * 2);
                Array.Resize(ref _values, position * 2);
            }
        }

        /// <summary>The layout of the line just read: the last one while its keys repeat, else a new one.</summary>
        private SlsJsonKeyLayout LayoutOf(int count)
        {
            var last = _layout;
            if (last != null && _known == count && count == last.PropertyCount)
            {
                return last;
            }

            // The first keys matched the last layout and were not decoded: take them from it.
            for (int p = 0; p < _known; p++)
            {
                _keys[p] = last!.KeyAt(p);
            }

            foreach (var recent in _recentLayouts)
            {
                if (recent != null && recent != last && recent.HasKeys(_keys, count, _known))
                {
                    return _layout = recent;
                }
            }

            var layout = SlsJsonKeyLayout.Of(_keys, count);
            _recentLayouts[_nextRecent] = layout;
            _nextRecent = (_nextRecent + 1) % _recentLayouts.Length;
            return _layout = layout;
        }

        /// <summary>The decoded unescaped string value at a property position, reused when it repeats.</summary>
        private string StringAt(int position, ReadOnlySpan<byte> bytes)
        {
            if (position >= _lastValues.Length || bytes.Length > MaxRememberedValueBytes)
            {
                return Utf8FieldValues.Decode(bytes);
            }

            var last = _lastValues[position] ??= new RememberedValue();
            if (last.Value != null && bytes.SequenceEqual(new ReadOnlySpan<byte>(last.Bytes, 0, last.Length)))
            {
                return last.Value;
            }

            var value = Utf8FieldValues.Decode(bytes);
            if (last.Bytes.Length < bytes.Length)
            {
                last.Bytes = new byte[Math.Max(bytes.Length, 32)];
            }

            bytes.CopyTo(last.Bytes);
            last.Length = bytes.Length;
            last.Value = value;
            return value;
        }

        /// <summary>A value's bytes (in a buffer reused for the next value) and its string.</summary>
        private sealed class RememberedValue
        {
            public byte[] Bytes = Array.Empty<byte>();

            public int Length;

            public string? Value;
        }

        /// <summary>Reads what remains; the reader throws on anything but whitespace after the one value.</summary>
        private static void ReadToEnd(ref Utf8JsonReader reader)
        {
            while (reader.Read())
            {
            }
        }
    }
}
