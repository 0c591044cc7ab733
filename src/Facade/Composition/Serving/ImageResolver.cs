using System.IO.Pipelines;
using Facade.Blobs;
using Facade.Manifests;
using Facade.Shared.Composition;
using Facade.Shared.Errors;
using Facade.Shared.Oci;
using Facade.Upstreams;

namespace Facade.Composition.Serving;

/// <summary>
/// Resolves an image reference from a spec through the mirror: the reference's registry must be
/// a configured upstream (by name or host:port, which gives scheme and credentials); an index
/// resolves to the requested platform's manifest; the config is read whole (it is small and
/// capped) through the same cached, verified blob path as any other blob.
/// </summary>
internal sealed class ImageResolver(UpstreamCatalog catalog, ManifestService manifests, MirrorBlobs blobs)
{
    private const int MaxConfigBytes = 8 * 1024 * 1024;

    public async Task<ResolvedImage> ResolveAsync(string reference, Platform platform, CancellationToken ct)
    {
        if (!Reference.TryParse(reference, out var parsed, out var error))
            throw new CompositionException($"invalid image reference '{reference}': {error}");
        var upstream = catalog.Find(parsed.Registry)
            ?? throw new CompositionException($"registry '{parsed.Registry}' of '{reference}' is not a configured upstream");
        var target = new UpstreamTarget(upstream, parsed.Repository);
        var manifest = await manifests.GetAsync(target, parsed.Identifier, ct).ConfigureAwait(false);
        if (MediaTypes.IsIndex(manifest.MediaType))
        {
            var picked = PlatformPicker.Pick(manifest.Bytes, platform);
            manifest = await manifests.GetAsync(target, picked.Digest.Value, ct).ConfigureAwait(false);
        }
        if (!MediaTypes.IsImageManifest(manifest.MediaType))
            throw new CompositionException($"'{reference}' is {manifest.MediaType}, not an image manifest");
        var document = ManifestDocument.Parse(manifest.Bytes.Span);
        if (document.Config is null || !Digest.TryParse(document.Config.Digest, out var configDigest))
            throw new CompositionException($"'{reference}' has no valid config descriptor");
        if (document.Config.Size is < 0 or > MaxConfigBytes)
            throw new CompositionException($"the config of '{reference}' is larger than {MaxConfigBytes} bytes");
        var config = await ReadConfigAsync(target, configDigest, document.Config.Size, ct).ConfigureAwait(false);
        return new ResolvedImage(reference, target, manifest, config);
    }

    private async Task<byte[]> ReadConfigAsync(UpstreamTarget target, Digest digest, long size, CancellationToken ct)
    {
        using var content = await blobs.OpenAsync(target, digest, ct).ConfigureAwait(false);
        if (content.Length is { } length && length != size)
            throw new UpstreamException(new OciError(OciErrorCode.BadGateway, $"config {digest} is {length} bytes, its descriptor says {size}"));
        var buffer = new MemoryStream((int)size);
        var writer = PipeWriter.Create(buffer, new StreamPipeWriterOptions(leaveOpen: true));
        await content.CopyToAsync(new ByteRange(0, size), writer, ct).ConfigureAwait(false);
        await writer.CompleteAsync().ConfigureAwait(false);
        var bytes = buffer.ToArray();
        if (!digest.Matches(bytes)) throw new UpstreamException(new OciError(OciErrorCode.BadGateway, $"config {digest} does not match its digest"));
        return bytes;
    }
}
