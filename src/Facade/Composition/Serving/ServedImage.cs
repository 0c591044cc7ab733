using Facade.Shared.Composition;
using Facade.Shared.Oci;

namespace Facade.Composition.Serving;

/// <summary>
/// A composed image as served: its manifest, and where each blob the manifest names comes from
/// (worked out once, when the image is cached).
/// </summary>
internal sealed record ServedImage(ComposedImage Image, IReadOnlyDictionary<Digest, BlobOrigin> Blobs)
{
    public RawManifest Manifest { get; } = new(Image.Result.Manifest, Image.Result.ManifestMediaType, Image.Result.ManifestDigest);

    /// <summary>Approximate memory held: manifest, config, in-memory layers, and the origin table.</summary>
    public long ApproximateBytes => Image.Result.Manifest.Length + Image.Result.Config.Length
        + Blobs.Values.Sum(o => o is BlobOrigin.InMemory m ? m.Bytes.Length : 0) + 256L * (Blobs.Count + 1);

    /// <summary>Maps every digest of the composed manifest to its origin.</summary>
    public static ServedImage Create(ComposedImage image, MirrorImageSource images)
    {
        var origins = new Dictionary<Digest, BlobOrigin> { [image.Result.ConfigDigest] = new BlobOrigin.InMemory(image.Result.Config) };
        var baseOrigin = new BlobOrigin.Mirrored(images.TargetOf(image.BaseReference));
        foreach (var layer in ManifestDocument.Parse(image.Result.Manifest).Layers ?? [])
        {
            if (!Digest.TryParse(layer.Digest, out var digest) || origins.ContainsKey(digest)) continue;
            origins[digest] = image.Plan.FindLayer(digest) is { } addendum ? OriginOf(addendum, images) : baseOrigin;
        }
        return new ServedImage(image, origins);
    }

    private static BlobOrigin OriginOf(Addendum addendum, MirrorImageSource images) => addendum.Origin switch
    {
        { Kind: LayerOriginKind.Image, Location: { } reference } => new BlobOrigin.Mirrored(images.TargetOf(reference)),
        { Kind: LayerOriginKind.Direct } origin => new BlobOrigin.InMemory(origin.Content),
        { Kind: LayerOriginKind.Remote, Location: { } url } => new BlobOrigin.Redirect(url),
        { Kind: LayerOriginKind.Other, Location: { } path } => new BlobOrigin.LocalFile(path, addendum.Layer.Size),
        _ => throw new CompositionException($"layer {addendum.Layer.Digest} has no usable origin"),
    };
}
