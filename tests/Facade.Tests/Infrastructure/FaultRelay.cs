using System.Collections.Concurrent;
using Facade.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Facade.Tests.Infrastructure;

/// <summary>
/// A fault-injecting relay in front of a real registry (GET and HEAD) or an IPFS node's RPC API
/// (POST without a body). The first request the fault applies to (by default a blob GET without a
/// <c>Range</c>) is interfered with after <see cref="After"/> bytes of body: cut (the connection
/// aborted) or held back until <see cref="Release"/>. Everything else is relayed as it comes.
/// Records the <c>Range</c> header of every blob GET.
/// </summary>
public sealed class FaultRelay : IAsyncDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan };
    private readonly Uri _target;
    private readonly bool _cut;
    private readonly ConcurrentQueue<string> _blobRanges = new();
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _holding = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private LocalWebServer? _server;
    private readonly Func<HttpRequest, bool> _faultWhen;
    private int _faultsLeft;

    private FaultRelay(Uri target, long after, bool cut, Func<HttpRequest, bool>? faultWhen = null, int faults = 1)
    {
        _target = target;
        After = after;
        _cut = cut;
        _faultWhen = faultWhen ?? (r => IsBlobGet(r) && r.Headers.Range.Count == 0);
        _faultsLeft = faults;
    }

    public long After { get; }
    public Uri BaseUri => _server!.BaseUri;

    /// <summary>The <c>Range</c> header of every blob GET in arrival order ("" for none).</summary>
    public IReadOnlyList<string> BlobRanges => _blobRanges.ToArray();

    /// <summary>Completes once the held blob's first <see cref="After"/> bytes were sent and the rest is held.</summary>
    public Task Holding => _holding.Task;

    /// <summary>A relay that cuts the first whole blob GET after <paramref name="after"/> bytes.</summary>
    public static Task<FaultRelay> CuttingAsync(Uri target, long after) => StartAsync(new FaultRelay(target, after, cut: true));

    /// <summary>A relay that cuts the first request matching <paramref name="faultWhen"/> after <paramref name="after"/> bytes.</summary>
    public static Task<FaultRelay> CuttingAsync(Uri target, long after, Func<HttpRequest, bool> faultWhen) =>
        StartAsync(new FaultRelay(target, after, cut: true, faultWhen));

    /// <summary>A relay without faults, only recording what passes.</summary>
    public static Task<FaultRelay> RecordingAsync(Uri target) => StartAsync(new FaultRelay(target, 0, cut: false, faults: 0));

    /// <summary>A relay that holds the first whole blob GET after <paramref name="after"/> bytes until released.</summary>
    public static Task<FaultRelay> HoldingAsync(Uri target, long after) => StartAsync(new FaultRelay(target, after, cut: false));

    /// <summary>Lets a held body go on.</summary>
    public void Release() => _released.TrySetResult();

    private static async Task<FaultRelay> StartAsync(FaultRelay relay)
    {
        relay._server = await LocalWebServer.StartAsync(app => app.Run(relay.RelayAsync));
        return relay;
    }

    private async Task RelayAsync(HttpContext context)
    {
        var request = context.Request;
        using var outgoing = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(_target, request.Path + request.QueryString));
        foreach (var name in new[] { "Accept", "Range", "Authorization" })
            if (request.Headers.TryGetValue(name, out var values)) outgoing.Headers.TryAddWithoutValidation(name, values.ToArray());
        if (IsBlobGet(request)) _blobRanges.Enqueue(request.Headers.Range.ToString());
        var fault = _faultWhen(request) && Interlocked.Decrement(ref _faultsLeft) >= 0;
        using var response = await _http.SendAsync(outgoing, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            if (!name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase)) context.Response.Headers[name] = values.ToArray();
        await using var body = await response.Content.ReadAsStreamAsync(context.RequestAborted);
        if (fault)
        {
            var buffer = new byte[64 * 1024];
            var sent = 0L;
            while (sent < After)
            {
                var read = await body.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, After - sent)), context.RequestAborted);
                if (read == 0) break;
                await context.Response.Body.WriteAsync(buffer.AsMemory(0, read), context.RequestAborted);
                sent += read;
            }
            await context.Response.Body.FlushAsync(context.RequestAborted);
            if (_cut)
            {
                context.Abort();
                return;
            }
            _holding.TrySetResult();
            await _released.Task.WaitAsync(context.RequestAborted);
        }
        await body.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    private static bool IsBlobGet(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) && request.Path.Value!.Contains("/blobs/", StringComparison.Ordinal);

    public async ValueTask DisposeAsync()
    {
        Release();
        if (_server is not null) await _server.DisposeAsync();
        _http.Dispose();
    }
}
