using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Facade.Shared.Oci;

namespace Facade.Tests.Composition;

/// <summary>Generates small images with random layers and pushes them to a test registry.</summary>
internal sealed class TestImagePusher(RegistryImageSource registry)
{
    public sealed record Pushed(byte[] Manifest, Digest Digest, Digest[] Layers);

    public async Task<Pushed> PushImageAsync(string repository, string tag, string architecture, int layers,
        string[]? env = null, IReadOnlyDictionary<string, string>? labels = null)
    {
        var layerDigests = new Digest[layers];
        var diffIds = new Digest[layers];
        for (var i = 0; i < layers; i++)
        {
            var content = RandomNumberGenerator.GetBytes(64 + i);
            layerDigests[i] = await registry.PushBlobAsync(repository, content);
            diffIds[i] = layerDigests[i];
        }
        var config = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["architecture"] = architecture,
            ["os"] = "linux",
            ["config"] = new Dictionary<string, object> { ["Env"] = env ?? [], ["Labels"] = labels ?? new Dictionary<string, string>() },
            ["rootfs"] = new Dictionary<string, object> { ["type"] = "layers", ["diff_ids"] = diffIds.Select(d => d.Value).ToArray() },
        });
        var configDigest = await registry.PushBlobAsync(repository, config);
        var layerJson = string.Join(",", layerDigests.Select((d, i) =>
            $"{{\"mediaType\":\"{MediaTypes.OciLayer}\",\"digest\":\"{d}\",\"size\":{64 + i}}}"));
        var manifest = Encoding.UTF8.GetBytes(
            $"{{\"schemaVersion\":2,\"mediaType\":\"{MediaTypes.OciManifest}\",\"config\":{{\"mediaType\":\"{MediaTypes.OciConfig}\",\"digest\":\"{configDigest}\",\"size\":{config.Length}}},\"layers\":[{layerJson}]}}");
        var digest = await registry.PushManifestAsync(repository, tag, manifest, MediaTypes.OciManifest);
        return new Pushed(manifest, digest, layerDigests);
    }

    public async Task PushIndexAsync(string repository, string tag, params (Pushed Image, string Architecture)[] entries)
    {
        var manifests = string.Join(",", entries.Select(e =>
            $"{{\"mediaType\":\"{MediaTypes.OciManifest}\",\"digest\":\"{e.Image.Digest}\",\"size\":{e.Image.Manifest.Length},\"platform\":{{\"os\":\"linux\",\"architecture\":\"{e.Architecture}\"}}}}"));
        var index = Encoding.UTF8.GetBytes($"{{\"schemaVersion\":2,\"mediaType\":\"{MediaTypes.OciIndex}\",\"manifests\":[{manifests}]}}");
        await registry.PushManifestAsync(repository, tag, index, MediaTypes.OciIndex);
    }
}
