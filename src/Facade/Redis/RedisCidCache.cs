using Facade.Shared.Ipfs;
using Facade.Shared.Oci;
using StackExchange.Redis;

namespace Facade.Redis;

/// <summary>
/// <see cref="ICidCache"/> on Redis with Gitpod's keys: <c>&lt;digest&gt;</c> holds the CID text,
/// <c>mtype:&lt;digest&gt;</c> the media type (both under the optional key prefix, no expiry: a
/// digest's CID never changes). A value that is not a CID reads as a miss. <c>verified:&lt;digest&gt;</c>
/// holds the CID a whole read matched against the digest (the facade's own key, Gitpod ignores it).
/// </summary>
internal sealed class RedisCidCache : ICidCache
{
    private readonly AdvisoryRedis _redis;

    public RedisCidCache(AdvisoryRedis redis) => _redis = redis;

    public Task<CidCacheEntry?> GetAsync(Digest digest, CancellationToken cancellationToken) =>
        _redis.RunAsync<CidCacheEntry?>("cid.get", async db =>
        {
            var values = await db.StringGetAsync([CidKey(digest), MediaTypeKey(digest)]).ConfigureAwait(false);
            if (!Cid.TryParse((string?)values[0], out var cid)) return null;
            var mediaType = (string?)values[1];
            return new CidCacheEntry(cid, string.IsNullOrEmpty(mediaType) ? null : mediaType);
        }, null, cancellationToken);

    public Task SetAsync(Digest digest, CidCacheEntry entry, CancellationToken cancellationToken)
    {
        if (digest.IsEmpty || entry.Cid.IsEmpty) throw new ArgumentException("digest and CID are required");
        return _redis.RunAsync("cid.set", db =>
        {
            var cid = db.StringSetAsync(CidKey(digest), entry.Cid.ToString());
            return entry.MediaType is null
                ? cid
                : Task.WhenAll(cid, db.StringSetAsync(MediaTypeKey(digest), entry.MediaType));
        }, cancellationToken);
    }

    public Task<bool> IsVerifiedAsync(Digest digest, Cid cid, CancellationToken cancellationToken) =>
        _redis.RunAsync("cid.verified.get",
            async db => (string?)await db.StringGetAsync(VerifiedKey(digest)).ConfigureAwait(false) == cid.ToString(), false, cancellationToken);

    public Task SetVerifiedAsync(Digest digest, Cid cid, CancellationToken cancellationToken) =>
        _redis.RunAsync("cid.verified.set", db => db.StringSetAsync(VerifiedKey(digest), cid.ToString()), cancellationToken);

    public Task RemoveAsync(Digest digest, CancellationToken cancellationToken) =>
        _redis.RunAsync("cid.remove", db => db.KeyDeleteAsync([CidKey(digest), MediaTypeKey(digest), VerifiedKey(digest)]), cancellationToken);

    private static RedisKey CidKey(Digest digest) => digest.Value;

    private static RedisKey VerifiedKey(Digest digest) => "verified:" + digest.Value;

    private static RedisKey MediaTypeKey(Digest digest) => "mtype:" + digest.Value;
}
