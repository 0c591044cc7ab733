using System.Collections.Concurrent;
using System.Net;
using Facade.Tests.Infrastructure;
using Facade.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Facade.Tests.Telemetry;

/// <summary>The access log line per request and the one failure line per fill, read from a real logger pipeline.</summary>
public sealed class AccessLogTests
{
    [RequiresToolFact(DistributionRegistry.Program)]
    public async Task Each_request_gets_one_line_with_route_template_status_bytes_source_and_upstream()
    {
        await using var registry = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { Quiet = true });
        using var client = registry.CreateClient();
        var image = ImageGenerator.Image(new ImageSpec { Seed = 151, LayerSizes = [20_000], Gzip = false });
        await image.PushAsync(client, "team/logged", "v1");
        var log = new LineCollector();
        var facade = await FacadeHost.StartAsync(FacadeHost.MirrorOf("local", registry.BaseUri), configure: log.Attach);
        try
        {
            var layer = image.Layers[0];
            await facade.Client.GetByteArrayAsync($"/v2/team/logged/blobs/{layer.Digest}");
            await facade.Client.GetByteArrayAsync($"/v2/team/logged/blobs/{layer.Digest}");
            using var missing = await facade.Client.GetAsync("/v2/team/logged/manifests/nope");
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

            // A line is written when its request's pipeline returns, which may trail the client's read.
            var lines = await log.WaitForLinesAsync(1501, 3);
            var blobLine = $"GET /v2/{{name}}/blobs/{{digest}} 200 {layer.Bytes.Length} bytes in ";
            Assert.Single(lines, l => l.StartsWith(blobLine, StringComparison.Ordinal) && l.EndsWith(" source=upstream upstream=local", StringComparison.Ordinal));
            Assert.Single(lines, l => l.StartsWith(blobLine, StringComparison.Ordinal) && l.EndsWith(" source=cache upstream=local", StringComparison.Ordinal));
            Assert.Single(lines, l => l.StartsWith("GET /v2/{name}/manifests/{reference} 404 ", StringComparison.Ordinal));
            // The concrete repository and digest stay out of the route.
            Assert.DoesNotContain(lines, l => l.Contains("team/logged", StringComparison.Ordinal));
        }
        finally
        {
            await facade.DisposeAndDeleteCacheAsync();
        }
    }

    [Fact]
    public async Task An_upstream_failure_is_logged_once_per_fill_with_its_cause()
    {
        await using var upstream = await FaultyUpstream.StartAsync(512 * 1024);
        upstream.Behaviour = FaultyUpstream.Mode.DieMidBody;
        var log = new LineCollector();
        var facade = await FacadeHost.StartAsync(FacadeHost.MirrorOf("faulty", upstream.Address), configure: log.Attach);
        try
        {
            var pulls = Enumerable.Range(0, 8).Select(async _ =>
            {
                try { await facade.Client.GetByteArrayAsync($"/v2/team/broken/blobs/{upstream.Digest}"); return true; }
                catch (HttpRequestException) { return false; }
            });
            Assert.DoesNotContain(true, await Task.WhenAll(pulls));
            Assert.True(upstream.BlobGets >= 1);
            // Resumes ask again with Range inside the same fill; the failure is logged once per fill.
            var failures = await log.WaitForLinesAsync(1411, upstream.WholeBlobGets);
            Assert.Equal(upstream.WholeBlobGets, failures.Count);
            Assert.All(failures, l => Assert.StartsWith($"fetch of {upstream.Digest} from upstream (upstream faulty) failed: ", l));
        }
        finally
        {
            await facade.DisposeAndDeleteCacheAsync();
        }
    }

    /// <summary>A logger provider that keeps the facade's formatted lines by event id.</summary>
    private sealed class LineCollector : ILoggerProvider, ILogger
    {
        private readonly ConcurrentQueue<(int Id, string Text)> _lines = new();

        public void Attach(Microsoft.AspNetCore.Builder.WebApplicationBuilder builder)
        {
            builder.Logging.SetMinimumLevel(LogLevel.Information);
            builder.Logging.AddProvider(this);
        }

        public List<string> Lines(int eventId) => [.. _lines.Where(l => l.Id == eventId).Select(l => l.Text)];

        public async Task<List<string>> WaitForLinesAsync(int eventId, int count)
        {
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (Lines(eventId).Count < count && DateTime.UtcNow < deadline) await Task.Delay(20);
            return Lines(eventId);
        }

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _lines.Enqueue((eventId.Id, formatter(state, exception)));

        public void Dispose() { }
    }
}
