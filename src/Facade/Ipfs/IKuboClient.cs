using Facade.Shared.Ipfs;

namespace Facade.Ipfs;

/// <summary>
/// The IPFS node's RPC API (Kubo's, also served by js-ipfs) as the facade uses it. Every method
/// throws <see cref="IpfsException"/> on any failure and nothing else (cancellation by the
/// caller's token aside).
/// </summary>
internal interface IKuboClient
{
    /// <summary>Adds and pins <paramref name="content"/>, streamed, with the facade's fixed import parameters.</summary>
    Task<IpfsAddResult> AddAsync(Stream content, CancellationToken cancellationToken);

    /// <summary>
    /// Opens the file's bytes from <paramref name="offset"/>, at most <paramref name="length"/> of
    /// them (all when null). The caller reads and disposes the stream; each read is time-limited.
    /// </summary>
    Task<Stream> CatAsync(Cid cid, long offset, long? length, CancellationToken cancellationToken);

    /// <summary>Stats <c>/ipfs/&lt;cid&gt;</c>.</summary>
    Task<IpfsFileStat> StatAsync(Cid cid, CancellationToken cancellationToken);

    /// <summary>The node's identity.</summary>
    Task<IpfsNodeIdentity> IdAsync(CancellationToken cancellationToken);

    /// <summary>The node's version string.</summary>
    Task<string> VersionAsync(CancellationToken cancellationToken);
}
