namespace Facade.Blobs;

/// <summary>
/// Sources asked in order; the first that has the blob answers. The mirror's chain is built
/// from configuration by <see cref="BlobsServiceCollectionExtensions"/>.
/// </summary>
internal sealed class BlobChain(IReadOnlyList<IBlobSource> sources) : IBlobSource
{
    /// <summary>The links, in the order they are asked.</summary>
    public IReadOnlyList<IBlobSource> Sources { get; } = sources;

    public async Task<BlobContent?> OpenAsync(BlobRequest request, CancellationToken ct)
    {
        foreach (var source in Sources)
            if (await source.OpenAsync(request, ct).ConfigureAwait(false) is { } content) return content;
        return null;
    }
}
