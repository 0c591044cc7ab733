using Facade.Blobs;
using Facade.Http;
using Facade.Ipfs;
using Facade.Routing;
using Facade.Shared.Errors;
using Facade.Shared.Oci;

namespace Facade.Composition.Serving;

/// <summary>
/// Manifest and blob endpoints of composed names. A manifest by tag is composed (or found in the
/// cache); by digest it is exactly the cached composed manifest or 404. Every blob the manifest
/// names answers under the same name, from wherever it lives.
/// </summary>
internal sealed class CompositionEndpoints(
    CompositionService composer, CompositionCache cache, BlobResponder responder, IpfsManifestRewriter rewriter)
{
    public async Task ManifestAsync(HttpContext context, DistributionRoute route)
    {
        var platform = Platform(context);
        if (Digest.TryParse(route.Reference, out var digest))
        {
            var cached = cache.ByDigest(digest)?.Manifest ?? cache.Rewritten(digest)
                ?? await SharedManifestAsync(digest, context.RequestAborted).ConfigureAwait(false);
            if (cached is null && SpecProviderRouter.IsComposedName(route.Name))
            {
                // Not cached (a restart, an eviction): the current composition may be the one asked for.
                var current = await composer.ComposeAsync(route.Name, platform, context.RequestAborted).ConfigureAwait(false);
                cached = current.Manifest.Digest == digest ? current.Manifest : null;
            }
            if (cached is null)
            {
                await OciResults.WriteErrorAsync(context, new OciError(OciErrorCode.ManifestUnknown, $"no composed manifest {digest} for '{route.Name}'")).ConfigureAwait(false);
                return;
            }
            await ManifestResponder.WriteAsync(context, cached).ConfigureAwait(false);
            return;
        }
        var image = await composer.ComposeAsync(route.Name, platform, context.RequestAborted).ConfigureAwait(false);
        var manifest = await rewriter.PrepareAsync(image.Manifest, rewrite: true, context.RequestAborted).ConfigureAwait(false);
        if (manifest.Digest != image.Manifest.Digest) cache.AddRewritten(manifest);
        await ManifestResponder.WriteAsync(context, manifest).ConfigureAwait(false);
    }

    public async Task BlobAsync(HttpContext context, DistributionRoute route)
    {
        var digest = Digest.Parse(route.Reference);
        var source = cache.ByName(route.Name)?.Blobs.GetValueOrDefault(digest) ?? cache.FindBlob(digest);
        if (source is null && await composer.SharedAsync(digest, context.RequestAborted).ConfigureAwait(false) is { } doc && !MediaTypes.IsManifest(doc.MediaType))
            source = new MemoryBlobSource(doc.Content);
        if (source is null && SpecProviderRouter.IsComposedName(route.Name))
        {
            var image = await composer.ComposeAsync(route.Name, Platform(context), context.RequestAborted).ConfigureAwait(false);
            source = image.Blobs.GetValueOrDefault(digest);
        }
        var request = new BlobRequest(digest, null, BlobResponder.ReadOf(context.Request));
        using var content = source is null ? null : await source.OpenAsync(request, context.RequestAborted).ConfigureAwait(false);
        if (content is null)
        {
            await OciResults.WriteErrorAsync(context, new OciError(OciErrorCode.BlobUnknown, $"'{route.Name}' names no blob {digest}")).ConfigureAwait(false);
            return;
        }
        await responder.WriteAsync(context, digest, content).ConfigureAwait(false);
    }

    private async Task<RawManifest?> SharedManifestAsync(Digest digest, CancellationToken ct) =>
        await composer.SharedAsync(digest, ct).ConfigureAwait(false) is { } doc && MediaTypes.IsManifest(doc.MediaType)
            ? new RawManifest(doc.Content, doc.MediaType, digest)
            : null;

    private static string? Platform(HttpContext context) =>
        context.Request.Query.TryGetValue("platform", out var value) && value.Count > 0 ? value.ToString() : null;
}
