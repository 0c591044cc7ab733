using System.Collections.Concurrent;
using Facade.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Facade.Tests.Telemetry;

/// <summary>
/// The receiving end of OTLP over HTTP (protobuf bodies POSTed to <c>/v1/traces</c>,
/// <c>/v1/metrics</c>, <c>/v1/logs</c>): keeps every body per signal so a test can look for the
/// names it expects (protobuf carries strings as plain UTF-8). Answers 200 with an empty message,
/// which is a full success in OTLP.
/// </summary>
internal sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<byte[]>> _bodies = new(StringComparer.Ordinal);
    private LocalWebServer? _server;

    public Uri BaseUri => _server!.BaseUri;

    public static async Task<OtlpReceiver> StartAsync()
    {
        var receiver = new OtlpReceiver();
        receiver._server = await LocalWebServer.StartAsync(app => app.MapPost("/v1/{signal}", receiver.ReceiveAsync));
        return receiver;
    }

    /// <summary>The bodies received for a signal (<c>traces</c>, <c>metrics</c>, <c>logs</c>), oldest first.</summary>
    public IReadOnlyList<byte[]> Bodies(string signal) => _bodies.TryGetValue(signal, out var queue) ? queue.ToArray() : [];

    /// <summary>Waits until some body of <paramref name="signal"/> contains every one of <paramref name="texts"/>.</summary>
    public async Task<byte[]> WaitForAsync(string signal, TimeSpan timeout, params string[] texts)
    {
        var deadline = DateTime.UtcNow + timeout;
        // Encoded once: protobuf carries strings as UTF-8, so a name is found as these bytes.
        var wanted = texts.Select(t => (Text: t, Bytes: System.Text.Encoding.UTF8.GetBytes(t))).ToArray();
        while (true)
        {
            var bodies = Bodies(signal);
            foreach (var body in bodies)
                if (wanted.All(w => body.AsSpan().IndexOf(w.Bytes) >= 0)) return body;
            if (DateTime.UtcNow > deadline)
            {
                var missing = wanted.Where(w => !bodies.Any(b => b.AsSpan().IndexOf(w.Bytes) >= 0)).Select(w => w.Text);
                throw new TimeoutException($"no OTLP {signal} export named {string.Join(", ", texts)} within {timeout} ({bodies.Count} received; named nowhere: {string.Join(", ", missing)})");
            }
            await Task.Delay(100);
        }
    }

    private async Task ReceiveAsync(HttpContext context, string signal)
    {
        // Only what an OTLP/HTTP exporter sends counts: anything else is never found by a wait.
        if (context.Request.ContentType != "application/x-protobuf")
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        _bodies.GetOrAdd(signal, _ => new ConcurrentQueue<byte[]>()).Enqueue(body.ToArray());
        context.Response.ContentType = "application/x-protobuf";
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }
}
