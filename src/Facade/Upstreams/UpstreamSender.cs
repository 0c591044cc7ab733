using System.Diagnostics;
using Facade.Configuration;
using Facade.Metrics;
using Facade.Shared.Client;
using Microsoft.Extensions.Options;

namespace Facade.Upstreams;

/// <summary>
/// The facade's door to its upstreams' registry clients: every call is timed for the latency
/// metric and every failure becomes an <see cref="UpstreamException"/> carrying the error a client
/// should see (<see cref="UpstreamFailure"/>). The rules themselves (redirects, outbound guard,
/// caps, timeouts, retries, auth, verification) are the <see cref="RegistryClient"/>'s.
/// </summary>
internal sealed class UpstreamSender(IOptions<FacadeOptions> options, FacadeMetrics metrics)
{
    /// <summary>The progress timeout for body reads, for callers that stream a body.</summary>
    public TimeSpan Idle { get; } = options.Value.Timeouts.Idle;

    /// <summary>Sends a raw request (redirects followed for GET and HEAD); the response body is unread.</summary>
    public Task<HttpResponseMessage> SendAsync(UpstreamRegistry upstream, HttpMethod method, Uri uri,
        Action<HttpRequestMessage>? configure, CancellationToken ct) =>
        CallAsync(upstream, client => client.SendAsync(method, uri, configure, ct));

    /// <summary>Runs one client operation against an upstream, mapping its failures.</summary>
    public async Task<T> CallAsync<T>(UpstreamRegistry upstream, Func<RegistryClient, Task<T>> operation)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await operation(upstream.Client).ConfigureAwait(false);
        }
        catch (Exception e) when (UpstreamFailure.IsClientFailure(e))
        {
            throw new UpstreamException(UpstreamFailure.FromException(upstream, e));
        }
        finally
        {
            metrics.UpstreamLatency(upstream.Name, Stopwatch.GetElapsedTime(started));
        }
    }
}
