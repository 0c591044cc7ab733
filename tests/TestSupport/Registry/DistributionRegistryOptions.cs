namespace Facade.TestSupport;

/// <summary>How to run a <see cref="DistributionRegistry"/>.</summary>
public sealed record DistributionRegistryOptions
{
    /// <summary>Users for htpasswd Basic auth (bcrypt file made with <c>htpasswd -Bbn</c>); none means no htpasswd auth.</summary>
    public IReadOnlyDictionary<string, string> HtpasswdUsers { get; init; } = new Dictionary<string, string>();

    /// <summary>Token auth against this realm (mutually exclusive with htpasswd users).</summary>
    public TokenServer? Token { get; init; }

    /// <summary>Run as a pull-through cache of this registry (the registry is then read-only).</summary>
    public Uri? ProxyRemote { get; init; }

    /// <summary>Credentials for <see cref="ProxyRemote"/>.</summary>
    public (string Username, string Password)? ProxyCredentials { get; init; }

    /// <summary>Put a <see cref="CountingProxy"/> in front; <see cref="DistributionRegistry.BaseUri"/> is then the proxy.</summary>
    public bool Counting { get; init; }

    /// <summary>The loopback address to listen on (127.0.0.x), for tests that need a second host name.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>Allow DELETE of manifests and blobs.</summary>
    public bool DeleteEnabled { get; init; } = true;

    /// <summary>
    /// Serve HTTPS with a server certificate this authority issues for <see cref="Host"/> (Go's
    /// server then offers HTTP/2 by ALPN); clients trust <see cref="DistributionRegistry.CaFile"/>.
    /// Not combined with <see cref="Counting"/> (the counting proxy speaks plain HTTP).
    /// </summary>
    public TestCertificates? Tls { get; init; }

    /// <summary>Log only errors and no access log (for benchmarks: logging costs CPU).</summary>
    public bool Quiet { get; init; }
}
