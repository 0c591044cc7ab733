using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Facade.TestSupport;

/// <summary>
/// A streaming reverse proxy that counts the requests it forwards, by method and path, so a test
/// can assert exactly how often something upstream was asked for (for example, that N concurrent
/// pulls through a mirror caused one GET of a blob). Bodies are streamed both ways, never buffered.
/// The <c>Host</c> header is kept, so the target builds its own URLs (upload locations) with the
/// proxy's address and clients keep coming through the proxy.
/// </summary>
public sealed class CountingProxy : IAsyncDisposable
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "Transfer-Encoding", "Upgrade", "TE", "Trailer",
        "Proxy-Authenticate", "Proxy-Authorization",
    };

    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _log = new();
    private readonly HttpClient _http;
    private readonly Uri _target;
    private LocalWebServer? _server;

    private CountingProxy(Uri target)
    {
        _target = target;
        _http = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
        }) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The proxy's root URL.</summary>
    public Uri BaseUri => _server!.BaseUri;

    /// <summary>Starts a proxy in front of <paramref name="target"/>.</summary>
    public static async Task<CountingProxy> StartAsync(Uri target)
    {
        var proxy = new CountingProxy(target);
        proxy._server = await LocalWebServer.StartAsync(app => app.Run(proxy.ForwardAsync));
        return proxy;
    }

    /// <summary>How many requests with this method and exact path (no query) were forwarded.</summary>
    public int Count(string method, string path) =>
        _counts.TryGetValue(method.ToUpperInvariant() + " " + path, out var n) ? n : 0;

    /// <summary>How many GETs of a blob were forwarded (<c>/v2/&lt;repository&gt;/blobs/&lt;digest&gt;</c>).</summary>
    public int BlobGets(string repository, string digest) => Count("GET", $"/v2/{repository}/blobs/{digest}");

    /// <summary>Every forwarded request as <c>METHOD path status</c>, in order of completion.</summary>
    public IReadOnlyList<string> Log => _log.ToArray();

    /// <summary>Forgets all counts.</summary>
    public void Reset()
    {
        _counts.Clear();
        _log.Clear();
    }

    private async Task ForwardAsync(HttpContext context)
    {
        var incoming = context.Request;
        var key = incoming.Method + " " + incoming.Path.Value;
        _counts.AddOrUpdate(key, 1, (_, n) => n + 1);
        using var outgoing = new HttpRequestMessage(new HttpMethod(incoming.Method), new Uri(_target, incoming.Path + incoming.QueryString));
        if (incoming.ContentLength > 0 || incoming.Headers.TransferEncoding.Count > 0)
            outgoing.Content = new StreamContent(incoming.Body);
        foreach (var (name, values) in incoming.Headers)
        {
            if (HopByHop.Contains(name) || name.Equals("Host", StringComparison.OrdinalIgnoreCase)) continue;
            if (!outgoing.Headers.TryAddWithoutValidation(name, values.ToArray()))
                outgoing.Content?.Headers.TryAddWithoutValidation(name, values.ToArray());
        }
        outgoing.Headers.Host = incoming.Host.Value;
        try
        {
            using var response = await _http.SendAsync(outgoing, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
                if (!HopByHop.Contains(name)) context.Response.Headers[name] = values.ToArray();
            _log.Enqueue($"{key} {(int)response.StatusCode}");
            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
        }
        catch (HttpRequestException)
        {
            _log.Enqueue($"{key} 502");
            if (!context.Response.HasStarted) context.Response.StatusCode = StatusCodes.Status502BadGateway;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
        _http.Dispose();
    }
}
