using Facade.Tests.Infrastructure;
using Facade.TestSupport;

namespace Facade.Tests.Telemetry;

/// <summary>
/// With <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set, the facade pushes traces and metrics over OTLP
/// (the SDK's own exporter, over HTTP with protobuf) to that endpoint, named by its service name.
/// </summary>
public sealed class OtlpExportTests
{
    [RequiresToolFact(DistributionRegistry.Program)]
    public async Task Traces_and_metrics_of_a_pull_reach_the_otlp_endpoint()
    {
        await using var registry = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { Quiet = true });
        var image = ImageGenerator.Image(new ImageSpec { Seed = 133, LayerSizes = [32 * 1024], Gzip = false });
        using (var client = registry.CreateClient()) await image.PushAsync(client, "team/exported", "v1");
        await using var receiver = await OtlpReceiver.StartAsync();
        var facade = await FacadeHost.StartAsync(FacadeHost.MirrorOf("local", registry.BaseUri,
            ("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.BaseUri.ToString().TrimEnd('/')),
            ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"),
            // Export at once rather than at the SDK's default intervals (5 s spans, 60 s metrics).
            ("OTEL_BSP_SCHEDULE_DELAY", "200"),
            ("OTEL_METRIC_EXPORT_INTERVAL", "500"),
            ("Facade:Telemetry:ServiceName", "facade-otlp-test")));
        try
        {
            var layer = image.Layers[0];
            await facade.Client.GetByteArrayAsync("/v2/team/exported/manifests/v1");
            Assert.Equal(layer.Bytes, await facade.Client.GetByteArrayAsync($"/v2/team/exported/blobs/{layer.Digest}"));

            var timeout = TimeSpan.FromSeconds(30);
            // The fill's spans carry the digest they fetched; the resource names the service. Spans
            // end at different times, so each may come in a batch of its own.
            foreach (var span in new[] { "blob fill", "upstream fetch" })
                await receiver.WaitForAsync("traces", timeout, "facade-otlp-test", span, layer.Digest.Value);
            await receiver.WaitForAsync("metrics", timeout, "facade-otlp-test", "facade_bytes_served_total", "facade_requests_total");
        }
        finally
        {
            await facade.DisposeAndDeleteCacheAsync();
        }
    }
}
