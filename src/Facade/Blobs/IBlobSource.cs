namespace Facade.Blobs;

/// <summary>
/// One place a blob's bytes can come from: the disk cache, the shared fill (which reads IPFS or
/// the upstream), a static file, bytes in memory, a redirect. Sources are chained in order; a
/// source that does not hold the blob answers null and the next one is asked.
/// </summary>
internal interface IBlobSource
{
    /// <summary>
    /// The blob ready to send (or, for <see cref="BlobRead.Head"/>, its length only), or null when
    /// this source does not have it. A failure a client must see (the upstream's 404, an outage)
    /// throws <see cref="Upstreams.UpstreamException"/>.
    /// </summary>
    Task<BlobContent?> OpenAsync(BlobRequest request, CancellationToken ct);
}
