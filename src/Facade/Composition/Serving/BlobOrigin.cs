using Facade.Upstreams;

namespace Facade.Composition.Serving;

/// <summary>Where one blob of a composed image lives.</summary>
internal abstract record BlobOrigin
{
    /// <summary>A blob of a registry image, served through the mirror (cache, single flight, verification).</summary>
    public sealed record Mirrored(UpstreamTarget Target) : BlobOrigin;

    /// <summary>Bytes the facade holds: the composed config, a direct content layer.</summary>
    public sealed record InMemory(ReadOnlyMemory<byte> Bytes) : BlobOrigin;

    /// <summary>A configured local layer file.</summary>
    public sealed record LocalFile(string Path, long Length) : BlobOrigin;

    /// <summary>A remote content layer: clients are redirected to its URL.</summary>
    public sealed record Redirect(string Url) : BlobOrigin;
}
