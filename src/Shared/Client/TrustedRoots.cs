using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Facade.Shared.Client;

/// <summary>
/// Certificate validation that also accepts server certificates issued by extra root CAs (a
/// registry behind a private CA), on top of the system's roots. Only the question "who issued
/// this" is answered differently: a name mismatch or a missing certificate stays fatal.
/// </summary>
public sealed class TrustedRoots
{
    private readonly X509Certificate2Collection _roots;

    /// <summary>Trusts <paramref name="roots"/> in addition to the system's roots.</summary>
    public TrustedRoots(X509Certificate2Collection roots) => _roots = roots;

    /// <summary>The CA certificates of a PEM file (one or more <c>CERTIFICATE</c> blocks).</summary>
    public static TrustedRoots FromPemFile(string path)
    {
        var roots = new X509Certificate2Collection();
        roots.ImportFromPemFile(path);
        if (roots.Count == 0) throw new InvalidDataException($"'{path}' holds no PEM certificate");
        return new TrustedRoots(roots);
    }

    /// <summary>A <see cref="RemoteCertificateValidationCallback"/>.</summary>
    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None) return true;
        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is not X509Certificate2 leaf) return false;
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(_roots);
        // Private CAs rarely publish revocation lists; asking for one would refuse every such server.
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
            foreach (var element in chain.ChainElements) custom.ChainPolicy.ExtraStore.Add(element.Certificate);
        return custom.Build(leaf);
    }
}
