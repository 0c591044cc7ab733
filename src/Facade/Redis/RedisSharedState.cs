using Facade.Shared.Oci;
using StackExchange.Redis;

namespace Facade.Redis;

/// <summary>
/// <see cref="ISharedState"/> on Redis. Keys (under the optional prefix): <c>resolve:&lt;reference&gt;</c>
/// holds a digest with a TTL; <c>doc:&lt;digest&gt;</c> is a hash of media type (<c>mt</c>) and
/// bytes (<c>b</c>); <c>resolves:&lt;host/name&gt;</c> is the set of a repository's recorded
/// references, so a deletion can forget them all. Documents are checked against their digest both ways, so a corrupt or
/// foreign entry is a miss, never served. <c>holds:&lt;upstream&gt;/&lt;repository&gt;</c> is the set of
/// blob digests the repository is known to hold, and <c>holders:&lt;digest&gt;</c> the reverse: the
/// repositories a blob is known in, so a deletion can tell whether it was the last one; both
/// expire after <see cref="RedisOptions.HoldingsTtl"/> without a new record.
/// </summary>
internal sealed class RedisSharedState : ISharedState
{
    /// <summary>Larger documents are not shared (manifests and configs are far smaller).</summary>
    public const int MaxDocumentBytes = 4 * 1024 * 1024;

    private static readonly RedisValue[] DocumentFields = ["mt", "b"];
    private readonly AdvisoryRedis _redis;
    private readonly ILogger<RedisSharedState> _logger;

    public RedisSharedState(AdvisoryRedis redis, ILogger<RedisSharedState> logger)
    {
        _redis = redis;
        _logger = logger;
    }

    public Task<Digest?> GetResolvedAsync(string reference, CancellationToken cancellationToken) =>
        _redis.RunAsync<Digest?>("resolve.get", async db =>
        {
            var value = (string?)await db.StringGetAsync(ResolveKey(reference)).ConfigureAwait(false);
            return Digest.TryParse(value, out var digest) ? digest : null;
        }, null, cancellationToken);

    public Task SetResolvedAsync(string reference, Digest digest, TimeSpan ttl, CancellationToken cancellationToken)
    {
        if (digest.IsEmpty) throw new ArgumentException("a digest is required", nameof(digest));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ttl, TimeSpan.Zero);
        // The repository's index of resolved references lets a deletion forget all of them
        // without scanning the keyspace; it lives as long as its youngest member.
        var index = IndexKey(reference);
        return _redis.RunAsync("resolve.set", async db =>
        {
            await db.StringSetAsync(ResolveKey(reference), digest.Value, ttl).ConfigureAwait(false);
            await db.SetAddAsync(index, reference).ConfigureAwait(false);
            await db.KeyExpireAsync(index, ttl).ConfigureAwait(false);
        }, cancellationToken);
    }

    public Task<bool> IsBlobHeldAsync(string repository, Digest digest, CancellationToken cancellationToken) =>
        _redis.RunAsync("holds.get", db => db.SetContainsAsync(HoldsKey(repository), digest.Value), false, cancellationToken);

    public Task AddBlobsHeldAsync(string repository, IReadOnlyCollection<Digest> digests, CancellationToken cancellationToken)
    {
        // Each set lives as long as its youngest member, as the resolve index does: Redis stays
        // bounded by what was recorded within the TTL.
        var ttl = _redis.Options.HoldingsTtl;
        return _redis.RunAsync("holds.add", db =>
        {
            // Sent in this order on the one connection: an expiry before its key exists is lost.
            var sent = new List<Task>(2 + 2 * digests.Count)
            {
                db.SetAddAsync(HoldsKey(repository), [.. digests.Select(d => (RedisValue)d.Value)]),
                db.KeyExpireAsync(HoldsKey(repository), ttl),
            };
            foreach (var digest in digests)
            {
                sent.Add(db.SetAddAsync(HoldersKey(digest), repository));
                sent.Add(db.KeyExpireAsync(HoldersKey(digest), ttl));
            }
            return Task.WhenAll(sent);
        }, cancellationToken);
    }

    public Task<bool> ForgetBlobHeldAsync(string repository, Digest digest, CancellationToken cancellationToken) =>
        _redis.RunAsync("holds.forget", async db =>
        {
            // Pipelined; the count is read after both removals, so this repository never counts itself.
            var holds = db.SetRemoveAsync(HoldsKey(repository), digest.Value);
            var holders = db.SetRemoveAsync(HoldersKey(digest), repository);
            var remaining = db.SetLengthAsync(HoldersKey(digest));
            await Task.WhenAll(holds, holders, remaining).ConfigureAwait(false);
            return remaining.Result > 0;
        }, false, cancellationToken);

    public Task ForgetResolvedAsync(string reference, CancellationToken cancellationToken) =>
        _redis.RunAsync("resolve.forget", db => db.KeyDeleteAsync(ResolveKey(reference)), cancellationToken);

    public Task ForgetRepositoryAsync(string repository, CancellationToken cancellationToken) =>
        _redis.RunAsync("resolve.forget-repository", async db =>
        {
            var index = "resolves:" + repository;
            var members = await db.SetMembersAsync(index).ConfigureAwait(false);
            var keys = members.Select(m => new RedisKey(ResolveKey(m!))).Append(new RedisKey(index)).ToArray();
            await db.KeyDeleteAsync(keys).ConfigureAwait(false);
        }, cancellationToken);

    public Task RemoveDocumentAsync(Digest digest, CancellationToken cancellationToken) =>
        _redis.RunAsync("document.remove", db => db.KeyDeleteAsync(DocumentKey(digest)), cancellationToken);

    public Task<StoredDocument?> GetDocumentAsync(Digest digest, CancellationToken cancellationToken) =>
        _redis.RunAsync<StoredDocument?>("document.get", async db =>
        {
            var key = DocumentKey(digest);
            var values = await db.HashGetAsync(key, DocumentFields).ConfigureAwait(false);
            if (values[0].IsNullOrEmpty || values[1].IsNull) return null;
            byte[] content = values[1]!;
            if (!digest.Matches(content))
            {
                RedisLog.CorruptEntry(_logger, DocumentKey(digest));
                return null;
            }
            return new StoredDocument(values[0]!, content);
        }, null, cancellationToken);

    public Task SetDocumentAsync(Digest digest, StoredDocument document, TimeSpan? ttl, CancellationToken cancellationToken)
    {
        if (digest.IsEmpty || !digest.Matches(document.Content.Span))
            throw new ArgumentException("the document does not match its digest", nameof(document));
        if (document.Content.Length > MaxDocumentBytes) return Task.CompletedTask;
        return _redis.RunAsync("document.set", async db =>
        {
            var key = DocumentKey(digest);
            // Sent together (pipelined): the hash never stays without its expiry for longer than a round trip.
            var set = db.HashSetAsync(key, [new HashEntry("mt", document.MediaType), new HashEntry("b", document.Content)]);
            var expire = db.KeyExpireAsync(key, ttl ?? _redis.Options.DocumentTtl);
            await Task.WhenAll(set, expire).ConfigureAwait(false);
        }, cancellationToken);
    }

    private static string ResolveKey(string reference) =>
        string.IsNullOrEmpty(reference) ? throw new ArgumentException("a reference is required", nameof(reference)) : "resolve:" + reference;

    // References are host/name:tag; a tag has no colon, so the last one ends the repository.
    private static string IndexKey(string reference) => "resolves:" + reference[..Math.Max(0, reference.LastIndexOf(':'))];

    private static string DocumentKey(Digest digest) => "doc:" + digest.Value;

    private static string HoldsKey(string repository) => "holds:" + repository;

    private static string HoldersKey(Digest digest) => "holders:" + digest.Value;
}
