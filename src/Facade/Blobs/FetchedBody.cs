using Facade.Shared.Ipfs;

namespace Facade.Blobs;

/// <summary>
/// The body of a blob as a fill reads it: the stream, the whole blob's length when the origin
/// said, the origin it came from and, from IPFS, the CID it was read by. Disposing it releases
/// the response behind the stream.
/// </summary>
internal sealed class FetchedBody(Stream body, long? length, IFillOrigin origin, Cid? cid = null, IDisposable? owner = null) : IAsyncDisposable
{
    public Cid? Cid { get; } = cid;
    public Stream Body { get; } = body;
    public long? Length { get; } = length;
    public IFillOrigin Origin { get; } = origin;

    public async ValueTask DisposeAsync()
    {
        await Body.DisposeAsync().ConfigureAwait(false);
        owner?.Dispose();
    }
}
