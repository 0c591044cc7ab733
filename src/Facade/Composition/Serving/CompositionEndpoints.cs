using Facade.Blobs;
using Facade.Http;
using Facade.Ipfs;
using Facade.Routing;
using Facade.Shared.Errors;
using Facade.Shared.Oci;
using Microsoft.Win32.SafeHandles;

namespace Facade.Composition.Serving;

/// <summary>
/// Manifest and blob endpoints of composed names. A manifest by tag is composed (or found in the
/// cache); by digest it is exactly the cached composed manifest or 404. Every blob the manifest
/// names answers under the same name, from wherever it lives.
/// </summary>
internal sealed class CompositionEndpoints(
    CompositionService composer, CompositionCache cache, MirrorBlobs mirror, BlobResponder responder, IpfsManifestRewriter rewriter)
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
        var origin = cache.ByName(route.Name)?.Blobs.GetValueOrDefault(digest) ?? cache.FindBlob(digest);
        if (origin is null && await composer.SharedAsync(digest, context.RequestAborted).ConfigureAwait(false) is { } doc && !MediaTypes.IsManifest(doc.MediaType))
            origin = new BlobOrigin.InMemory(doc.Content);
        if (origin is null && SpecProviderRouter.IsComposedName(route.Name))
        {
            var image = await composer.ComposeAsync(route.Name, Platform(context), context.RequestAborted).ConfigureAwait(false);
            origin = image.Blobs.GetValueOrDefault(digest);
        }
        switch (origin)
        {
            case null:
                await OciResults.WriteErrorAsync(context, new OciError(OciErrorCode.BlobUnknown, $"'{route.Name}' names no blob {digest}")).ConfigureAwait(false);
                return;
            case BlobOrigin.Redirect redirect:
                context.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
                context.Response.Headers.Location = redirect.Url;
                context.Response.Headers["Docker-Content-Digest"] = digest.Value;
                return;
            case BlobOrigin.Mirrored mirrored when HttpMethods.IsHead(context.Request.Method):
                var length = await mirror.LengthAsync(mirrored.Target, digest, context.RequestAborted).ConfigureAwait(false);
                if (BlobResponder.WriteHeaders(context, digest, length, out _) is { } error)
                    await BlobResponder.WriteRangeErrorAsync(context, error, length).ConfigureAwait(false);
                return;
            default:
                using (var content = await OpenAsync(origin, digest, context.RequestAborted).ConfigureAwait(false))
                    await responder.WriteAsync(context, digest, content).ConfigureAwait(false);
                return;
        }
    }

    private async Task<RawManifest?> SharedManifestAsync(Digest digest, CancellationToken ct) =>
        await composer.SharedAsync(digest, ct).ConfigureAwait(false) is { } doc && MediaTypes.IsManifest(doc.MediaType)
            ? new RawManifest(doc.Content, doc.MediaType, digest)
            : null;

    private async Task<BlobContent> OpenAsync(BlobOrigin origin, Digest digest, CancellationToken ct) => origin switch
    {
        BlobOrigin.Mirrored mirrored => await mirror.OpenAsync(mirrored.Target, digest, ct).ConfigureAwait(false),
        BlobOrigin.InMemory memory => new MemoryBlobContent(memory.Bytes, "composed"),
        BlobOrigin.LocalFile file => new FileBlobContent(OpenFile(file.Path), file.Length, "static"),
        _ => throw new InvalidOperationException($"blob origin {origin.GetType().Name} cannot be opened"),
    };

    private static SafeFileHandle OpenFile(string path) =>
        File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.Asynchronous);

    private static string? Platform(HttpContext context) =>
        context.Request.Query.TryGetValue("platform", out var value) && value.Count > 0 ? value.ToString() : null;
}
