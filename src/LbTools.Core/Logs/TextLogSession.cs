using System.Collections.Generic;
using System;
using LbTools.Core.Logs.Lines;
using LbTools.Core.Logs.Parsing;

namespace LbTools.Core.Logs
{
    /// <summary>
    /// Parses lines pushed one at a time, as they arrive from the PowerShell pipeline. With
    /// -Format Auto the first lines are held until the format is detected.
    /// </summary>
    public sealed class TextLogSession
    {
        private readonly AccessLogReader _reader;
        private readonly string _source;
        private readonly LogFileStatistics _stats;
        private readonly List<LogLine> _held = new List<LogLine>();
        private AccessLogReader.LineProcessor? _processor;
        private bool _unrecognised;
        private int _sampled;
        private long _lineNumber;
        private long _bytes;

        internal TextLogSession(AccessLogReader reader, string source, LogFileStatistics stats)
        {
            _reader = reader;
            _source = source;
            _stats = stats;
            if (reader.Options.Format != LogFormat.Auto)
            {
                _processor = new AccessLogReader.LineProcessor(reader, source, stats, LogFormatDetector.CreateParser(reader.Options.Format, reader.Options), reader.Sink);
            }
        }

        /// <summary>The records of one more line (or of the held lines, once the format is known); nothing once -First have passed, and the line is then not read.</summary>
        public IEnumerable<LbLogRecord> Push(string? text)
        {
            if (_reader.FirstReached)
            {
                return Array.Empty<LbLogRecord>();
            }

            text ??= string.Empty;
            _lineNumber++;
            _bytes += text.Length + 1;
            _stats.BytesRead = _bytes;
            var line = text.Length > _reader.Options.MaxLineBytes
                ? new LogLine(_lineNumber, null, _bytes, tooLong: true)
                : new LogLine(_lineNumber, text, _bytes, tooLong: false);
            if (_unrecognised)
            {
                AccessLogReader.CountUnrecognised(_stats, 1);
                return Array.Empty<LbLogRecord>();
            }

            if (_processor == null)
            {
                _held.Add(line);
                _sampled += line.IsEmpty ? 0 : 1;
                if (_sampled < _reader.Options.DetectionLines && _held.Count < AccessLogReader.MaxHeldForDetection)
                {
                    return Array.Empty<LbLogRecord>();
                }

                return _reader.UpToFirst(Decide());
            }

            var record = _processor.Process(line);
            return record == null ? Array.Empty<LbLogRecord>() : _reader.UpToFirst(new[] { record });
        }

        /// <summary>Flushes held lines and reports the totals; call once after the last line.</summary>
        public IEnumerable<LbLogRecord> Complete()
        {
            var rest = _processor == null && !_unrecognised && !_reader.FirstReached ? Decide() : new List<LbLogRecord>();
            _processor?.Finish();
            return _reader.UpToFirst(rest);
        }

        private List<LbLogRecord> Decide()
        {
            var records = new List<LbLogRecord>();
            var parser = _reader.DetectOrReject(_source, _stats, _held, _reader.Sink);
            if (parser == null && _sampled == 0 && _held.Count < AccessLogReader.MaxHeldForDetection)
            {
                // Only blank lines so far (Complete): nothing to recognise, nothing rejected.
                AccessLogReader.CountBlank(_stats, _held.Count);
                _held.Clear();
                return records;
            }

            if (parser == null)
            {
                _unrecognised = true;
                AccessLogReader.CountUnrecognised(_stats, _held.Count);
                _held.Clear();
                return records;
            }

            _processor = new AccessLogReader.LineProcessor(_reader, _source, _stats, parser, _reader.Sink);
            foreach (var held in _held)
            {
                var record = _processor.Process(held);
                if (record != null)
                {
                    records.Add(record);
                }
            }

            _held.Clear();
            return records;
        }
    }
}
