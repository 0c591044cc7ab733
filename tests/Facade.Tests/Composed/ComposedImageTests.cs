using System.Net;
using System.Text.Json;
using Facade.Shared.Oci;
using Facade.TestSupport;

namespace Facade.Tests.Composed;

/// <summary>Composed images served end to end from a real registry and real spec providers.</summary>
public sealed class ComposedImageTests(ComposedFixture fixture) : IClassFixture<ComposedFixture>
{
    private HttpClient Client => fixture.Facade.Client;

    [Theory]
    [InlineData("fixed/ws1")]
    [InlineData("remote/ws-remote")]
    public async Task Composed_manifest_has_base_addon_and_content_layers_in_order(string name)
    {
        using var response = await Client.GetAsync($"/v2/{name}/manifests/latest");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Digest.Sha256Of(bytes).Value, response.Headers.GetValues("Docker-Content-Digest").Single());
        var manifest = ManifestDocument.Parse(bytes);
        var expected = fixture.Base.Layers.Select(l => l.Digest.Value)
            .Concat(fixture.Ide.Layers.Skip(1).Select(l => l.Digest.Value))
            .Concat(fixture.Supervisor.Layers.Select(l => l.Digest.Value))
            .Append(Digest.Sha256Of(fixture.DirectContent).Value);
        Assert.Equal(expected, manifest.Layers!.Select(l => l.Digest));
        Assert.Equal(fixture.Base.Layers.Sum(l => l.Size).ToString(), manifest.Annotations!["io.gitpod.workspace-image.size"]);
        Assert.Equal($"{fixture.Registry.Authority}/base/app:v1", manifest.Annotations["io.gitpod.workspace-image.ref"]);
        Assert.Equal(MediaTypes.OciLayer, manifest.Layers![^1].MediaType);
    }

    [Fact]
    public async Task Composed_config_carries_diff_ids_history_and_env_modifiers()
    {
        var manifest = ManifestDocument.Parse(await Client.GetByteArrayAsync("/v2/fixed/ws1/manifests/latest"));
        var config = await Client.GetByteArrayAsync($"/v2/fixed/ws1/blobs/{manifest.Config!.Digest}");
        Assert.Equal(manifest.Config.Digest, Digest.Sha256Of(config).Value);
        using var json = JsonDocument.Parse(config);
        var env = json.RootElement.GetProperty("config").GetProperty("Env").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal(["PATH=/ide/bin:/usr/bin", "LANG=C.UTF-8", "EDITOR=code"], env);
        var diffIds = json.RootElement.GetProperty("rootfs").GetProperty("diff_ids").GetArrayLength();
        Assert.Equal(manifest.Layers!.Count, diffIds);
        Assert.Equal(Digest.Sha256Of(fixture.DirectContent).Value, json.RootElement.GetProperty("rootfs").GetProperty("diff_ids")[diffIds - 1].GetString());
    }

    [Fact]
    public async Task Every_blob_answers_head_and_get_under_the_composed_name()
    {
        var manifest = ManifestDocument.Parse(await Client.GetByteArrayAsync("/v2/fixed/ws1/manifests/latest"));
        foreach (var descriptor in manifest.Layers!.Append(manifest.Config!))
        {
            var path = $"/v2/fixed/ws1/blobs/{descriptor.Digest}";
            using var head = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
            Assert.Equal(HttpStatusCode.OK, head.StatusCode);
            Assert.Equal(descriptor.Size, head.Content.Headers.ContentLength);
            var bytes = await Client.GetByteArrayAsync(path);
            Assert.Equal(descriptor.Digest, Digest.Sha256Of(bytes).Value);
        }
    }

    [Fact]
    public async Task By_digest_returns_exactly_the_composed_bytes_or_404()
    {
        var bytes = await Client.GetByteArrayAsync("/v2/fixed/ws1/manifests/latest");
        Assert.Equal(bytes, await Client.GetByteArrayAsync($"/v2/fixed/ws1/manifests/{Digest.Sha256Of(bytes)}"));
        using var other = await Client.GetAsync($"/v2/fixed/ws1/manifests/{fixture.Base.Digest}");
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Contains("MANIFEST_UNKNOWN", await other.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Composition_is_deterministic_and_tag_independent()
    {
        var first = await Client.GetByteArrayAsync("/v2/fixed/ws1/manifests/latest");
        var second = await Client.GetByteArrayAsync("/v2/fixed/ws1/manifests/any-tag");
        Assert.Equal(first, second);
        Assert.Equal(Digest.Sha256Of(first), Digest.Sha256Of(await Client.GetByteArrayAsync("/v2/remote/ws-remote/manifests/x")));
    }

    [Fact]
    public async Task Multi_platform_base_resolves_to_the_requested_platform()
    {
        var amd64 = ManifestDocument.Parse(await Client.GetByteArrayAsync("/v2/fixed/multi/manifests/latest"));
        Assert.Equal(fixture.MultiBase.Images[0].Layers[0].Digest.Value, amd64.Layers![0].Digest);
        var arm64 = ManifestDocument.Parse(await Client.GetByteArrayAsync("/v2/fixed/multi/manifests/latest?platform=linux/arm64"));
        Assert.Equal(fixture.MultiBase.Images[1].Layers[0].Digest.Value, arm64.Layers![0].Digest);
        using var missing = await Client.GetAsync("/v2/fixed/multi/manifests/latest?platform=linux/s390x");
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
    }

    [Theory]
    [InlineData("/v2/fixed/nope/manifests/latest")]
    [InlineData("/v2/remote/nope/manifests/latest")]
    public async Task Unknown_ids_are_manifest_unknown(string path)
    {
        using var response = await Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("MANIFEST_UNKNOWN", await response.Content.ReadAsStringAsync());
    }

    [RequiresToolFact("skopeo")]
    public async Task Skopeo_copies_fixed_and_remote_composed_images_verifying_every_blob()
    {
        using var dir = new TempDir("skopeo-composed");
        foreach (var name in new[] { "fixed/ws1", "remote/ws-remote" })
        {
            var result = await Tool.RunAsync("skopeo", ["copy", "--src-tls-verify=false", "--retry-times", "0",
                $"docker://{fixture.Facade.Authority}/{name}:latest", $"oci:{dir[name.Replace('/', '-')]}:latest"], TimeSpan.FromMinutes(2));
            result.EnsureSuccess();
        }
    }

    [Fact]
    public async Task Spec_change_gives_a_new_digest_and_the_old_one_stays_servable()
    {
        fixture.WriteFixedSpecs(("ws1", fixture.Spec("base/app:v1")), ("multi", fixture.Spec("base/multi:v1")), ("ws2", fixture.Spec("base/app:v1")));
        var before = await Client.GetByteArrayAsync("/v2/fixed/ws2/manifests/latest");
        fixture.WriteFixedSpecs(("ws1", fixture.Spec("base/app:v1")), ("multi", fixture.Spec("base/multi:v1")), ("ws2", fixture.Spec("base/app:v2")));
        var after = await Client.GetByteArrayAsync("/v2/fixed/ws2/manifests/latest");
        Assert.NotEqual(Digest.Sha256Of(before), Digest.Sha256Of(after));
        Assert.Equal(MediaTypes.DockerManifest, ManifestDocument.Parse(after).MediaType);
        Assert.Equal(before, await Client.GetByteArrayAsync($"/v2/fixed/ws2/manifests/{Digest.Sha256Of(before)}"));
        var oldConfig = ManifestDocument.Parse(before).Config!.Digest;
        Assert.Equal(oldConfig, Digest.Sha256Of(await Client.GetByteArrayAsync($"/v2/fixed/ws2/blobs/{oldConfig}")).Value);
    }

    [RequiresToolFact("containerd", "ctr", Root = true)]
    public async Task Containerd_pulls_and_unpacks_a_composed_image_with_the_composed_env()
    {
        await using var containerd = await ContainerdHost.StartAsync();
        containerd.ConfigureHost(fixture.Facade.Authority, fixture.Facade.Address);
        var reference = $"{fixture.Facade.Authority}/fixed/ws1:latest";
        var pull = await containerd.PullAsync(reference);
        Assert.True(pull.Succeeded, pull.StandardError + pull.StandardOutput);
        Assert.NotEmpty(containerd.FindUnpackedFile("workspace/README.txt"));
        Assert.NotEmpty(containerd.FindUnpackedFile("facade/layer-1.txt"));
        var manifest = ManifestDocument.Parse(await Client.GetByteArrayAsync("/v2/fixed/ws1/manifests/latest"));
        var config = await containerd.CtrAsync("content", "get", manifest.Config!.Digest);
        Assert.True(config.Succeeded, config.StandardError);
        Assert.Contains("EDITOR=code", config.StandardOutput);
    }

    [Fact]
    public async Task Gitpod_form_with_the_id_as_tag_serves_the_same_image_and_its_blobs()
    {
        var bytes = await Client.GetByteArrayAsync("/v2/fixed/manifests/ws1");
        Assert.Equal(await Client.GetByteArrayAsync("/v2/fixed/ws1/manifests/latest"), bytes);
        var digest = Digest.Sha256Of(bytes);
        Assert.Equal(bytes, await Client.GetByteArrayAsync($"/v2/fixed/manifests/{digest}"));
        var manifest = ManifestDocument.Parse(bytes);
        foreach (var descriptor in manifest.Layers!.Append(manifest.Config!))
            Assert.Equal(descriptor.Digest, Digest.Sha256Of(await Client.GetByteArrayAsync($"/v2/fixed/blobs/{descriptor.Digest}")).Value);
        using var unknown = await Client.GetAsync("/v2/fixed/blobs/sha256:0000000000000000000000000000000000000000000000000000000000000000");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("BLOB_UNKNOWN", await unknown.Content.ReadAsStringAsync());
    }
}
