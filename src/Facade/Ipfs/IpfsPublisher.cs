using Facade.Redis;
using Facade.Shared.Ipfs;
using Facade.Shared.Oci;

namespace Facade.Ipfs;

/// <summary>
/// Publish mode: adds a blob the facade already holds locally to the IPFS node and records its
/// CID in the cache. The content is checked against its digest and the node's CID against the
/// one computed on the way; only content that passes both is recorded. Never throws for a
/// failure of the node or of Redis (the pull it follows has succeeded already): it logs and
/// returns null.
/// </summary>
internal sealed class IpfsPublisher
{
    private readonly IKuboClient _kubo;
    private readonly ICidCache _cids;
    private readonly ILogger<IpfsPublisher> _logger;

    public IpfsPublisher(IKuboClient kubo, ICidCache cids, ILogger<IpfsPublisher> logger)
    {
        _kubo = kubo;
        _cids = cids;
        _logger = logger;
    }

    /// <summary>Adds <paramref name="localCopy"/> (read to its end) as the blob <paramref name="digest"/>.</summary>
    public async Task<Cid?> PublishAsync(Digest digest, string? mediaType, Stream localCopy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(localCopy);
        using var digestHash = digest.CreateHasher();
        await using var tee = new VerifyingTeeStream(localCopy, digestHash);
        IpfsAddResult added;
        try
        {
            added = await _kubo.AddAsync(tee, cancellationToken).ConfigureAwait(false);
        }
        catch (IpfsException e)
        {
            IpfsLog.PublishFailed(_logger, digest.Value, e.Message, e);
            return null;
        }
        if (!tee.Ended)
        {
            IpfsLog.PublishRejected(_logger, digest.Value, "the node answered before reading all content");
            return null;
        }
        if (!digest.MatchesHash(digestHash))
        {
            IpfsLog.PublishRejected(_logger, digest.Value, "the local copy does not match its digest");
            return null;
        }
        var expected = tee.CompleteCid();
        if (added.Cid != expected)
        {
            IpfsLog.PublishRejected(_logger, digest.Value, $"the node reported {added.Cid}, the content is {expected}");
            return null;
        }
        await _cids.SetAsync(digest, new CidCacheEntry(added.Cid, mediaType), cancellationToken).ConfigureAwait(false);
        // The local copy was verified against the digest and the CID computed over the same bytes.
        await _cids.SetVerifiedAsync(digest, added.Cid, cancellationToken).ConfigureAwait(false);
        IpfsLog.Published(_logger, digest.Value, added.Cid.ToString(), tee.BytesRead);
        return added.Cid;
    }
}
