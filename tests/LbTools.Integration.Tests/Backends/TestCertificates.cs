using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace LbTools.Integration.Tests.Backends;

/// <summary>Self-signed certificates made in the test, valid for one DNS name only.</summary>
public static class TestCertificates
{
    /// <summary>A certificate with its private key for <paramref name="dnsName"/> (and no IP address).</summary>
    public static X509Certificate2 SelfSigned(string dnsName)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={dnsName}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(dnsName);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));

        // A round trip through PKCS#12 gives a key SslStream can use on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), password: null);
    }

    public static string CertificatePem(X509Certificate2 certificate) => certificate.ExportCertificatePem();

    public static string PrivateKeyPem(X509Certificate2 certificate) =>
        (certificate.GetRSAPrivateKey() ?? throw new InvalidOperationException("The certificate has no RSA key.")).ExportPkcs8PrivateKeyPem();

    /// <summary>True when the certificate names this IP (used to prove the test certificate does not).</summary>
    public static bool NamesAddress(X509Certificate2 certificate, IPAddress address) =>
        certificate.MatchesHostname(address.ToString());
}
