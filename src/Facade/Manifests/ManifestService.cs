using Facade.Configuration;
using Facade.Hosting;
using Facade.Metrics;
using Facade.Redis;
using Facade.Shared.Errors;
using Facade.Shared.Oci;
using Facade.Storage;
using Facade.Upstreams;
using Microsoft.Extensions.Options;

namespace Facade.Manifests;

/// <summary>
/// Serves mirrored manifests: by digest from the disk cache or one upstream fetch; by tag through
/// a short-lived resolve (HEAD) and then by digest. When the upstream fails, a tag seen before is
/// answered from its last known digest, with a warning and a metric.
/// </summary>
internal sealed partial class ManifestService(
    ContentStore store, TagCache tags, UpstreamSender sender, ISharedState shared, IOptions<FacadeOptions> options,
    FacadeMetrics metrics, ShutdownDrain drain, ILogger<ManifestService> log)
{
    private readonly SingleFlight<RawManifest> _byDigest = new();
    private readonly SingleFlight<Digest> _resolves = new();
    private readonly TimeSpan _tagTtl = options.Value.Cache.TagTtl;

    /// <summary>The manifest for a tag or digest, or throws <see cref="UpstreamException"/>.</summary>
    public async Task<RawManifest> GetAsync(UpstreamTarget target, string reference, CancellationToken ct)
    {
        if (Digest.TryParse(reference, out var digest)) return await ByDigestAsync(target, digest, ct).ConfigureAwait(false);
        var key = TagKey(target, reference);
        if (tags.Fresh(key) is { } fresh)
        {
            metrics.CacheHit("tag");
            return await ByDigestAsync(target, fresh, ct).ConfigureAwait(false);
        }
        metrics.CacheMiss("tag");
        Digest resolved;
        try
        {
            resolved = await _resolves.RunAsync(key, () => ResolveAsync(target, reference), ct, out var joined).ConfigureAwait(false);
            if (joined) metrics.SingleFlightJoin("tag");
        }
        catch (UpstreamException e) when (UpstreamFailure.IsUpstreamFault(e.Error) && tags.LastKnown(key) is { } stale)
        {
            metrics.StaleTagServed();
            LogStaleTag(target.Upstream.Name, target.Repository, reference, stale.Value, e.Error.Message ?? "");
            return await ByDigestAsync(target, stale, ct).ConfigureAwait(false);
        }
        return await ByDigestAsync(target, resolved, ct).ConfigureAwait(false);
    }

    /// <summary>Forgets the tags of a repository, e.g. after a push to it.</summary>
    public void InvalidateRepository(UpstreamTarget target) => tags.RemoveRepository(TagKey(target, ""));

    private async Task<RawManifest> ByDigestAsync(UpstreamTarget target, Digest digest, CancellationToken ct)
    {
        RawManifest? cached;
        using (var span = FacadeTelemetry.Start("manifest cache", digest.Value))
        {
            cached = store.TryGetManifest(digest);
            span.Hit(cached is not null);
        }
        if (cached is not null)
        {
            metrics.CacheHit("manifest");
            return cached;
        }
        metrics.CacheMiss("manifest");
        var manifest = await _byDigest.RunAsync(digest.Value, async () =>
        {
            // A manifest the facade made (IPFS-rewritten) exists on no upstream; another replica
            // that served it shared it.
            if (await shared.GetDocumentAsync(digest, drain.Aborting).ConfigureAwait(false) is { } made
                && MediaTypes.IsManifest(made.MediaType))
            {
                var kept = new RawManifest(made.Content, made.MediaType, digest);
                store.PutManifest(kept);
                return kept;
            }
            RawManifest fetched;
            // Not tied to any client, nor to SIGTERM: a fetch in flight finishes within the drain time.
            try { fetched = await FetchAsync(target, digest.Value, drain.Aborting).ConfigureAwait(false); }
            catch (Exception e) when (LogFetchFailed(target.Upstream.Name, target.Repository, digest.Value, e)) { throw; }
            store.PutManifest(fetched);
            return fetched;
        }, ct, out var joined).ConfigureAwait(false);
        if (joined) metrics.SingleFlightJoin("manifest");
        return manifest;
    }

    // HEAD names the digest cheaply; when an upstream does not say, the tag's body is fetched
    // and its digest computed (and the body cached, so the follow-up read is a hit).
    private async Task<Digest> ResolveAsync(UpstreamTarget target, string tag)
    {
        var stopping = drain.Aborting;
        var key = TagKey(target, tag);
        // Another replica may have resolved it moments ago.
        if (_tagTtl > TimeSpan.Zero && await shared.GetResolvedAsync(SharedKey(target, tag), stopping).ConfigureAwait(false) is { } fromReplica)
        {
            tags.Set(key, fromReplica);
            return fromReplica;
        }
        Digest digest;
        try
        {
            if (await HeadAsync(target, tag, stopping).ConfigureAwait(false) is { } headDigest)
            {
                digest = headDigest;
            }
            else
            {
                var manifest = await FetchAsync(target, tag, stopping).ConfigureAwait(false);
                store.PutManifest(manifest);
                digest = manifest.Digest;
            }
        }
        catch (UpstreamException e) when (e.Error.Code == OciErrorCode.ManifestUnknown)
        {
            tags.Remove(key);
            throw;
        }
        catch (Exception e) when (LogFetchFailed(target.Upstream.Name, target.Repository, tag, e))
        {
            throw;
        }
        tags.Set(key, digest);
        if (_tagTtl > TimeSpan.Zero)
            await shared.SetResolvedAsync(SharedKey(target, tag), digest, _tagTtl, stopping).ConfigureAwait(false);
        return digest;
    }

    // Once per single-flight fetch (not per waiting client); a filter, so the stack stays intact.
    private bool LogFetchFailed(string upstream, string repository, string reference, Exception e)
    {
        if (e is UpstreamException { Error.Code: OciErrorCode.ManifestUnknown }) return false; // the client's miss, not a failure
        LogUpstreamFailed(upstream, repository, reference, e is UpstreamException u ? u.Error.Message ?? e.Message : e.Message, e);
        return false;
    }

    /// <summary>The digest a HEAD names for a tag; null when the upstream does not say.</summary>
    private async Task<Digest?> HeadAsync(UpstreamTarget target, string tag, CancellationToken ct)
    {
        metrics.UpstreamFetch("manifest-head");
        var info = await sender.CallAsync(target.Upstream, c => c.HeadManifestAsync(target.Repository, tag, ct)).ConfigureAwait(false);
        return info is null ? throw new UpstreamException(new OciError(OciErrorCode.ManifestUnknown)) : info.Digest;
    }

    /// <summary>A manifest by tag or digest, verified by the client (raw bytes, never re-serialized).</summary>
    private async Task<RawManifest> FetchAsync(UpstreamTarget target, string reference, CancellationToken ct)
    {
        metrics.UpstreamFetch("manifest");
        var manifest = await sender.CallAsync(target.Upstream, c => c.GetManifestAsync(target.Repository, reference, ct)).ConfigureAwait(false)
            ?? throw new UpstreamException(new OciError(OciErrorCode.ManifestUnknown));
        metrics.UpstreamBytes(manifest.Bytes.Length);
        return manifest;
    }

    private static string TagKey(UpstreamTarget target, string tag) => $"{target.Upstream.Name}|{target.Repository}|{tag}";

    private static string SharedKey(UpstreamTarget target, string tag) => $"{target.Upstream.Authority}/{target.Repository}:{tag}";

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning,
        Message = "upstream {Upstream} failed resolving {Repository}:{Tag}; serving last known digest {Digest} ({Reason})")]
    private partial void LogStaleTag(string upstream, string repository, string tag, string digest, string reason);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "upstream {Upstream} failed for {Repository}:{Reference}: {Reason}")]
    private partial void LogUpstreamFailed(string upstream, string repository, string reference, string reason, Exception cause);
}
