using System.Net;
using System.Net.Sockets;

namespace Facade.Shared.Client;

/// <summary>
/// Retries idempotent requests (GET, HEAD, and PUT or DELETE marked
/// <see cref="RegistryRequestOptions.Idempotent"/>) after connection errors, 5xx and 429, with
/// jittered exponential backoff or the server's <c>Retry-After</c> (capped). Other 4xx answers are
/// final. Requests whose body cannot be sent twice are never retried. Cancellation stops waiting.
/// </summary>
public sealed class RetryHandler(RetryOptions? options = null, TimeProvider? time = null) : DelegatingHandler
{
    private readonly RetryOptions _options = options ?? new RetryOptions();
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!IsIdempotent(request) || !await ReplayableContent.EnsureAsync(request, 4 * 1024 * 1024, cancellationToken).ConfigureAwait(false))
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);

        for (var attempt = 1; ; attempt++)
        {
            var last = attempt >= _options.MaxAttempts;
            HttpResponseMessage response;
            try
            {
                response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!last && IsTransient(e, cancellationToken))
            {
                await Task.Delay(Backoff(attempt), _time, cancellationToken).ConfigureAwait(false);
                continue;
            }
            if (last || !IsRetryable(response.StatusCode)) return response;
            var delay = RetryAfter.Parse(response, _time.GetUtcNow(), _options.MaxRetryAfter) ?? Backoff(attempt);
            response.Dispose();
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsIdempotent(HttpRequestMessage request) =>
        request.Method == HttpMethod.Get || request.Method == HttpMethod.Head
        || ((request.Method == HttpMethod.Put || request.Method == HttpMethod.Delete) && request.Has(RegistryRequestOptions.Idempotent));

    private static bool IsRetryable(HttpStatusCode status) =>
        status == HttpStatusCode.TooManyRequests || (int)status >= 500;

    /// <summary>
    /// Connection failures and timeouts that were not the caller's cancellation; a destination
    /// refused by <see cref="OutboundGuard"/> stays refused, so it is not retried.
    /// </summary>
    private static bool IsTransient(Exception e, CancellationToken cancellationToken) => e switch
    {
        OutboundRefusedException or HttpRequestException { InnerException: OutboundRefusedException } => false,
        HttpRequestException => true,
        IOException => true,
        // Unwrapped from the HTTP stack when a connection is torn down while being set up.
        SocketException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    /// <summary>Full jitter over half the exponential step, so retries of many clients spread out.</summary>
    private TimeSpan Backoff(int attempt)
    {
        var exponential = _options.BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1);
        var capped = Math.Min(exponential, _options.MaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped / 2 + Random.Shared.NextDouble() * capped / 2);
    }
}
