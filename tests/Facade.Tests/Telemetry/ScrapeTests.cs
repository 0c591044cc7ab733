using System.Text.RegularExpressions;
using Facade.Tests.Infrastructure;
using Facade.Tests.Redis;
using Facade.TestSupport;

namespace Facade.Tests.Telemetry;

/// <summary>
/// <c>/metrics</c> against the real consumers of the format: a Prometheus server scraping it and
/// <c>promtool check metrics</c> linting it, also after hostile methods and a Redis outage.
/// </summary>
public sealed partial class ScrapeTests
{
    // Prometheus' metric and label name grammar.
    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
    private static partial Regex MetricName();

    [RequiresToolFact(PrometheusServer.Program, DistributionRegistry.Program)]
    public async Task A_prometheus_server_scrapes_the_facade_and_sees_its_metrics()
    {
        await using var registry = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { Quiet = true });
        using var client = registry.CreateClient();
        var image = ImageGenerator.Image(new ImageSpec { Seed = 131, LayerSizes = [64 * 1024], Gzip = false });
        await image.PushAsync(client, "team/scraped", "v1");
        var facade = await FacadeHost.StartAsync(FacadeHost.MirrorOf("local", registry.BaseUri));
        try
        {
            await facade.Client.GetByteArrayAsync("/v2/team/scraped/manifests/v1");
            await facade.Client.GetByteArrayAsync($"/v2/team/scraped/blobs/{image.Layers[0].Digest}");
            await using var prometheus = await PrometheusServer.StartAsync(facade.Authority, "facade");

            var timeout = TimeSpan.FromSeconds(60);
            await prometheus.WaitForAsync("up{job=\"facade\"}", r => r.Count == 1 && r[0] == 1, timeout);
            await prometheus.WaitForAsync("sum(facade_requests_total{job=\"facade\",route=\"manifest\",method=\"GET\",status=\"200\"})",
                r => r.Count == 1 && r[0] >= 1, timeout);
            // At least this blob: a meter name is process-wide, so other facades in a test process
            // add theirs, and a scrape may land before this response's bytes are counted.
            var served = await prometheus.WaitForAsync("sum(facade_bytes_served_total{job=\"facade\",source=\"upstream\"})",
                r => r.Count == 1 && r[0] >= image.Layers[0].Bytes.Length, timeout);
            Assert.True(served[0] >= image.Layers[0].Bytes.Length, $"{served[0]} bytes");
            // The runtime and ASP.NET Core instrumentation arrive through the same scrape.
            await prometheus.WaitForAsync("count(http_server_request_duration_seconds_count{job=\"facade\"})", r => r.Count == 1 && r[0] > 0, timeout);
        }
        finally
        {
            await facade.DisposeAndDeleteCacheAsync();
        }
    }

    [RequiresToolFact("promtool", "redis-server", DistributionRegistry.Program)]
    public async Task Exposition_passes_promtool_with_unknown_methods_and_after_redis_stops()
    {
        await using var registry = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { Quiet = true });
        using var client = registry.CreateClient();
        var image = ImageGenerator.Image(new ImageSpec { Seed = 132, LayerSizes = [16 * 1024], Gzip = false });
        await image.PushAsync(client, "team/linted", "v1");
        await image.PushAsync(client, "team/linted", "v2");
        var redis = new RedisServer();
        await redis.InitializeAsync();
        var facade = await FacadeHost.StartAsync(FacadeHost.MirrorOf("local", registry.BaseUri,
            ("Facade:Redis:Configuration", redis.Configuration)));
        try
        {
            await facade.Client.GetByteArrayAsync("/v2/team/linted/manifests/v1");
            // Methods a client may invent; each would otherwise become a series of its own.
            foreach (var method in new[] { "BREW", "PROPFIND", "X-ANYTHING", "M-SEARCH" })
            {
                using var odd = await facade.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/v2/team/linted/manifests/v1"));
                Assert.True((int)odd.StatusCode is >= 400 and < 500, $"{method} answered {odd.StatusCode}");
            }

            await redis.StopAsync();
            // A tag not resolved yet asks Redis for a replica's resolution first: that call fails.
            Assert.Equal(image.ManifestBytes, await facade.Client.GetByteArrayAsync("/v2/team/linted/manifests/v2"));

            var text = await facade.Client.GetStringAsync("/metrics");
            var metrics = PrometheusText.Parse(text);
            Assert.True(metrics.Sum("facade_redis_failures_total") >= 1, "the Redis failure is counted");
            var methods = metrics.Samples.Where(s => s.Name == "facade_requests_total").Select(s => s.Labels["method"]).ToHashSet();
            Assert.Subset(new HashSet<string> { "GET", "HEAD", "PUT", "POST", "PATCH", "DELETE", "OPTIONS", "other" }, methods);
            Assert.Equal(4, metrics.Sum("facade_requests_total", ("method", "other")));
            Assert.All(metrics.Samples, s =>
            {
                Assert.Matches(MetricName(), s.Name);
                Assert.All(s.Labels.Keys, k => Assert.Matches(MetricName(), k));
            });

            var (exitCode, output) = await Promtool.CheckMetricsAsync(text);
            Assert.True(exitCode == 0, $"promtool check metrics exited {exitCode}:\n{output}");
            Assert.Equal("", output.Trim());
        }
        finally
        {
            await facade.DisposeAndDeleteCacheAsync();
            await redis.DisposeAsync();
        }
    }
}
