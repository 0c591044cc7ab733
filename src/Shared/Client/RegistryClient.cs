using System.Net;
using System.Runtime.ExceptionServices;
using Facade.Shared.Oci;

namespace Facade.Shared.Client;

/// <summary>
/// The one client of a registry's distribution API, used by the facade, the daemon, tests and
/// tools. Its policy is written here once: redirects (GET and HEAD only, at most
/// <see cref="RegistryHttpOptions.MaxRedirects"/> hops, each checked by <see cref="OutboundGuard"/>,
/// credentials kept to the registry's own host), response headers and in-memory bodies bounded by
/// a progress timeout, bodies read into memory capped (<see cref="RegistryLimits"/>), manifests kept
/// as raw bytes and verified, blobs as streams. Retries and authentication live in the handler
/// chain (<see cref="RegistryHttp"/>). Unexpected answers throw <see cref="RegistryException"/>;
/// "not found" is a null result.
/// </summary>
public sealed partial class RegistryClient : IDisposable
{
    private readonly HttpMessageInvoker _http;
    private readonly bool _ownsClient;
    private readonly TimeSpan _progress;
    private readonly int _maxRedirects;

    /// <summary>
    /// A client for <paramref name="baseUri"/> (scheme, host and port) over an existing chain. A
    /// base URL with a path is refused: the distribution API lives at <c>/v2/</c> of the host, and
    /// silently dropping a path would talk to another registry than the one configured.
    /// </summary>
    public RegistryClient(Uri baseUri, HttpMessageInvoker http, bool ownsClient = false, RegistryHttpOptions? options = null)
    {
        if (!baseUri.IsAbsoluteUri || baseUri.Scheme is not ("http" or "https"))
            throw new ArgumentException("registry base URL must be an absolute http(s) URL", nameof(baseUri));
        if (baseUri.AbsolutePath.TrimEnd('/').Length > 0 || baseUri.Query.Length > 0)
            throw new ArgumentException($"registry base URL '{baseUri.GetLeftPart(UriPartial.Authority)}' must not have a path or query", nameof(baseUri));
        BaseUri = new Uri(baseUri.GetLeftPart(UriPartial.Authority));
        _http = http;
        _ownsClient = ownsClient;
        options ??= new RegistryHttpOptions();
        _progress = options.ProgressTimeout;
        _maxRedirects = options.MaxRedirects;
    }

    /// <summary>A client over a new handler chain with the given options, guarded for this registry.</summary>
    public static RegistryClient Create(Uri baseUri, RegistryHttpOptions? options = null)
    {
        options = (options ?? new RegistryHttpOptions()) with { Registry = baseUri };
        return new(baseUri, new HttpMessageInvoker(RegistryHttp.CreateHandler(options), disposeHandler: true), ownsClient: true, options);
    }

    /// <summary>The registry's base URL.</summary>
    public Uri BaseUri { get; }

    /// <summary>The handler chain, for pass-through forwarding that must use the same credentials and rules.</summary>
    public HttpMessageInvoker Invoker => _http;

    /// <summary>The progress timeout of this client (also the longest wait for response headers).</summary>
    public TimeSpan ProgressTimeout => _progress;

    /// <summary>Checks that <c>/v2/</c> answers 200 (after authentication).</summary>
    public async Task PingAsync(CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Get, Url("/v2/"), null, cancellationToken).ConfigureAwait(false);
        await EnsureAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends a request and returns the response with its body unread (the caller disposes it).
    /// GET and HEAD follow redirects under the policy above; <paramref name="configure"/> is
    /// applied to every hop. Throws <see cref="TimeoutException"/> when headers do not arrive in
    /// time and <see cref="OutboundRefusedException"/> when a hop breaks the outbound rules.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri uri, Action<HttpRequestMessage>? configure,
        CancellationToken cancellationToken)
    {
        var follow = method == HttpMethod.Get || method == HttpMethod.Head;
        var home = RegistryHost.Of(BaseUri);
        for (var hop = 0; ; hop++)
        {
            using var request = new HttpRequestMessage(method, uri);
            configure?.Invoke(request);
            // Storage redirects carry their own signature: credentials stay with the registry's host.
            if (hop > 0 && RegistryHost.Of(uri) != home) request.With(RegistryRequestOptions.Anonymous);
            var response = await SendOnceAsync(request, cancellationToken).ConfigureAwait(false);
            if (!follow || !IsRedirect(response.StatusCode) || response.Headers.Location is not { } location || hop >= _maxRedirects)
                return response;
            response.Dispose();
            var next = location.IsAbsoluteUri ? location : new Uri(uri, location);
            OutboundGuard.CheckScheme(uri, next, $"redirect from {RegistryHost.Of(uri)}");
            uri = next;
        }
    }

    /// <summary>Sends one request (no redirect following) with the header timeout; the request stays the caller's.</summary>
    private async Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var headers = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // A streamed upload is sent before any header can come back: only its own progress counts.
        if (ReplayableContent.IsRepeatable(request.Content)) headers.CancelAfter(_progress);
        try
        {
            return _http is HttpClient client
                ? await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, headers.Token).ConfigureAwait(false)
                : await _http.SendAsync(request, headers.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{RegistryHost.Of(request.RequestUri!)} sent no response in {_progress.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException e) when (e.InnerException is OutboundRefusedException refused)
        {
            // The refusal is the news; the wrapper only says that a connection failed.
            ExceptionDispatchInfo.Throw(refused);
            throw;
        }
    }

    /// <summary>Reads a body into memory under a cap and this client's progress timeout.</summary>
    private Task<byte[]> ReadAsync(HttpResponseMessage response, int limit, CancellationToken cancellationToken) =>
        BoundedBody.ReadAsync(response.Content, limit, cancellationToken, _progress);

    private static Digest? HeaderDigest(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Docker-Content-Digest", out var values) && Digest.TryParse(values.FirstOrDefault(), out var d)
            ? d
            : null;

    private Uri Url(string pathAndQuery) => new(BaseUri, pathAndQuery);

    /// <summary>Sends and owns a request built by hand (push, delete), without redirect following.</summary>
    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
            return await SendOnceAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private async Task EnsureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
            throw await RegistryException.FromResponseAsync(response, cancellationToken, _progress).ConfigureAwait(false);
    }

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    /// <summary>Disposes the handler chain when this client created it.</summary>
    public void Dispose()
    {
        if (_ownsClient) _http.Dispose();
    }
}
