namespace Facade.Shared.Composition;

/// <summary>
/// Where a composed image's appended layer comes from, so that a blob request for its digest can
/// be answered. Not part of the composed bytes: it never changes a digest.
/// </summary>
/// <param name="Kind">The kind of source.</param>
/// <param name="Location">The image reference (<see cref="LayerOriginKind.Image"/>), the URL (<see cref="LayerOriginKind.Remote"/>) or a caller-defined name.</param>
/// <param name="Content">The bytes of a <see cref="LayerOriginKind.Direct"/> layer.</param>
public sealed record LayerOrigin(LayerOriginKind Kind, string? Location, ReadOnlyMemory<byte> Content = default)
{
    /// <summary>A layer of the image <paramref name="imageRef"/>.</summary>
    public static LayerOrigin Image(string imageRef) => new(LayerOriginKind.Image, imageRef);

    /// <summary>A layer whose bytes are <paramref name="content"/>.</summary>
    public static LayerOrigin Direct(ReadOnlyMemory<byte> content) => new(LayerOriginKind.Direct, null, content);

    /// <summary>A layer stored at <paramref name="url"/>.</summary>
    public static LayerOrigin Remote(string url) => new(LayerOriginKind.Remote, url);
}
