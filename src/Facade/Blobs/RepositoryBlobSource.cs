using Facade.Upstreams;

namespace Facade.Blobs;

/// <summary>
/// A chain bound to the upstream repository that holds a blob, for blobs requested under another
/// name (a composed image's base and add-on layers): the request goes on as if asked there.
/// </summary>
internal sealed class RepositoryBlobSource(IBlobSource chain, UpstreamTarget target) : IBlobSource
{
    public UpstreamTarget Target { get; } = target;

    public Task<BlobContent?> OpenAsync(BlobRequest request, CancellationToken ct) =>
        chain.OpenAsync(request with { Target = Target }, ct);
}
