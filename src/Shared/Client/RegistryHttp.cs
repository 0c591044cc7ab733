using System.Net;
using System.Net.Security;

namespace Facade.Shared.Client;

/// <summary>
/// Builds the outbound handler chain for one registry: user agent, then retry, then auth (then an
/// optional extra handler), then HTTP/2 where the server offers it (<see cref="HttpVersionHandler"/>),
/// over a <see cref="SocketsHttpHandler"/> that uses no proxy, follows no
/// redirect (blob redirects are followed by <see cref="RegistryClient"/> without credentials),
/// does not decompress (digests are over the bytes as sent) and keeps no cookies.
/// </summary>
public static class RegistryHttp
{
    /// <summary>
    /// A new socket handler with the settings above: the one place outbound connections are
    /// configured (tune HTTP/2 windows, buffer sizes and pooling here).
    /// </summary>
    public static SocketsHttpHandler CreateSocketsHandler(RegistryHttpOptions options) => new()
    {
        ConnectCallback = options.Registry is { } registry ? new OutboundGuard(registry).ConnectAsync : null,
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        ConnectTimeout = options.ConnectTimeout,
        PooledConnectionLifetime = options.PooledConnectionLifetime,
        PooledConnectionIdleTimeout = options.PooledConnectionIdleTimeout,
        InitialHttp2StreamWindowSize = options.Http2StreamWindow,
        SslOptions = options.TrustedRoots is { } roots
            ? new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = roots.Validate }
            : new SslClientAuthenticationOptions(),
    };

    /// <summary>The whole chain; dispose it to close its connections.</summary>
    public static HttpMessageHandler CreateHandler(RegistryHttpOptions? options = null)
    {
        options ??= new RegistryHttpOptions();
        HttpMessageHandler inner = CreateSocketsHandler(options);
        // Innermost, so token requests and redirect hops made inside the chain ask for HTTP/2 too.
        if (options.Http2) inner = new HttpVersionHandler { InnerHandler = inner };
        if (options.Innermost is { } extra)
        {
            var handler = extra();
            handler.InnerHandler = inner;
            inner = handler;
        }
        var auth = new RegistryAuthHandler(options.Credentials, options.Auth, options.Time) { InnerHandler = inner };
        var retry = new RetryHandler(options.Retry, options.Time) { InnerHandler = auth };
        return new UserAgentHandler(options.UserAgent) { InnerHandler = retry };
    }

    /// <summary>An <see cref="HttpClient"/> over a new chain, with no overall timeout (streams may be long).</summary>
    public static HttpClient CreateClient(RegistryHttpOptions? options = null) =>
        new(CreateHandler(options), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
}
