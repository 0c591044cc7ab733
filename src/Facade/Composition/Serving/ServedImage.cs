using Facade.Blobs;
using Facade.Shared.Composition;
using Facade.Shared.Oci;

namespace Facade.Composition.Serving;

/// <summary>
/// A composed image as served: its manifest, and the blob source of every blob the manifest
/// names (worked out once, when the image is cached).
/// </summary>
internal sealed record ServedImage(ComposedImage Image, IReadOnlyDictionary<Digest, IBlobSource> Blobs)
{
    public RawManifest Manifest { get; } = new(Image.Result.Manifest, Image.Result.ManifestMediaType, Image.Result.ManifestDigest);

    /// <summary>Approximate memory held: manifest, config, in-memory layers, and the source table.</summary>
    public long ApproximateBytes => Image.Result.Manifest.Length + Image.Result.Config.Length
        + Blobs.Values.Sum(o => o is MemoryBlobSource m ? m.Bytes.Length : 0) + 256L * (Blobs.Count + 1);

    /// <summary>Maps every digest of the composed manifest to its source.</summary>
    public static ServedImage Create(ComposedImage image, MirrorImageSource images)
    {
        var sources = new Dictionary<Digest, IBlobSource> { [image.Result.ConfigDigest] = new MemoryBlobSource(image.Result.Config) };
        var baseSource = images.SourceOf(image.BaseReference);
        foreach (var layer in ManifestDocument.Parse(image.Result.Manifest).Layers ?? [])
        {
            if (!Digest.TryParse(layer.Digest, out var digest) || sources.ContainsKey(digest)) continue;
            sources[digest] = image.Plan.FindLayer(digest) is { } addendum ? SourceOf(addendum, images) : baseSource;
        }
        return new ServedImage(image, sources);
    }

    private static IBlobSource SourceOf(Addendum addendum, MirrorImageSource images) => addendum.Origin switch
    {
        { Kind: LayerOriginKind.Image, Location: { } reference } => images.SourceOf(reference),
        { Kind: LayerOriginKind.Direct } origin => new MemoryBlobSource(origin.Content),
        { Kind: LayerOriginKind.Remote, Location: { } url } => new RedirectBlobSource(url),
        { Kind: LayerOriginKind.Other, Location: { } path } => new StaticFileBlobSource(path, addendum.Layer.Size),
        _ => throw new CompositionException($"layer {addendum.Layer.Digest} has no usable origin"),
    };
}
