using System.Net.Http.Headers;
using System.Text;
using Facade.Configuration;

namespace Facade.Upstreams;

/// <summary>The delegating handlers put in front of an upstream's socket handler.</summary>
internal static class UpstreamHandlers
{
    public static HttpMessageHandler Wrap(HttpMessageHandler inner, UpstreamOptions upstream, UpstreamTimeoutOptions timeouts)
    {
        var handler = inner;
        if (upstream.Username is { } user)
            handler = new StaticBasicHandler(user, upstream.Password ?? "") { InnerHandler = handler };
        return handler;
    }

    /// <summary>Adds Basic credentials to requests on the upstream's own client only.</summary>
    private sealed class StaticBasicHandler(string user, string password) : DelegatingHandler
    {
        private readonly AuthenticationHeaderValue _header = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Authorization ??= _header;
            return base.SendAsync(request, cancellationToken);
        }
    }
}
