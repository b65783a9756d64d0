using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Threading.Tasks;
using System.Threading;
using System;
using LbTools.Core.Diagnosis;
using LbTools.Core.Logs;
using LbTools.Core.Probes.Network;

namespace LbTools.Core.Probes.Http
{
    /// <summary>
    /// Reads one HTTP/1.x response from raw bytes and reports every way it departs from RFC 9112
    /// that a balancer may turn into a 502: a malformed status line, header lines without a colon
    /// or with space before it, obs-fold, bare CR, a header block over the cap, a body shorter
    /// than Content-Length, broken chunking, a close or reset before the end. HttpClient repairs
    /// or hides most of these, hence this reader.
    /// </summary>
    internal sealed class StrictHttpResponseReader
    {
        /// <summary>AWS ALB answers 502 when the whole response header of a target exceeds this (the provider profile owns the number).</summary>
        private static readonly long AwsAlbResponseHeaderLimit = ProviderProfile.For(LbProvider.AwsAlb).ResponseHeaderLimitBytes!.Value;

        private const int ChunkLineLimit = 4096;
        private const int BodySampleBytes = 512;
        private static readonly TimeSpan TrailingDataGrace = TimeSpan.FromMilliseconds(200);

        private readonly Stream _stream;
        private readonly int _maxHeaderBytes;
        private readonly long _maxBodyBytes;
        private readonly TimeSpan _stepTimeout;
        private readonly bool _plainText;
        private readonly Stopwatch _clock = new Stopwatch();
        private byte[] _buffer = new byte[8192];
        private int _pos;
        private int _len;
        private bool _eof;
        private int _headerBytes;
        private TimeSpan _responseDeadline = TimeSpan.MaxValue;

        /// <summary><paramref name="plainText"/>: no TLS is in between, so TLS record bytes mean the port speaks TLS.</summary>
        public StrictHttpResponseReader(Stream stream, int maxHeaderBytes, long maxBodyBytes, TimeSpan stepTimeout, bool plainText)
        {
            _stream = stream;
            _maxHeaderBytes = maxHeaderBytes;
            _maxBodyBytes = maxBodyBytes;
            _stepTimeout = stepTimeout;
            _plainText = plainText;
        }

        /// <summary>
        /// Reads the response to a request just sent. <paramref name="firstByteTimeout"/> bounds the
        /// wait for the first byte; the whole header block must then follow within the step timeout,
        /// and the body may stall for at most the step timeout. However slowly a server trickles
        /// bytes, the whole response must be in within <see cref="ResponseLimit"/>.
        /// </summary>
        public async Task<HttpResponseReport> ReadAsync(TimeSpan firstByteTimeout, bool headRequest, CancellationToken cancellationToken)
        {
            var report = new HttpResponseReport();
            _clock.Restart();
            _responseDeadline = ResponseLimit(firstByteTimeout, _stepTimeout);
            try
            {
                if (!await FillAsync(firstByteTimeout, "first response byte", cancellationToken).ConfigureAwait(false))
                {
                    report.Flag(ProbeFailureReason.ClosedWithoutResponse, ProbeOutcome.Fail, "the backend closed the connection without sending a response");
                    return report;
                }

                report.FirstByteMs = _clock.Elapsed.TotalMilliseconds;
                report.FirstBytes = Copy(_buffer, _pos, Math.Min(16, _len - _pos));
                if (_plainText && _len - _pos >= 2 && (_buffer[_pos] == 0x15 || _buffer[_pos] == 0x16) && _buffer[_pos + 1] == 0x03)
                {
                    report.Flag(ProbeFailureReason.PlainHttpToTlsPort, ProbeOutcome.Fail, $"the port answered plain HTTP with a TLS record (0x{_buffer[_pos]:x2} 0x03…): it speaks TLS");
                    return report;
                }

                var headerDeadline = _clock.Elapsed + _stepTimeout;
                while (true)
                {
                    if (!await ReadHeadAsync(report, headerDeadline, cancellationToken).ConfigureAwait(false))
                    {
                        return report;
                    }

                    // Interim 1xx responses (except 101) precede the real one.
                    if (report.StatusCode >= 100 && report.StatusCode < 200 && report.StatusCode != 101)
                    {
                        report.Headers.Clear();
                        continue;
                    }

                    break;
                }

                await ReadBodyAsync(report, headRequest, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidDataException)
            {
                report.Flag(ProbeFailureReason.BrokenChunking, ProbeOutcome.Fail, $"a chunk-size line is longer than {ChunkLineLimit} bytes");
            }
            catch (StepTimeoutException timeout)
            {
                report.Flag(ProbeFailureReason.TimedOut, ProbeOutcome.Fail, timeout.Message);
            }
            catch (Exception ex) when (NetworkErrors.IsNetworkFailure(ex) && !cancellationToken.IsCancellationRequested)
            {
                var reason = NetworkErrors.ToReason(ex);
                string where = report.StatusCode == null ? "before a complete response" : "in the middle of the response";
                report.Flag(reason, ProbeOutcome.Fail, $"the connection failed {where}: {ex.Message.TrimEnd('.')}");
            }
            finally
            {
                if (report.FirstByteMs.HasValue)
                {
                    report.TransferMs = _clock.Elapsed.TotalMilliseconds - report.FirstByteMs.Value;
                }
            }

            return report;
        }

        /// <summary>
        /// The longest a whole response may take, from the request to its last byte: the wait for
        /// the first byte, then one step timeout for the header block and two for the body.
        /// </summary>
        internal static TimeSpan ResponseLimit(TimeSpan firstByteTimeout, TimeSpan stepTimeout) =>
            TimeSpan.FromTicks((long)Math.Min(TimeSpan.MaxValue.Ticks / 2.0, firstByteTimeout.Ticks + (3.0 * stepTimeout.Ticks)));

        /// <summary>Reads the status line and header fields; false when the response cannot be used further.</summary>
        private async Task<bool> ReadHeadAsync(HttpResponseReport report, TimeSpan deadline, CancellationToken cancellationToken)
        {
            var statusLine = await ReadLineAsync(deadline, countAsHeader: true, cancellationToken).ConfigureAwait(false);
            if (statusLine == null)
            {
                return FlagHeaderEnd(report);
            }

            if (!CheckLine(report, statusLine, "status line") || !ParseStatusLine(report, statusLine.Text))
            {
                return false;
            }

            while (true)
            {
                var line = await ReadLineAsync(deadline, countAsHeader: true, cancellationToken).ConfigureAwait(false);
                if (line == null)
                {
                    return FlagHeaderEnd(report);
                }

                if (!CheckLine(report, line, "header line"))
                {
                    return false;
                }

                if (line.Text.Length == 0)
                {
                    report.HeaderBytes = _headerBytes;
                    if (_headerBytes > AwsAlbResponseHeaderLimit)
                    {
                        // Read in full here, but an AWS ALB answers 502 for it.
                        report.Flag(ProbeFailureReason.HeaderTooLarge, ProbeOutcome.Warn, $"the response header block is {_headerBytes} bytes, over the {AwsAlbResponseHeaderLimit / 1024} K an AWS ALB accepts for a whole response header (it answers 502)");
                    }

                    return true;
                }

                if (!ParseField(report, line.Text))
                {
                    return false;
                }
            }
        }

        private bool FlagHeaderEnd(HttpResponseReport report)
        {
            if (_headerBytes > _maxHeaderBytes)
            {
                report.Flag(ProbeFailureReason.HeaderTooLarge, ProbeOutcome.Fail, $"the response header block exceeds {_maxHeaderBytes} bytes");
            }
            else
            {
                report.Flag(ProbeFailureReason.ClosedWithoutResponse, ProbeOutcome.Fail, $"the backend closed the connection in the middle of the response headers (after {_headerBytes} bytes)");
            }

            return false;
        }

        private static bool CheckLine(HttpResponseReport report, Line line, string what)
        {
            if (line.HasBareCr)
            {
                report.Flag(ProbeFailureReason.MalformedResponse, ProbeOutcome.Fail, $"a {what} contains a bare CR (RFC 9112 §2.2): \"{Shorten(line.Text)}\"");
                return false;
            }

            if (line.BareLf)
            {
                // RFC 9112 §2.2 lets a recipient accept a bare LF; strict balancers do not.
                report.Flag(ProbeFailureReason.MalformedResponse, ProbeOutcome.Warn, $"a {what} ends in a bare LF instead of CRLF: \"{Shorten(line.Text)}\"");
            }

            return true;
        }

        private static bool ParseStatusLine(HttpResponseReport report, string text)
        {
            // status-line = HTTP-version SP status-code SP [ reason-phrase ]   (RFC 9112 §4)
            bool ok = text.Length >= 12
                && text.StartsWith("HTTP/", StringComparison.Ordinal)
                && IsDigit(text[5]) && text[6] == '.' && IsDigit(text[7])
                && text[8] == ' '
                && IsDigit(text[9]) && IsDigit(text[10]) && IsDigit(text[11])
                && (text.Length == 12 || text[12] == ' ');
            if (!ok)
            {
                report.Flag(ProbeFailureReason.MalformedResponse, ProbeOutcome.Fail, $"the status line is not \"HTTP/x.y NNN reason\": \"{Shorten(text)}\"");
                return false;
            }

            string reason = text.Length > 13 ? text.Substring(13) : string.Empty;
            foreach (char c in reason)
            {
                if ((c < 0x20 && c != '\t') || c == 0x7F)
                {
                    report.Flag(ProbeFailureReason.MalformedResponse, ProbeOutcome.Fail, $"the reason phrase holds a control character: \"{Shorten(text)}\"");
                    return false;
                }
            }

            report.Version = text.Substring(0, 8);
            report.StatusCode = int.Parse(text.Substring(9, 3), NumberStyles.None, CultureInfo.InvariantCulture);
            report.ReasonPhrase = reason;
            return true;
        }

        private static bool ParseField(HttpResponseReport report, string text)
        {
            // field-line = field-name ":" OWS field-value OWS   (RFC 9112 §5)
            if (text[0] == ' ' || text[0] == '\t')
            {
                report.Flag(ProbeFailureReason.MalformedResponse, ProbeOutcome.Fail, $"obsolete line folding (a header line starts with whitespace, RFC 9112 §5.2): \"{Shorten(text)}\"");
                return false;
            }

            int colon = text.IndexOf(':');
            if (colon < 0)
            {
                report.Flag(ProbeFailureReason.MalformedResponse, ProbeOutcome.Fail, $"a header line has no colon: \"{Shorten(text)}\"");
                return false;
            }

            string name = text.Substring(0, colon);
            if (name.Length == 0)
            {
                report.Flag(ProbeFailureReason.MalformedResponse, ProbeOutcome.Fail, $"a header line has an empty name: \"{Shorten(text)}\"");
                return false;
            }

            if (name[name.Length - 1] == ' ' || name[name.Length - 1] == '\t')
            {
                report.Flag(ProbeFailureReason.MalformedResponse, ProbeOutcome.Fail, $"whitespace between a header name and its colon (RFC 9112 §5.1): \"{Shorten(text)}\"");
                return false;
            }

            foreach (char c in name)
            {
                if (!IsTokenChar(c))
                {
                    report.Flag(ProbeFailureReason.MalformedResponse, ProbeOutcome.Fail, $"the header name \"{Shorten(name)}\" holds a character not allowed in a token");
                    return false;
                }
            }

            string value = text.Substring(colon + 1).Trim(' ', '\t');
            foreach (char c in value)
            {
                if ((c < 0x20 && c != '\t') || c == 0x7F)
                {
                    report.Flag(ProbeFailureReason.MalformedResponse, ProbeOutcome.Fail, $"the value of header {name} holds a control character (0x{(int)c:x2})");
                    return false;
                }
            }

            report.Headers.Add(new System.Collections.Generic.KeyValuePair<string, string>(name, value));
            return true;
        }

        private async Task ReadBodyAsync(HttpResponseReport report, bool headRequest, CancellationToken cancellationToken)
        {
            int status = report.StatusCode ?? 0;
            if (headRequest || status == 204 || status == 304 || (status >= 100 && status < 200))
            {
                report.Framing = "None";
                return;
            }

            string? transferEncoding = report.GetHeader("Transfer-Encoding");
            var lengths = new System.Collections.Generic.List<string>();
            foreach (var pair in report.Headers)
            {
                if (string.Equals(pair.Key, "Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    lengths.AddRange(pair.Value.Split(','));
                }
            }

            if (transferEncoding != null)
            {
                if (lengths.Count > 0)
                {
                    // RFC 9112 §6.3: both present is a smuggling risk; many balancers refuse it.
                    report.Flag(ProbeFailureReason.MalformedResponse, ProbeOutcome.Fail, "the response has both Transfer-Encoding and Content-Length");
                    return;
                }

                string last = transferEncoding.Split(',')[transferEncoding.Split(',').Length - 1].Trim();
                if (string.Equals(last, "chunked", StringComparison.OrdinalIgnoreCase))
                {
                    report.Framing = "Chunked";
                    await ReadChunkedAsync(report, cancellationToken).ConfigureAwait(false);
                    return;
                }

                report.Framing = "UntilClose";
                await ReadUntilCloseAsync(report, cancellationToken).ConfigureAwait(false);
                return;
            }

            if (lengths.Count > 0)
            {
                long? length = null;
                foreach (var raw in lengths)
                {
                    string item = raw.Trim();
                    if (item.Length == 0 || item.Length > 18 || !IsAllDigits(item))
                    {
                        report.Flag(ProbeFailureReason.MalformedResponse, ProbeOutcome.Fail, $"Content-Length \"{Shorten(item)}\" is not a number");
                        return;
                    }

                    long value = long.Parse(item, NumberStyles.None, CultureInfo.InvariantCulture);
                    if (length.HasValue && length.Value != value)
                    {
                        report.Flag(ProbeFailureReason.MalformedResponse, ProbeOutcome.Fail, "the response carries different Content-Length values");
                        return;
                    }

                    length = value;
                }

                report.Framing = "ContentLength";
                long wanted = Math.Min(length!.Value, _maxBodyBytes);
                long got = await ConsumeAsync(report, wanted, cancellationToken).ConfigureAwait(false);
                if (got < wanted)
                {
                    report.Flag(ProbeFailureReason.IncompleteBody, ProbeOutcome.Fail, $"Content-Length is {length.Value} but the connection closed after {got} body bytes");
                    return;
                }

                if (length.Value > _maxBodyBytes)
                {
                    report.BodyTruncated = true;
                    return;
                }

                await CheckTrailingDataAsync(report, cancellationToken).ConfigureAwait(false);
                return;
            }

            report.Framing = "UntilClose";
            await ReadUntilCloseAsync(report, cancellationToken).ConfigureAwait(false);
        }

        private async Task ReadChunkedAsync(HttpResponseReport report, CancellationToken cancellationToken)
        {
            // chunk = chunk-size [ chunk-ext ] CRLF chunk-data CRLF; last-chunk = 1*"0" [ chunk-ext ] CRLF   (RFC 9112 §7.1)
            while (true)
            {
                var sizeLine = await ReadLineAsync(null, countAsHeader: false, cancellationToken).ConfigureAwait(false);
                if (sizeLine == null)
                {
                    report.Flag(ProbeFailureReason.IncompleteBody, ProbeOutcome.Fail, $"the connection closed in the middle of the chunked body (after {report.BodyBytes} bytes, no last chunk)");
                    return;
                }

                if (sizeLine.HasBareCr || sizeLine.BareLf)
                {
                    report.Flag(ProbeFailureReason.BrokenChunking, ProbeOutcome.Fail, $"a chunk-size line does not end in CRLF: \"{Shorten(sizeLine.Text)}\"");
                    return;
                }

                string text = sizeLine.Text;
                int semicolon = text.IndexOf(';');
                string hex = (semicolon >= 0 ? text.Substring(0, semicolon) : text).TrimEnd(' ', '\t');
                if (hex.Length == 0 || hex.Length > 15 || !long.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out long size))
                {
                    report.Flag(ProbeFailureReason.BrokenChunking, ProbeOutcome.Fail, $"\"{Shorten(text)}\" is not a hexadecimal chunk size");
                    return;
                }

                if (size == 0)
                {
                    // Trailer fields, then the empty line that ends the message; together no larger than a header block.
                    long trailerBytes = 0;
                    while (true)
                    {
                        var trailer = await ReadLineAsync(null, countAsHeader: false, cancellationToken).ConfigureAwait(false);
                        if (trailer == null)
                        {
                            report.Flag(ProbeFailureReason.IncompleteBody, ProbeOutcome.Fail, "the connection closed before the empty line that ends a chunked body");
                            return;
                        }

                        trailerBytes += trailer.Text.Length + 2;
                        if (trailerBytes > _maxHeaderBytes)
                        {
                            report.Flag(ProbeFailureReason.MalformedResponse, ProbeOutcome.Fail, $"the trailer fields after the last chunk exceed {_maxHeaderBytes} bytes and do not end");
                            return;
                        }

                        if (trailer.Text.Length == 0)
                        {
                            await CheckTrailingDataAsync(report, cancellationToken).ConfigureAwait(false);
                            return;
                        }
                    }
                }

                if (report.BodyBytes + size > _maxBodyBytes)
                {
                    await ConsumeAsync(report, _maxBodyBytes - report.BodyBytes, cancellationToken).ConfigureAwait(false);
                    report.BodyTruncated = true;
                    return;
                }

                long got = await ConsumeAsync(report, size, cancellationToken).ConfigureAwait(false);
                if (got < size)
                {
                    report.Flag(ProbeFailureReason.IncompleteBody, ProbeOutcome.Fail, $"a chunk announced {size} bytes but the connection closed after {got}");
                    return;
                }

                var end = await ReadLineAsync(null, countAsHeader: false, cancellationToken).ConfigureAwait(false);
                if (end == null)
                {
                    report.Flag(ProbeFailureReason.IncompleteBody, ProbeOutcome.Fail, "the connection closed after a chunk's data, before its CRLF");
                    return;
                }

                if (end.Text.Length != 0 || end.BareLf || end.HasBareCr)
                {
                    report.Flag(ProbeFailureReason.BrokenChunking, ProbeOutcome.Fail, $"a chunk holds more data than its size {size} announced");
                    return;
                }
            }
        }

        private async Task ReadUntilCloseAsync(HttpResponseReport report, CancellationToken cancellationToken)
        {
            await ConsumeAsync(report, _maxBodyBytes, cancellationToken).ConfigureAwait(false);
            if (!_eof)
            {
                report.BodyTruncated = true;
            }
        }

        /// <summary>After a body of known length, more bytes mean the length was too small.</summary>
        private async Task CheckTrailingDataAsync(HttpResponseReport report, CancellationToken cancellationToken)
        {
            int extra = _len - _pos;
            if (extra == 0 && !_eof)
            {
                var grace = _stepTimeout < TrailingDataGrace ? _stepTimeout : TrailingDataGrace;
                try
                {
                    if (await FillAsync(grace, "close", cancellationToken).ConfigureAwait(false))
                    {
                        extra = _len - _pos;
                    }
                }
                catch (StepTimeoutException)
                {
                    return; // Still open despite Connection: close; nothing extra arrived.
                }
                catch (Exception ex) when (NetworkErrors.IsNetworkFailure(ex) && !cancellationToken.IsCancellationRequested)
                {
                    return; // A reset after a complete response costs the balancer nothing.
                }
            }

            if (extra > 0)
            {
                report.Flag(ProbeFailureReason.MalformedResponse, ProbeOutcome.Warn, $"{extra} or more bytes follow the end of the body: its declared length is too small, and a balancer reusing the connection would read them as the next response");
            }
        }

        /// <summary>Skips up to <paramref name="count"/> body bytes; returns how many there were before the close.</summary>
        private async Task<long> ConsumeAsync(HttpResponseReport report, long count, CancellationToken cancellationToken)
        {
            long consumed = 0;
            while (consumed < count)
            {
                if (_pos == _len && !await FillAsync(_stepTimeout, "body data", cancellationToken).ConfigureAwait(false))
                {
                    break;
                }

                int take = (int)Math.Min(count - consumed, _len - _pos);
                if (report.BodySample.Length < BodySampleBytes)
                {
                    int sample = Math.Min(take, BodySampleBytes - report.BodySample.Length);
                    var merged = new byte[report.BodySample.Length + sample];
                    Buffer.BlockCopy(report.BodySample, 0, merged, 0, report.BodySample.Length);
                    Buffer.BlockCopy(_buffer, _pos, merged, report.BodySample.Length, sample);
                    report.BodySample = merged;
                }

                _pos += take;
                consumed += take;
                report.BodyBytes += take;
            }

            return consumed;
        }

        /// <summary>Reads one line; null at a close before its LF (or when the header cap is passed).</summary>
        private async Task<Line?> ReadLineAsync(TimeSpan? deadline, bool countAsHeader, CancellationToken cancellationToken)
        {
            int scanned = 0;
            while (true)
            {
                int lf = Array.IndexOf(_buffer, (byte)'\n', _pos + scanned, _len - _pos - scanned);
                if (lf >= 0)
                {
                    int end = lf;
                    bool bareLf = end == _pos || _buffer[end - 1] != '\r';
                    if (!bareLf)
                    {
                        end--;
                    }

                    var line = new Line(ToLatin1(_buffer, _pos, end - _pos), bareLf, Array.IndexOf(_buffer, (byte)'\r', _pos, end - _pos) >= 0);
                    if (countAsHeader)
                    {
                        _headerBytes += lf + 1 - _pos;
                    }

                    _pos = lf + 1;
                    if (countAsHeader && _headerBytes > _maxHeaderBytes)
                    {
                        return null;
                    }

                    return line;
                }

                scanned = _len - _pos;
                int limit = countAsHeader ? _maxHeaderBytes - _headerBytes : ChunkLineLimit;
                if (scanned > limit)
                {
                    if (countAsHeader)
                    {
                        _headerBytes += scanned;
                        return null;
                    }

                    throw new InvalidDataException("line too long");
                }

                TimeSpan wait = _stepTimeout;
                if (deadline.HasValue)
                {
                    wait = deadline.Value - _clock.Elapsed;
                    if (wait <= TimeSpan.Zero)
                    {
                        throw new StepTimeoutException("complete header block", _stepTimeout);
                    }
                }

                // The message names the limit (the step timeout), not what was left of it.
                if (!await FillAsync(wait, deadline.HasValue ? "complete header block" : "body data", cancellationToken, _stepTimeout).ConfigureAwait(false))
                {
                    return null;
                }
            }
        }

        /// <summary>
        /// Reads more bytes into the buffer within <paramref name="timeout"/> and the response's
        /// overall deadline; false at end of stream. A timeout names <paramref name="limit"/> (the
        /// configured limit) when given, else the timeout.
        /// </summary>
        private async Task<bool> FillAsync(TimeSpan timeout, string phase, CancellationToken cancellationToken, TimeSpan? limit = null)
        {
            if (_eof)
            {
                return false;
            }

            var left = _responseDeadline - _clock.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                throw new StepTimeoutException("complete response", _responseDeadline);
            }

            bool overall = left < timeout;
            if (overall)
            {
                timeout = left;
            }

            if (_pos > 0 && _pos == _len)
            {
                _pos = _len = 0;
            }
            else if (_pos > 0 && _len == _buffer.Length)
            {
                Buffer.BlockCopy(_buffer, _pos, _buffer, 0, _len - _pos);
                _len -= _pos;
                _pos = 0;
            }

            if (_len == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            var read = _stream.ReadAsync(_buffer, _len, _buffer.Length - _len);
            if (!await Timed.WaitAsync(read, timeout, cancellationToken).ConfigureAwait(false))
            {
                throw overall ? new StepTimeoutException("complete response", _responseDeadline) : new StepTimeoutException(phase, limit ?? timeout);
            }

            int n = read.Result;
            if (n == 0)
            {
                _eof = true;
                return false;
            }

            _len += n;
            return true;
        }

        private static string ToLatin1(byte[] bytes, int offset, int count)
        {
            var chars = new char[count];
            for (int i = 0; i < count; i++)
            {
                chars[i] = (char)bytes[offset + i];
            }

            return new string(chars);
        }

        private static byte[] Copy(byte[] source, int offset, int count)
        {
            var copy = new byte[count];
            Buffer.BlockCopy(source, offset, copy, 0, count);
            return copy;
        }

        private static string Shorten(string text)
        {
            var clean = new char[Math.Min(text.Length, 80)];
            for (int i = 0; i < clean.Length; i++)
            {
                clean[i] = text[i] < 0x20 || text[i] == 0x7F ? '?' : text[i];
            }

            return text.Length > 80 ? new string(clean) + "…" : new string(clean);
        }

        private static bool IsDigit(char c) => c >= '0' && c <= '9';

        private static bool IsAllDigits(string text)
        {
            foreach (char c in text)
            {
                if (!IsDigit(c))
                {
                    return false;
                }
            }

            return true;
        }

        // tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA   (RFC 9110 §5.6.2)
        private static bool IsTokenChar(char c) =>
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || IsDigit(c) || "!#$%&'*+-.^_`|~".IndexOf(c) >= 0;

        private sealed class Line
        {
            public Line(string text, bool bareLf, bool hasBareCr)
            {
                Text = text;
                BareLf = bareLf;
                HasBareCr = hasBareCr;
            }

            public string Text { get; }

            public bool BareLf { get; }

            public bool HasBareCr { get; }
        }
    }
}
