using System.IO.Pipelines;
using Facade.Blobs;
using Facade.Manifests;
using Facade.Shared.Composition;
using Facade.Shared.Errors;
using Facade.Shared.Oci;
using Facade.Upstreams;

namespace Facade.Composition.Serving;

/// <summary>
/// Composition reads images through the mirror: a reference's registry must be a configured
/// upstream (by name or host:port, which gives scheme and credentials), manifests come from the
/// manifest cache, configs through the same cached, verified blob path as any other blob.
/// </summary>
internal sealed class MirrorImageSource(UpstreamCatalog catalog, ManifestService manifests, BlobChain blobs, RepositoryHoldings holdings) : IImageSource
{
    private const int MaxConfigBytes = 8 * 1024 * 1024;

    /// <summary>The upstream and repository of a reference; throws <see cref="CompositionException"/> when none serves it.</summary>
    public UpstreamTarget TargetOf(string reference) => Resolve(reference).Target;

    /// <summary>The mirror's chain bound to a reference's repository, for blobs served under another name.</summary>
    public IBlobSource SourceOf(string reference) => new RepositoryBlobSource(blobs, TargetOf(reference));

    public async Task<FetchedManifest> GetManifestAsync(string reference, CancellationToken cancellationToken)
    {
        var (target, parsed) = Resolve(reference);
        var manifest = await manifests.GetAsync(target, parsed.Identifier, cancellationToken).ConfigureAwait(false);
        await holdings.RecordManifestAsync(target, manifest).ConfigureAwait(false);
        return new FetchedManifest(manifest.Bytes, manifest.MediaType);
    }

    public async Task<ReadOnlyMemory<byte>> GetBlobAsync(string reference, Digest digest, CancellationToken cancellationToken)
    {
        var target = TargetOf(reference);
        using var content = await blobs.OpenAsync(new BlobRequest(digest, target, BlobRead.Whole), cancellationToken).ConfigureAwait(false)
            ?? throw new CompositionException($"no source has blob {digest} of '{reference}'");
        if (content.Length is not { } length || length > MaxConfigBytes)
            throw new CompositionException($"blob {digest} of '{reference}' is not a config of at most {MaxConfigBytes} bytes");
        var buffer = new MemoryStream((int)length);
        var writer = PipeWriter.Create(buffer, new StreamPipeWriterOptions(leaveOpen: true));
        await content.CopyToAsync(new ByteRange(0, length), writer, cancellationToken).ConfigureAwait(false);
        await writer.CompleteAsync().ConfigureAwait(false);
        return buffer.ToArray();
    }

    private (UpstreamTarget Target, Reference Parsed) Resolve(string reference)
    {
        if (!Reference.TryParse(reference, out var parsed, out var error))
            throw new CompositionException($"invalid image reference '{reference}': {error}");
        var upstream = catalog.FindOrCreate(parsed.Registry)
            ?? throw new CompositionException($"registry '{parsed.Registry}' of '{reference}' is not a configured upstream");
        return (new UpstreamTarget(upstream, parsed.Repository), parsed);
    }
}
