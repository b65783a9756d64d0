using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace LbTools.Core.Tests.Support;

/// <summary>Self-signed server certificates made in the test, with chosen names and validity.</summary>
internal static class TestCertificates
{
    public static X509Certificate2 Create(string dnsName, DateTimeOffset notBefore, DateTimeOffset notAfter, IPAddress? ipAddress = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={dnsName}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(dnsName);
        if (ipAddress != null)
        {
            names.AddIpAddress(ipAddress);
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, false));
        using var certificate = request.CreateSelfSigned(notBefore, notAfter);

        // On Linux an SslStream server needs the key in a PKCS#12-loaded certificate.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    public static X509Certificate2 Valid(string dnsName) =>
        Create(dnsName, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(90));

    public static X509Certificate2 Expired(string dnsName) =>
        Create(dnsName, DateTimeOffset.UtcNow.AddDays(-60), DateTimeOffset.UtcNow.AddDays(-2));

    public static X509Certificate2 NotYetValid(string dnsName) =>
        Create(dnsName, DateTimeOffset.UtcNow.AddDays(5), DateTimeOffset.UtcNow.AddDays(90));
}
