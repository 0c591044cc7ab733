namespace Facade.TestSupport;

/// <summary>Settings of a <see cref="TokenServer"/>.</summary>
public sealed record TokenServerOptions
{
    /// <summary>User name to password; empty means every request gets a token anonymously.</summary>
    public IReadOnlyDictionary<string, string> Users { get; init; } = new Dictionary<string, string>();

    /// <summary>The <c>expires_in</c> sent with each token (also the JWT lifetime).</summary>
    public int ExpiresInSeconds { get; init; } = 300;

    /// <summary>Leave <c>expires_in</c> out of the answer (clients must assume 60 s).</summary>
    public bool OmitExpiresIn { get; init; }

    /// <summary>The JWT issuer; the registry's <c>auth.token.issuer</c> must match.</summary>
    public string Issuer { get; init; } = "facade-test-issuer";

    /// <summary>The service (JWT audience); the registry's <c>auth.token.service</c> must match.</summary>
    public string Service { get; init; } = "facade-test-registry";
}
