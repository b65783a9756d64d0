using System;
using System.Collections.Generic;
using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace LbTools.Core.Probes
{
    /// <summary>What a backend certificate says about itself (subject, SANs, issuer, validity).</summary>
    internal sealed class CertificateFacts
    {
        private const string SubjectAltNameOid = "2.5.29.17";

        public CertificateFacts(X509Certificate2 certificate, DateTime nowUtc)
        {
            Subject = certificate.Subject;
            Issuer = certificate.Issuer;
            NotBefore = certificate.NotBefore.ToUniversalTime();
            NotAfter = certificate.NotAfter.ToUniversalTime();
            DaysLeft = (int)Math.Floor((NotAfter - nowUtc).TotalDays);
            Thumbprint = certificate.Thumbprint;
            SelfSigned = string.Equals(certificate.Subject, certificate.Issuer, StringComparison.Ordinal);
            foreach (var extension in certificate.Extensions)
            {
                if (extension.Oid?.Value == SubjectAltNameOid)
                {
                    SubjectAlternativeNames = ReadSubjectAltNames(extension.RawData);
                }
            }
        }

        public string Subject { get; }

        public string Issuer { get; }

        public DateTime NotBefore { get; }

        public DateTime NotAfter { get; }

        /// <summary>Whole days until NotAfter; negative once expired.</summary>
        public int DaysLeft { get; }

        public string Thumbprint { get; }

        public bool SelfSigned { get; }

        /// <summary>DNS names as written, IP addresses as text.</summary>
        public IReadOnlyList<string> SubjectAlternativeNames { get; } = Array.Empty<string>();

        /// <summary>
        /// Decodes the GeneralNames SEQUENCE of a subjectAltName extension (RFC 5280 §4.2.1.6):
        /// [2] dNSName IA5String and [7] iPAddress OCTET STRING; other kinds are skipped.
        /// </summary>
        internal static IReadOnlyList<string> ReadSubjectAltNames(byte[] der)
        {
            var names = new List<string>();
            int pos = 0;
            if (!TryReadHeader(der, ref pos, out byte tag, out int length) || tag != 0x30)
            {
                return names;
            }

            int end = Math.Min(der.Length, pos + length);
            while (pos < end)
            {
                if (!TryReadHeader(der, ref pos, out tag, out length) || pos + length > end)
                {
                    break;
                }

                if (tag == 0x82)
                {
                    var chars = new char[length];
                    for (int i = 0; i < length; i++)
                    {
                        chars[i] = (char)der[pos + i];
                    }

                    names.Add(new string(chars));
                }
                else if (tag == 0x87 && (length == 4 || length == 16))
                {
                    var bytes = new byte[length];
                    Buffer.BlockCopy(der, pos, bytes, 0, length);
                    names.Add(new IPAddress(bytes).ToString());
                }

                pos += length;
            }

            return names;
        }

        private static bool TryReadHeader(byte[] der, ref int pos, out byte tag, out int length)
        {
            tag = 0;
            length = 0;
            if (pos + 2 > der.Length)
            {
                return false;
            }

            tag = der[pos++];
            int first = der[pos++];
            if (first < 0x80)
            {
                length = first;
                return true;
            }

            int octets = first & 0x7F;
            if (octets == 0 || octets > 3 || pos + octets > der.Length)
            {
                return false;
            }

            for (int i = 0; i < octets; i++)
            {
                length = (length << 8) | der[pos++];
            }

            return true;
        }
    }
}
