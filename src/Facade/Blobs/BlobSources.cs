using Facade.Ipfs;
using Facade.Metrics;
using Facade.Redis;
using Facade.Shared.Errors;
using Facade.Shared.Oci;
using Facade.Upstreams;
using Microsoft.Extensions.Options;

namespace Facade.Blobs;

/// <summary>
/// Opens the body a fill reads: from the IPFS node when serving from IPFS is on and the digest
/// has a CID, else (or when IPFS fails before the first byte) from the upstream.
/// </summary>
internal sealed partial class BlobSources(
    UpstreamSender sender, IOptions<IpfsOptions> ipfsOptions, ICidCache cids, IServiceProvider services,
    FacadeMetrics metrics, ILogger<BlobSources> log)
{
    private readonly bool _serveFromIpfs = ipfsOptions.Value.Serve;

    public async Task<FetchedBody> OpenAsync(UpstreamTarget target, Digest digest, CancellationToken ct)
    {
        if (_serveFromIpfs && await TryIpfsAsync(digest, ct).ConfigureAwait(false) is { } fromIpfs) return fromIpfs;
        metrics.UpstreamFetch("blob");
        var blob = await sender.CallAsync(target.Upstream, c => c.OpenBlobAsync(target.Repository, digest, ct)).ConfigureAwait(false)
            ?? throw new UpstreamException(new OciError(OciErrorCode.BlobUnknown));
        return new FetchedBody(blob.Body, blob.Length, "upstream", blob);
    }

    /// <summary>
    /// Content for a range request of a blob that is neither cached nor being fetched, straight
    /// from IPFS when serving from IPFS is on and the digest has a CID; else null.
    /// </summary>
    public async Task<BlobContent?> TryIpfsRangeAsync(Digest digest, CancellationToken ct)
    {
        if (!_serveFromIpfs) return null;
        var entry = await cids.GetAsync(digest, ct).ConfigureAwait(false);
        metrics.CidLookup(entry is not null);
        if (entry is null) return null;
        try
        {
            var kubo = services.GetRequiredService<IKuboClient>();
            var stat = await kubo.StatAsync(entry.Cid, ct).ConfigureAwait(false);
            return new IpfsRangeContent(kubo, entry.Cid, stat.Size);
        }
        catch (IpfsException e)
        {
            metrics.IpfsFallback();
            LogIpfsFallback(digest.Value, e.Message);
            return null;
        }
    }

    /// <summary>Called when content from IPFS did not match its digest: the CID is forgotten so the next fetch goes upstream.</summary>
    public async Task RejectIpfsAsync(Digest digest)
    {
        metrics.IpfsRejected();
        LogWrongCid(digest.Value);
        await cids.RemoveAsync(digest, CancellationToken.None).ConfigureAwait(false);
    }

    private async Task<FetchedBody?> TryIpfsAsync(Digest digest, CancellationToken ct)
    {
        var entry = await cids.GetAsync(digest, ct).ConfigureAwait(false);
        metrics.CidLookup(entry is not null);
        if (entry is null) return null;
        try
        {
            var kubo = services.GetRequiredService<IKuboClient>();
            var stat = await kubo.StatAsync(entry.Cid, ct).ConfigureAwait(false);
            var body = await kubo.CatAsync(entry.Cid, 0, null, ct).ConfigureAwait(false);
            return new FetchedBody(body, stat.Size, "ipfs");
        }
        catch (IpfsException e)
        {
            metrics.IpfsFallback();
            LogIpfsFallback(digest.Value, e.Message);
            return null;
        }
    }

    [LoggerMessage(EventId = 1401, Level = LogLevel.Warning, Message = "IPFS failed for {Digest}, fetching from the upstream instead: {Reason}")]
    private partial void LogIpfsFallback(string digest, string reason);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Warning, Message = "content from IPFS for {Digest} did not match the digest; its CID is forgotten")]
    private partial void LogWrongCid(string digest);
}
