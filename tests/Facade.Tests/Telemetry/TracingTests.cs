using System.Diagnostics;
using System.Globalization;
using Facade.Metrics;
using Facade.Tests.Infrastructure;
using Facade.Tests.Redis;
using Facade.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Facade.Tests.Telemetry;

/// <summary>Spans as an OpenTelemetry exporter receives them (the SDK's in-memory exporter).</summary>
public sealed class TracingTests
{
    [RequiresToolFact("redis-server", DistributionRegistry.Program)]
    public async Task A_pull_gives_one_request_span_with_cache_fill_upstream_redis_and_spec_children()
    {
        await using var registry = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { Quiet = true });
        using var client = registry.CreateClient();
        var image = ImageGenerator.Image(new ImageSpec { Seed = 141, LayerSizes = [32 * 1024], Gzip = false });
        await image.PushAsync(client, "team/traced", "v1");
        var redis = new RedisServer();
        await redis.InitializeAsync();
        using var dir = new TempDir("traced-specs");
        var specs = dir.WriteFile("specs.json", $$"""{ "ws1": { "baseRef": "{{registry.Authority}}/team/traced:v1" } }""");
        var spans = new List<Activity>();
        var facade = await FacadeHost.StartAsync(FacadeHost.MirrorOf("local", registry.BaseUri,
            ("Facade:Redis:Configuration", redis.Configuration), ("Facade:Composition:FixedSpecFile", specs)),
            configure: b => b.Services.AddOpenTelemetry().WithTracing(t => t.AddInMemoryExporter(spans)));
        try
        {
            var layer = image.Layers[0].Digest.Value;
            var port = facade.Address.Port.ToString(CultureInfo.InvariantCulture);
            await facade.Client.GetByteArrayAsync("/v2/team/traced/manifests/v1");
            await facade.Client.GetByteArrayAsync($"/v2/team/traced/blobs/{layer}");
            // The fill ends (and its span is exported) after the response may have completed.
            var fill = await WaitForSpanAsync(spans, s => s.DisplayName == "blob fill" && Equals(s.GetTagItem(FacadeTelemetry.DigestAttribute), layer));
            await facade.Client.GetByteArrayAsync($"/v2/team/traced/blobs/{layer}");
            await facade.Client.GetByteArrayAsync("/v2/fixed/ws1/manifests/latest");
            // A server span is exported when its request ends, which may trail the client's read.
            bool Ours(Activity s) => s.Kind == ActivityKind.Server && Convert.ToString(s.GetTagItem("server.port"), CultureInfo.InvariantCulture) == port;
            await WaitForSpansAsync(spans, Ours, 4);
            // The exporter hears every facade in this test process (sources are process-wide):
            // keep the traces of requests to this one.
            var everything = Snapshot(spans);
            var ours = everything.Where(Ours).Select(s => s.TraceId).ToHashSet();
            var all = everything.Where(s => ours.Contains(s.TraceId)).ToList();

            var coldRequest = all.Single(s => s.Kind == ActivityKind.Server && s.SpanId == fill.ParentSpanId);
            Assert.Equal("local", coldRequest.GetTagItem(FacadeTelemetry.UpstreamAttribute));
            Assert.Equal("local", fill.GetTagItem(FacadeTelemetry.UpstreamAttribute));
            Assert.Equal("upstream", fill.GetTagItem(FacadeTelemetry.SourceAttribute));
            Assert.Equal(ActivityStatusCode.Unset, fill.Status);

            var miss = all.Single(s => s.DisplayName == "blob cache" && s.ParentSpanId == coldRequest.SpanId);
            Assert.Equal("miss", miss.GetTagItem(FacadeTelemetry.ResultAttribute));
            var fetch = all.Single(s => s.DisplayName == "upstream fetch" && s.ParentSpanId == fill.SpanId);
            Assert.Equal(layer, fetch.GetTagItem(FacadeTelemetry.DigestAttribute));
            // HttpClient's own span hangs under the upstream fetch, with the registry's address.
            Assert.Contains(all, s => s.Kind == ActivityKind.Client && s.ParentSpanId == fetch.SpanId
                && Equals(s.GetTagItem("server.port"), registry.BaseUri.Port));
            Assert.Contains(all, s => s.DisplayName == "blob cache" && Equals(s.GetTagItem(FacadeTelemetry.ResultAttribute), "hit")
                && s.TraceId != coldRequest.TraceId);

            var redisCalls = all.Where(s => s.DisplayName == "redis").ToList();
            Assert.Contains(redisCalls, s => Equals(s.GetTagItem("db.operation.name"), "resolve.get"));
            var spec = all.Single(s => s.DisplayName == "spec lookup");
            Assert.Equal("Found", spec.GetTagItem(FacadeTelemetry.ResultAttribute));
            Assert.Equal("fixed/ws1", spec.GetTagItem("facade.image.name"));
            Assert.Contains(all, s => s.Kind == ActivityKind.Server && s.SpanId == spec.ParentSpanId);
            // No span for the scrape endpoint: it would drown the traces.
            Assert.DoesNotContain(all, s => s.Kind == ActivityKind.Server && (s.GetTagItem("url.path") as string) == "/metrics");
        }
        finally
        {
            await facade.DisposeAndDeleteCacheAsync();
            await redis.DisposeAsync();
        }
    }

    private static List<Activity> Snapshot(List<Activity> spans)
    {
        lock (spans) return [.. spans];
    }

    private static async Task WaitForSpansAsync(List<Activity> spans, Func<Activity, bool> match, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Snapshot(spans).Count(match) < count && DateTime.UtcNow < deadline) await Task.Delay(50);
    }

    private static async Task<Activity> WaitForSpanAsync(List<Activity> spans, Func<Activity, bool> match)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (Snapshot(spans).FirstOrDefault(match) is { } found) return found;
            await Task.Delay(50);
        }
        throw new TimeoutException("span not exported: " + string.Join(", ", Snapshot(spans).Select(s => s.DisplayName)));
    }
}
