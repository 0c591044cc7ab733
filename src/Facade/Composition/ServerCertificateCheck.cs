using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Facade.Composition;

/// <summary>Validates a spec provider's certificate against a private CA and/or an expected server name.</summary>
internal static class ServerCertificateCheck
{
    /// <summary>
    /// True when the certificate chains to <paramref name="roots"/> (or the system store when null)
    /// and names <paramref name="serverName"/> (or the address host when null).
    /// </summary>
    public static bool IsTrusted(X509Certificate? presented, SslPolicyErrors errors, X509Certificate2Collection? roots, string? serverName)
    {
        if (presented is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable)) return false;
        using var certificate = X509CertificateLoader.LoadCertificate(presented.GetRawCertData());
        if (roots is null)
        {
            if (errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors)) return false;
        }
        else
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.CustomTrustStore.AddRange(roots);
            if (!chain.Build(certificate)) return false;
        }
        return string.IsNullOrEmpty(serverName)
            ? !errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch)
            : certificate.MatchesHostname(serverName);
    }
}
