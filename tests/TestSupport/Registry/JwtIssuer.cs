using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace Facade.TestSupport;

/// <summary>
/// Signs RS256 JWTs in the shape the reference registry's token auth accepts, with a key and a
/// self-signed certificate generated on construction (the certificate is the registry's
/// <c>rootcertbundle</c>; the <c>kid</c> header names its key in libtrust form).
/// </summary>
internal sealed class JwtIssuer : IDisposable
{
    private readonly RSA _key = RSA.Create(2048);
    private readonly string _keyId;

    /// <summary>Creates a key and a certificate valid from a day ago to a day ahead.</summary>
    public JwtIssuer()
    {
        var request = new CertificateRequest("CN=facade-test-token-issuer", _key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        Certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        _keyId = LibtrustKeyId.Compute(_key.ExportSubjectPublicKeyInfo());
    }

    /// <summary>The signing certificate.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The certificate as PEM, for the registry's root certificate bundle.</summary>
    public string CertificatePem => Certificate.ExportCertificatePem();

    /// <summary>A signed token granting <paramref name="access"/> (type, name, actions) to <paramref name="subject"/>.</summary>
    public string Issue(string issuer, string audience, string subject, IEnumerable<(string Type, string Name, string[] Actions)> access, TimeSpan lifetime)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["typ"] = "JWT", ["alg"] = "RS256", ["kid"] = _keyId });
        var claims = new Dictionary<string, object>
        {
            ["iss"] = issuer,
            ["sub"] = subject,
            ["aud"] = audience,
            ["exp"] = now + (long)lifetime.TotalSeconds,
            ["nbf"] = now - 10,
            ["iat"] = now,
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["access"] = access.Select(a => new Dictionary<string, object> { ["type"] = a.Type, ["name"] = a.Name, ["actions"] = a.Actions }).ToArray(),
        };
        var signingInput = Base64Url(header) + "." + Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims));
        var signature = _key.SignData(System.Text.Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url(signature);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <inheritdoc />
    public void Dispose()
    {
        Certificate.Dispose();
        _key.Dispose();
    }
}
