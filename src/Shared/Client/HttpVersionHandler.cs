using System.Net;

namespace Facade.Shared.Client;

/// <summary>
/// Asks for HTTP/2 on every request and accepts less. Over TLS the server's ALPN answer decides:
/// one stream per request on a shared connection, with flow-control windows sized for far
/// registries. Plain-http registries and HTTP/1.1-only servers get HTTP/1.1 as before (cleartext
/// HTTP/2 would need prior knowledge, which no registry advertises).
/// </summary>
public sealed class HttpVersionHandler : DelegatingHandler
{
    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Version = HttpVersion.Version20;
        request.VersionPolicy = HttpVersionPolicy.RequestVersionOrLower;
        return base.SendAsync(request, cancellationToken);
    }
}
