using System.Net;
using Facade.Storage;
using Facade.TestSupport;
using Facade.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Facade.Tests.Mirror;

/// <summary>Cut transfers resume: a relay in front of a real registry cuts blob bodies mid-way.</summary>
public sealed class ResumeTests
{
    [Fact]
    public async Task A_blob_cut_mid_transfer_is_resumed_with_a_range_and_the_client_sees_no_error()
    {
        await using var registry = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { Quiet = true });
        var image = ImageGenerator.Image(new ImageSpec { Seed = 61, LayerSizes = [4 * 1024 * 1024], Gzip = false });
        using (var client = registry.CreateClient()) await image.PushAsync(client, "team/cut", "v1");
        await using var relay = await FaultRelay.CuttingAsync(registry.BaseUri, after: 1024 * 1024);
        var facade = await FacadeHost.StartAsync(FacadeHost.MirrorOf("local", relay.BaseUri, ("Facade:Timeouts:Attempts", "1")));
        try
        {
            var layer = image.Layers[0];
            using var response = await facade.Client.GetAsync($"/v2/team/cut/blobs/{layer.Digest}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(layer.Bytes, await response.Content.ReadAsByteArrayAsync());
            // The first GET was cut; the next asked for the rest from the byte reached.
            var ranges = relay.BlobRanges;
            Assert.Equal("", ranges[0]);
            Assert.Contains(ranges.Skip(1), r => r.StartsWith("bytes=", StringComparison.Ordinal) && r != "bytes=0-");
            Assert.Equal(layer.Bytes.Length, facade.Services.GetRequiredService<ContentStore>().BlobLength(layer.Digest));
        }
        finally
        {
            await facade.DisposeAndDeleteCacheAsync();
        }
    }
}
