using System.Net.Http.Headers;

namespace Conformance.Http;

/// <summary>
/// Sends requests to the registry under test: resolves paths and Location values against the
/// root URL, authenticates (retrying once after a 401 challenge), buffers the response.
/// </summary>
internal sealed class RegistryClient : IDisposable
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(60);
    private readonly HttpClient _http;
    private readonly Uri _root;
    private readonly Authenticator _auth;
    private readonly DebugLog? _debug;
    private readonly System.Collections.Concurrent.ConcurrentQueue<RegistryResponse> _warned = new();

    public RegistryClient(Uri root, string? username, string? password, TextWriter? debug)
    {
        // No decompression and no proxy: the suite checks the exact bytes and headers the registry sends.
        var handler = new SocketsHttpHandler
        {
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = true,
            MaxAutomaticRedirections = 5,
        };
        _http = new HttpClient(handler) { Timeout = RequestTimeout };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("oci-conformance", "1.0"));
        _root = root;
        _auth = new Authenticator(_http, root, username, password);
        _debug = debug is null ? null : new DebugLog(debug);
    }

    /// <summary>Every response of the run so far that carried a Warning header.</summary>
    public IReadOnlyCollection<RegistryResponse> Warned => _warned;

    /// <summary>Resolves a path ("/v2/...") or a Location value (absolute or relative) to a URL.</summary>
    public Uri Resolve(string target) =>
        Uri.TryCreate(target, UriKind.Absolute, out var absolute) && absolute.Scheme.StartsWith("http", StringComparison.Ordinal)
            ? absolute
            : new Uri(_root, target);

    /// <summary>Sends <paramref name="request"/>, answering one auth challenge, and buffers the response.</summary>
    public async Task<RegistryResponse> SendAsync(RegistryRequest request, CancellationToken ct = default)
    {
        var url = Resolve(request.Target);
        using var first = await SendOnceAsync(request, url, ct);
        if (first.StatusCode == System.Net.HttpStatusCode.Unauthorized && await _auth.TryHandleChallengeAsync(first, url, ct))
        {
            using var retried = await SendOnceAsync(request, url, ct);
            return await BufferAsync(request, retried, ct);
        }

        return await BufferAsync(request, first, ct);
    }

    private async Task<HttpResponseMessage> SendOnceAsync(RegistryRequest request, Uri url, CancellationToken ct)
    {
        using var message = new HttpRequestMessage(request.Method, url);
        if (request.Body is not null || request.Method == HttpMethod.Post || request.Method == HttpMethod.Put || request.Method == HttpMethod.Patch)
        {
            // An explicit empty body still sends Content-Length: 0, which some registries require.
            message.Content = new ByteArrayContent(request.Body ?? []);
            message.Content.Headers.ContentLength = request.Body?.LongLength ?? 0;
            if (request.ContentType is not null)
            {
                message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType);
            }
        }

        foreach (var (name, value) in request.Headers)
        {
            if (!message.Headers.TryAddWithoutValidation(name, value))
            {
                message.Content ??= new ByteArrayContent([]);
                message.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        _auth.Apply(message, url);
        _debug?.Request(message);
        return await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, ct);
    }

    private async Task<RegistryResponse> BufferAsync(RegistryRequest request, HttpResponseMessage message, CancellationToken ct)
    {
        byte[] body;
        try
        {
            body = await message.Content.ReadAsByteArrayAsync(ct);
        }
        catch (HttpRequestException error)
        {
            // E.g. a body shorter than its Content-Length: say which response and why.
            var reason = error.InnerException?.Message ?? error.Message;
            throw new HttpRequestException($"{request.Method} {message.RequestMessage?.RequestUri?.PathAndQuery} -> {(int)message.StatusCode}, "
                + $"Content-Length {message.Content.Headers.ContentLength?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "absent"}: body unreadable ({reason})", error);
        }

        var response = new RegistryResponse(request.Method, message.RequestMessage?.RequestUri ?? Resolve(request.Target), message, body);
        _debug?.Response(response);
        if (response.Header("Warning") is not null)
        {
            _warned.Enqueue(response);
        }

        return response;
    }

    /// <inheritdoc/>
    public void Dispose() => _http.Dispose();
}
