using System.Diagnostics;
using Facade.Configuration;
using Facade.Metrics;
using Facade.Shared.Errors;
using Microsoft.Extensions.Options;

namespace Facade.Upstreams;

/// <summary>
/// Sends requests to upstreams: a bounded wait for response headers, redirects followed by
/// hand without credentials, latency recorded. Returns the response with its body unread, or
/// throws <see cref="UpstreamException"/> with the error a client should see.
/// </summary>
internal sealed class UpstreamSender(IOptions<FacadeOptions> options, FacadeMetrics metrics)
{
    private const int MaxRedirects = 5;
    private readonly TimeSpan _idle = options.Value.Timeouts.Idle;

    /// <summary>The idle timeout for body reads, for callers that stream the body.</summary>
    public TimeSpan Idle => _idle;

    /// <summary>Sends a request built by <paramref name="build"/> (called again on redirects).</summary>
    public async Task<HttpResponseMessage> SendAsync(UpstreamRegistry upstream, HttpMethod method, Uri uri,
        Action<HttpRequestMessage>? configure, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var invoker = upstream.Client;
        for (var hop = 0; ; hop++)
        {
            using var request = new HttpRequestMessage(method, uri);
            configure?.Invoke(request);
            HttpResponseMessage response;
            using (var headers = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                headers.CancelAfter(_idle);
                try
                {
                    response = await invoker.SendAsync(request, headers.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    throw new UpstreamException(new OciError(OciErrorCode.GatewayTimeout, $"upstream {upstream.Name} sent no response in {_idle.TotalSeconds:0}s"));
                }
                catch (HttpRequestException e)
                {
                    throw new UpstreamException(UpstreamFailure.FromException(upstream, e));
                }
            }
            if (IsRedirect(response) && response.Headers.Location is { } location && hop < MaxRedirects)
            {
                uri = location.IsAbsoluteUri ? location : new Uri(uri, location);
                response.Dispose();
                // Storage redirects point elsewhere: credentials stay with the upstream's own client.
                invoker = upstream.RedirectClient;
                continue;
            }
            metrics.UpstreamLatency(upstream.Name, Stopwatch.GetElapsedTime(started));
            return response;
        }
    }

    private static bool IsRedirect(HttpResponseMessage response) =>
        (int)response.StatusCode is 301 or 302 or 303 or 307 or 308;
}
