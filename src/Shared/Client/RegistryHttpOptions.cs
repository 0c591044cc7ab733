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

    /// <summary>
    /// The registry this chain talks to. When set, connections obey <see cref="OutboundGuard"/>:
    /// hosts other than this one (redirect targets, token realms) are reached only at public
    /// addresses or at addresses of a class the registry shares.
    /// </summary>
    public Uri? Registry { get; init; }

    /// <summary>
    /// Longest wait for response headers or for the next bytes of a body the client reads into
    /// memory. A slow but moving transfer is never cut; a stalled one is.
    /// </summary>
    public TimeSpan ProgressTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Redirects followed per request (GET and HEAD only, each hop checked by <see cref="OutboundGuard"/>).</summary>
    public int MaxRedirects { get; init; } = 5;

    /// <summary>
    /// Extra root CAs trusted for TLS connections of this chain (the registry, its redirects and
    /// token services), in addition to the system's; null trusts the system's roots only.
    /// </summary>
    public TrustedRoots? TrustedRoots { get; init; }

    /// <summary>
    /// Ask for HTTP/2 on every request, taking HTTP/1.1 where the server does not offer it
    /// (<see cref="HttpVersionHandler"/>); false sends HTTP/1.1 only.
    /// </summary>
    public bool Http2 { get; init; } = true;

    /// <summary>
    /// The receive window each HTTP/2 stream starts with (the runtime still grows it with the
    /// measured round trip, up to 16 MiB). A stream can have one window in flight per round trip:
    /// the runtime's 64 KiB start ramps up over many round trips on a far registry, while 4 MiB is
    /// about 200 MiB/s at 20 ms from the first byte. It is also the most one stream buffers when
    /// its reader stalls.
    /// </summary>
    public int Http2StreamWindow { get; init; } = DefaultHttp2StreamWindow;

    /// <summary>The default of <see cref="Http2StreamWindow"/>: 4 MiB.</summary>
    public const int DefaultHttp2StreamWindow = 4 * 1024 * 1024;

    /// <summary>The clock used for token expiry and retry delays.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
