using Facade.Ipfs;
using Facade.Metrics;
using Facade.Redis;
using Facade.Shared.Oci;
using Facade.Upstreams;

namespace Facade.Blobs;

/// <summary>
/// The IPFS node as a fill origin, for digests with a CID recorded in Redis. Any failure before
/// the body opens is a miss (the next origin, the upstream, is asked); a CID whose bytes did not
/// match is forgotten.
/// </summary>
internal sealed partial class IpfsOrigin(IKuboClient kubo, ICidCache cids, FacadeMetrics metrics, ILogger<IpfsOrigin> log) : IFillOrigin
{
    public string Name => "ipfs";

    public async Task<FetchedBody?> OpenAsync(UpstreamTarget target, Digest digest, long offset, CancellationToken ct)
    {
        var entry = await cids.GetAsync(digest, ct).ConfigureAwait(false);
        metrics.CidLookup(entry is not null);
        if (entry is null) return null;
        try
        {
            var stat = await kubo.StatAsync(entry.Cid, ct).ConfigureAwait(false);
            var body = await kubo.CatAsync(entry.Cid, offset, null, ct).ConfigureAwait(false);
            return new FetchedBody(body, stat.Size, this);
        }
        catch (IpfsException e)
        {
            Fallback(digest, e);
            return null;
        }
    }

    /// <summary>HEAD is answered by the upstream, as before IPFS: an unverified CID does not vouch for a length.</summary>
    public Task<long?> LengthAsync(UpstreamTarget target, Digest digest, CancellationToken ct) => Task.FromResult<long?>(null);

    public void Received(int bytes) { }

    public Task VerifiedAsync(Digest digest) => Task.CompletedTask;

    public async Task RejectedAsync(Digest digest)
    {
        metrics.IpfsRejected();
        LogWrongCid(digest.Value);
        await cids.RemoveAsync(digest, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Counts and logs a failure of the node that sends the request elsewhere.</summary>
    public void Fallback(Digest digest, IpfsException e)
    {
        metrics.IpfsFallback();
        LogIpfsFallback(digest.Value, e.Message);
    }

    [LoggerMessage(EventId = 1401, Level = LogLevel.Warning, Message = "IPFS failed for {Digest}, fetching from the upstream instead: {Reason}")]
    private partial void LogIpfsFallback(string digest, string reason);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Warning, Message = "content from IPFS for {Digest} did not match the digest; its CID is forgotten")]
    private partial void LogWrongCid(string digest);
}
