using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Facade.TestSupport;

/// <summary>
/// A throwaway certificate authority made in memory for one test, and server certificates it
/// issues for loopback addresses, so TLS servers can be trusted through a CA file and nothing else.
/// </summary>
public sealed class TestCertificates : IDisposable
{
    private readonly X509Certificate2 _authority;

    private TestCertificates(X509Certificate2 authority) => _authority = authority;

    /// <summary>The CA certificate as PEM (what a client is told to trust).</summary>
    public string AuthorityPem => _authority.ExportCertificatePem();

    /// <summary>A new authority, valid from a day ago for a day ahead (clock skew is not under test).</summary>
    public static TestCertificates CreateAuthority(string name = "facade test CA")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        return new TestCertificates(request.CreateSelfSigned(now.AddDays(-1), now.AddDays(1)));
    }

    /// <summary>A server certificate with its key for <paramref name="addresses"/> (IP subject alternative names).</summary>
    public X509Certificate2 IssueServer(params IPAddress[] addresses)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var issued = Issue(key, addresses);
        using var withKey = issued.CopyWithPrivateKey(key);
        // Kestrel on Linux wants a key it can hand to the TLS library: round-trip through PKCS#12.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>
    /// The same kind of server certificate as PEM text, with its key as PKCS#8 PEM: what servers
    /// configured by file (the reference registry's <c>http.tls</c>) read.
    /// </summary>
    public (string CertificatePem, string KeyPem) IssueServerPem(params IPAddress[] addresses)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var issued = Issue(key, addresses);
        return (issued.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }

    private X509Certificate2 Issue(ECDsa key, IPAddress[] addresses)
    {
        var request = new CertificateRequest("CN=facade test server", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var address in addresses.Length == 0 ? [IPAddress.Loopback] : addresses) names.AddIpAddress(address);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        var now = DateTimeOffset.UtcNow;
        return request.Create(_authority, now.AddHours(-1), now.AddHours(12), serial);
    }

    /// <inheritdoc />
    public void Dispose() => _authority.Dispose();
}
