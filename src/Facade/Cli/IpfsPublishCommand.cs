using System.IO.Pipelines;
using Facade.Blobs;
using Facade.Hosting;
using Facade.Ipfs;
using Facade.Manifests;
using Facade.Redis;
using Facade.Shared.Oci;
using Facade.Storage;
using Facade.Upstreams;
using Microsoft.Extensions.Options;

namespace Facade.Cli;

/// <summary>
/// <c>ipfs-publish &lt;image-ref&gt;</c>: pre-seeds IPFS with every layer of an image (every
/// platform of an index), pulling through the facade's own mirror path (so the disk cache is
/// warmed and every byte verified) and recording each CID in Redis. Uses the facade's
/// configuration (upstreams, cache, Redis, IPFS); prints progress per layer.
/// </summary>
internal static class IpfsPublishCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors)
    {
        if (args.Length == 0 || args[0].StartsWith('-'))
        {
            errors.WriteLine("usage: Facade ipfs-publish <image-ref> [configuration arguments]");
            return 2;
        }
        if (!Reference.TryParse(args[0], out var reference, out var error))
        {
            errors.WriteLine(error);
            return 2;
        }
        await using var app = FacadeApp.Build(args[1..]);
        var services = app.Services;
        var ipfs = services.GetRequiredService<IOptions<IpfsOptions>>().Value;
        var redis = services.GetRequiredService<IOptions<RedisOptions>>().Value;
        if (string.IsNullOrEmpty(ipfs.Api) || !redis.Enabled)
        {
            errors.WriteLine("ipfs-publish needs Facade:Ipfs:Api and Facade:Redis:Configuration");
            return 2;
        }
        var upstream = services.GetRequiredService<UpstreamCatalog>().Find(reference.Registry);
        if (upstream is null)
        {
            errors.WriteLine($"registry '{reference.Registry}' is not a configured upstream");
            return 2;
        }
        var target = new UpstreamTarget(upstream, reference.Repository);
        try
        {
            var layers = await LayersAsync(services.GetRequiredService<ManifestService>(), target, reference.Identifier);
            return await PublishAllAsync(services, target, layers, output, errors);
        }
        catch (UpstreamException e)
        {
            errors.WriteLine($"cannot read {reference}: {e.Error.Message}");
            return 1;
        }
    }

    private static async Task<List<Descriptor>> LayersAsync(ManifestService manifests, UpstreamTarget target, string identifier)
    {
        var top = await manifests.GetAsync(target, identifier, CancellationToken.None);
        var images = new List<RawManifest>();
        if (MediaTypes.IsIndex(top.MediaType))
        {
            foreach (var entry in ManifestDocument.Parse(top.Bytes.Span).Manifests ?? [])
                if (MediaTypes.IsImageManifest(entry.MediaType))
                    images.Add(await manifests.GetAsync(target, entry.Digest, CancellationToken.None));
        }
        else
        {
            images.Add(top);
        }
        return images.SelectMany(m => ManifestDocument.Parse(m.Bytes.Span).Layers ?? [])
            .DistinctBy(l => l.Digest).ToList();
    }

    private static async Task<int> PublishAllAsync(IServiceProvider services, UpstreamTarget target, List<Descriptor> layers, TextWriter output, TextWriter errors)
    {
        var blobs = services.GetRequiredService<BlobChain>();
        var store = services.GetRequiredService<ContentStore>();
        var publisher = services.GetRequiredService<IpfsPublisher>();
        var failed = 0;
        for (var i = 0; i < layers.Count; i++)
        {
            var layer = layers[i];
            var prefix = $"[{i + 1}/{layers.Count}] {layer.Digest} ({layer.Size} bytes)";
            if (!Digest.TryParse(layer.Digest, out var digest))
            {
                errors.WriteLine($"{prefix}: invalid digest");
                failed++;
                continue;
            }
            using (var content = await blobs.OpenAsync(new BlobRequest(digest, target, BlobRead.Whole), CancellationToken.None))
            {
                if (content is null) { errors.WriteLine($"{prefix}: no source has it"); failed++; continue; }
                // Reading it through commits it to the disk cache, verified.
                await content.CopyToAsync(null, PipeWriter.Create(Stream.Null), CancellationToken.None);
            }
            using var handle = store.TryOpenBlob(digest, out _);
            if (handle is null)
            {
                errors.WriteLine($"{prefix}: not in the cache after fetching (cache too small?)");
                failed++;
                continue;
            }
            await using var file = new FileStream(handle, FileAccess.Read, 1, isAsync: true);
            var cid = await publisher.PublishAsync(digest, layer.MediaType, file, CancellationToken.None);
            if (cid is null) failed++;
            output.WriteLine(cid is null ? $"{prefix}: FAILED (see log)" : $"{prefix} -> {cid}");
        }
        output.WriteLine($"{layers.Count - failed} of {layers.Count} layers published");
        return failed == 0 ? 0 : 1;
    }
}
