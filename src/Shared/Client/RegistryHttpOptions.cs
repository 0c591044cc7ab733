namespace Facade.Shared.Client;

/// <summary>Settings of the outbound handler chain built by <see cref="RegistryHttp"/>.</summary>
public sealed record RegistryHttpOptions
{
    /// <summary>The <c>User-Agent</c> sent with every request.</summary>
    public string UserAgent { get; init; } = "facade-registry-client/1.0";

    /// <summary>Time allowed to open a TCP (and TLS) connection.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Connections are recycled after this long so DNS changes are noticed.</summary>
    public TimeSpan PooledConnectionLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Idle connections are closed after this long.</summary>
    public TimeSpan PooledConnectionIdleTimeout { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Credentials by host; anonymous when empty.</summary>
    public ICredentialStore Credentials { get; init; } = CredentialStore.Empty;

    /// <summary>Retry settings.</summary>
    public RetryOptions Retry { get; init; } = new();

    /// <summary>Authentication settings.</summary>
    public RegistryAuthOptions Auth { get; init; } = new();

    /// <summary>
    /// Optional extra handler placed innermost, between authentication and the socket handler
    /// (for example one that logs requests with their <c>Authorization</c> header redacted).
    /// </summary>
    public Func<DelegatingHandler>? Innermost { get; init; }

    /// <summary>The clock used for token expiry and retry delays.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
