using System.Collections.Generic;
using System;
using LbTools.Core.Logs.Lines;
using LbTools.Core.Logs.Named;
using LbTools.Core.Logs.Parsing;
using LbTools.Core.Logs.Values;

namespace LbTools.Core.Logs.Nginx
{
    /// <summary>
    /// The text half of an nginx record, decoded from its kept line (<see cref="KeptLine"/>)
    /// on first read, with the same rules as <see cref="NamedFieldMapper.TryMap"/> and the same
    /// \xHH decoding. One instance per compiled format; it holds only immutable slots, so every
    /// worker copy of a parser shares it.
    /// </summary>
    internal sealed class NginxPendingText : LbLogRecord.IPendingText
    {
        private static readonly Utf8StringCache Addresses = new Utf8StringCache();

        private readonly NginxFieldSlots _slots;
        private readonly IReadOnlyList<string> _names;
        private readonly NginxEscape _escape;

        public NginxPendingText(NginxLineFormat format, NginxFieldSlots slots)
        {
            _names = format.Variables;
            _slots = slots;
            _escape = format.Escape;
        }

        public void Fill(LbLogRecord record, object state, LbLogRecord.TextGroup group)
        {
            var line = (byte[])state;
            var s = _slots;
            switch (group)
            {
                case LbLogRecord.TextGroup.Fields:
                    record.Fields = new LazyFieldMap(_names, s.Index, s.Count, i => Utf8Ascii.Decode(KeptLine.Raw(line, i)));
                    break;
                case LbLogRecord.TextGroup.Client:
                    var client = Text(line, s.Client);
                    if (s.SplitClient)
                    {
                        FieldValues.SplitAddress(client, out var address, out _);
                        record.ClientAddress = address;
                    }
                    else
                    {
                        record.ClientAddress = FieldValues.Text(client);
                    }

                    break;
                case LbLogRecord.TextGroup.Request:
                    FillRequest(record, line);
                    break;
                case LbLogRecord.TextGroup.Agent:
                    record.UserAgent = NginxEscapes.Decode(FieldValues.Text(Text(line, s.UserAgent)), _escape);
                    record.Referer = NginxEscapes.Decode(FieldValues.Text(Text(line, s.Referer)), _escape);
                    break;
                case LbLogRecord.TextGroup.Tls:
                    record.TlsProtocol = FieldValues.Text(Text(line, s.SslProtocol));
                    record.TlsCipher = FieldValues.Text(Text(line, s.SslCipher));
                    break;
                case LbLogRecord.TextGroup.Trace:
                    record.TraceId = FieldValues.Text(Text(line, s.AmznTraceId)) ?? FieldValues.Text(Text(line, s.SlbTrace)) ?? FieldValues.Text(Text(line, s.RequestId));
                    break;
                case LbLogRecord.TextGroup.Upstream:
                    FillUpstream(record, line);
                    break;
                case LbLogRecord.TextGroup.UpstreamStatuses:
                    // Checked when the line was parsed, so this cannot fail.
                    Utf8UpstreamValues.TryStatuses(Raw(line, s.UpstreamStatus), out var statuses);
                    record.UpstreamStatuses = statuses;
                    break;
                case LbLogRecord.TextGroup.HeaderTimes:
                    Utf8UpstreamValues.TrySeconds(Raw(line, s.HeaderTime), out var header);
                    record.UpstreamHeaderTimes = header;
                    break;
            }
        }

        private void FillRequest(LbLogRecord record, byte[] line)
        {
            var s = _slots;
            if (s.Request >= 0)
            {
                // The byte splitter declines what it cannot split exactly like RequestLine.
                if (!Utf8RequestLine.TryApply(Raw(line, s.Request), record))
                {
                    RequestLine.ApplyTo(Text(line, s.Request), record);
                }
            }

            var host = FieldValues.Text(Text(line, s.HttpHost)) ?? FieldValues.Text(Text(line, s.Host)) ?? FieldValues.Text(Text(line, s.ServerName));
            NamedFieldMapper.ApplyRequestFields(record, Text(line, s.Method), Text(line, s.Uri), Text(line, s.Protocol), Text(line, s.Scheme), host);

            // The ports were checked when the line was parsed.
            Utf8FieldValues.TryInt(Raw(line, s.VirtualPort), IntegerSyntax.AsFieldValues, out var vport);
            Utf8FieldValues.TryInt(Raw(line, s.ServerPort), IntegerSyntax.AsFieldValues, out var serverPort);
            record.ListenerPort = vport ?? serverPort ?? record.ListenerPort;
            record.Path = NginxEscapes.Decode(record.Path, _escape);
        }

        private void FillUpstream(LbLogRecord record, byte[] line)
        {
            var addresses = Utf8UpstreamValues.Split(Raw(line, _slots.UpstreamAddr), Addresses);
            var kept = new string[addresses.Length];
            for (int i = 0; i < addresses.Length; i++)
            {
                kept[i] = addresses[i] ?? "-";
            }

            record.UpstreamAddresses = kept;
            record.Upstream = addresses.Length > 0 ? addresses[addresses.Length - 1] : null;
        }

        private static string? Text(byte[] line, int slot) => slot < 0 ? null : Utf8Ascii.Decode(KeptLine.Raw(line, slot));

        /// <summary>A variable's bytes; empty (read as "no value") for a slot the format lacks.</summary>
        private static ReadOnlySpan<byte> Raw(byte[] line, int slot) => slot < 0 ? default : KeptLine.Raw(line, slot);
    }
}
