using System.Net;
using System.Text.Json;
using Facade.Shared.Oci;
using Facade.TestSupport;
using Facade.Tests.Infrastructure;
using RedisServer = Facade.Tests.Redis.RedisServer;

namespace Facade.Tests.Replicas;

/// <summary>
/// Deletes passed through one of two facade replicas sharing a real Redis, in front of a real
/// distribution registry. The specification says content that was deleted answers 404; with a
/// load balancer in front, the very next request may land on the other replica, so both must.
/// </summary>
public sealed class DeleteTests : IAsyncLifetime
{
    private readonly RedisServer _redis = new();
    private readonly TempDir _dir = new("replica-deletes");
    private DistributionRegistry _registry = null!;
    private FacadeHost _a = null!;
    private FacadeHost _b = null!;

    public async Task InitializeAsync()
    {
        await _redis.InitializeAsync();
        _registry = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { Quiet = true });
        var specs = _dir.WriteFile("specs.json", "{\"built\": {\"baseRef\": \"" + _registry.Authority + "/team/base:v1\"}}");
        _a = await StartAsync(("Facade:Composition:FixedSpecFile", specs));
        _b = await StartAsync();
    }

    // A tag TTL of a minute: without deletion reaching them, cached tags would keep answering.
    private Task<FacadeHost> StartAsync(params (string Key, string Value)[] extra) =>
        FacadeHost.StartAsync(FacadeHost.MirrorOf("local", _registry.BaseUri,
            [("Facade:Upstreams:local:Writable", "true"), ("Facade:Push:Enabled", "true"), ("Facade:Auth:AllowAnonymousPush", "true"),
             ("Facade:Redis:Configuration", _redis.Configuration), ("Facade:Redis:OperationTimeout", "00:00:05"),
             ("Facade:Cache:TagTtl", "00:01:00"), .. extra]));

    [Fact]
    public async Task A_manifest_deleted_through_one_replica_is_unknown_on_both_at_once()
    {
        var image = ImageGenerator.Image(new ImageSpec { Seed = 701, LayerSizes = [5_000] });
        await image.PushAsync(_registry.CreateClient(), "team/gone", "v1");
        foreach (var facade in new[] { _a, _b })
        {
            Assert.Equal(image.ManifestBytes, await facade.Client.GetByteArrayAsync("/v2/team/gone/manifests/v1"));
            Assert.Equal(image.ManifestBytes, await facade.Client.GetByteArrayAsync($"/v2/team/gone/manifests/{image.Digest}"));
            Assert.True(File.Exists(ManifestFile(facade, image.Digest)));
        }

        using var deleted = await _a.Client.DeleteAsync($"/v2/team/gone/manifests/{image.Digest}");
        Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);

        foreach (var facade in new[] { _b, _a })
        {
            await AssertUnknownAsync(facade, HttpMethod.Head, $"/v2/team/gone/manifests/{image.Digest}", null);
            await AssertUnknownAsync(facade, HttpMethod.Get, $"/v2/team/gone/manifests/{image.Digest}", "MANIFEST_UNKNOWN");
            // Distribution deletes the tags of a deleted manifest; the cached resolution must not outlive them.
            await AssertUnknownAsync(facade, HttpMethod.Get, "/v2/team/gone/manifests/v1", "MANIFEST_UNKNOWN");
            Assert.False(File.Exists(ManifestFile(facade, image.Digest)), "the cached copy is removed from disk");
        }
    }

    [Fact]
    public async Task A_blob_deleted_through_one_replica_is_unknown_on_both_at_once()
    {
        var image = ImageGenerator.Image(new ImageSpec { Seed = 702, LayerSizes = [30_000] });
        await image.PushAsync(_registry.CreateClient(), "team/blobgone", "v1");
        var layer = image.Layers[0];
        foreach (var facade in new[] { _a, _b })
            Assert.Equal(layer.Bytes, await facade.Client.GetByteArrayAsync($"/v2/team/blobgone/blobs/{layer.Digest}"));

        using var deleted = await _b.Client.DeleteAsync($"/v2/team/blobgone/blobs/{layer.Digest}");
        Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);

        foreach (var facade in new[] { _a, _b })
        {
            await AssertUnknownAsync(facade, HttpMethod.Head, $"/v2/team/blobgone/blobs/{layer.Digest}", null);
            await AssertUnknownAsync(facade, HttpMethod.Get, $"/v2/team/blobgone/blobs/{layer.Digest}", "BLOB_UNKNOWN");
            Assert.False(File.Exists(Path.Combine(facade.CacheDirectory, "blobs", "sha256", layer.Digest.Encoded)));
        }
    }

    [Fact]
    public async Task A_delete_the_upstream_refuses_changes_nothing()
    {
        var image = ImageGenerator.Image(new ImageSpec { Seed = 703, LayerSizes = [4_000] });
        await image.PushAsync(_registry.CreateClient(), "team/kept", "v1");
        foreach (var facade in new[] { _a, _b })
            Assert.Equal(image.ManifestBytes, await facade.Client.GetByteArrayAsync("/v2/team/kept/manifests/v1"));

        // Distribution 2.8 cannot delete a tag: it refuses, and the facade reports that.
        using var refused = await _a.Client.DeleteAsync("/v2/team/kept/manifests/v1");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, refused.StatusCode);

        foreach (var facade in new[] { _a, _b })
        {
            Assert.True(File.Exists(ManifestFile(facade, image.Digest)), "a refused delete leaves the cache alone");
            Assert.Equal(image.ManifestBytes, await facade.Client.GetByteArrayAsync("/v2/team/kept/manifests/v1"));
            Assert.Equal(image.ManifestBytes, await facade.Client.GetByteArrayAsync($"/v2/team/kept/manifests/{image.Digest}"));
        }
    }

    [Fact]
    public async Task A_composed_image_built_on_a_deleted_manifest_is_gone_from_both_replicas()
    {
        var image = ImageGenerator.Image(new ImageSpec { Seed = 704, LayerSizes = [3_000] });
        await image.PushAsync(_registry.CreateClient(), "team/base", "v1");
        var composed = await _a.Client.GetByteArrayAsync("/v2/fixed/built/manifests/latest");
        var digest = Digest.Sha256Of(composed);
        // B cannot compose it (no spec file) but serves it by digest from the shared state.
        Assert.Equal(composed, await _b.Client.GetByteArrayAsync($"/v2/fixed/built/manifests/{digest}"));

        using var deleted = await _b.Client.DeleteAsync($"/v2/team/base/manifests/{image.Digest}");
        Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);

        await AssertUnknownAsync(_b, HttpMethod.Get, $"/v2/fixed/built/manifests/{digest}", "MANIFEST_UNKNOWN");
        await AssertUnknownAsync(_a, HttpMethod.Get, $"/v2/fixed/built/manifests/{digest}", "MANIFEST_UNKNOWN");
    }

    private static string ManifestFile(FacadeHost facade, Digest digest) =>
        Path.Combine(facade.CacheDirectory, "manifests", "sha256", digest.Encoded);

    private static async Task AssertUnknownAsync(FacadeHost facade, HttpMethod method, string path, string? code)
    {
        using var response = await facade.Client.SendAsync(new HttpRequestMessage(method, path));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        if (code is null) return;
        using var envelope = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(code, envelope.RootElement.GetProperty("errors")[0].GetProperty("code").GetString());
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAndDeleteCacheAsync();
        await _b.DisposeAndDeleteCacheAsync();
        await _registry.DisposeAsync();
        await _redis.DisposeAsync();
        _dir.Dispose();
    }
}
