using Facade.Shared.Composition;
using Facade.Caching;
using Facade.Configuration;
using Facade.Redis;
using Facade.Shared.Errors;
using Facade.Shared.Oci;
using Facade.Upstreams;
using Microsoft.Extensions.Options;

namespace Facade.Composition.Serving;

/// <summary>
/// Composes the image for a composed name (<c>remote/&lt;id&gt;</c>, <c>fixed/&lt;id&gt;</c>):
/// asks the spec provider, composes through <see cref="SpecImageComposer"/> over the mirror,
/// and caches the result with the origin of every blob it names.
/// </summary>
internal sealed class CompositionService(
    SpecProviderRouter specs, SpecImageComposer composer, MirrorImageSource images, CompositionOptions options, CompositionCache cache,
    ISharedState shared, IOptions<FacadeOptions> facadeOptions, TimeProvider clock)
{
    // Same spec, same platform, within a tag TTL: the same image (the refs it names would resolve
    // to the same digests), so the composition is not redone on every request.
    private readonly TimeSpan _reuse = facadeOptions.Value.Cache.TagTtl;
    private readonly ByteBoundedLru<string, (ServedImage Image, string Key, DateTimeOffset At)> _recent =
        new(options.CacheBytes, static (key, recent) => recent.Image.ApproximateBytes + 2L * (key.Length + recent.Key.Length), StringComparer.Ordinal);
    private readonly Platform _platform = Platform.Parse(options.Platform);

    /// <summary>The composed image for a name, or throws <see cref="UpstreamException"/> with the client-facing error.</summary>
    public async Task<ServedImage> ComposeAsync(string name, string? platform, CancellationToken ct)
    {
        var wanted = platform is null ? _platform : ParsePlatform(platform);
        var lookup = await specs.GetSpecAsync(name, ct).ConfigureAwait(false);
        var spec = lookup.Status switch
        {
            SpecLookupStatus.Found => lookup.Spec!,
            SpecLookupStatus.NotFound => throw Fail(OciErrorCode.ManifestUnknown, lookup.Message),
            SpecLookupStatus.Unavailable => throw Fail(OciErrorCode.Unavailable, lookup.Message),
            _ => throw Fail(OciErrorCode.BadGateway, lookup.Message),
        };
        var recentKey = spec.Hash().Value + "|" + wanted;
        if (_recent.TryGet(recentKey, out var recent) && clock.GetUtcNow() - recent.At < _reuse)
        {
            cache.Add(name, recent.Key, recent.Image);
            return recent.Image;
        }
        try
        {
            var image = await composer.ComposeAsync(spec, wanted, ct).ConfigureAwait(false);
            var key = CompositionCache.Key(image.BaseManifestDigest, image.SpecHash) + "|" + wanted;
            var served = cache.ByKey(key);
            if (served is null)
            {
                served = ServedImage.Create(image, images);
                await ShareAsync(image.Result).ConfigureAwait(false);
            }
            cache.Add(name, key, served);
            _recent.Set(recentKey, (served, key, clock.GetUtcNow()));
            return served;
        }
        catch (CompositionException e)
        {
            throw Fail(OciErrorCode.ManifestInvalid, $"cannot compose '{name}': {e.Message}");
        }
    }

    /// <summary>
    /// Forgets compositions that rest on a deleted manifest or blob (and the short reuse of recent
    /// ones, whose base tags may have changed with it); returns the composed digests dropped.
    /// </summary>
    public IReadOnlyList<Digest> ForgetBuiltOn(Digest? digest)
    {
        _recent.Clear();
        return digest is { } deleted ? cache.RemoveBuiltOn(deleted) : [];
    }

    /// <summary>A composed manifest or config another replica has shared, or null.</summary>
    public async Task<StoredDocument?> SharedAsync(Digest digest, CancellationToken ct) =>
        await shared.GetDocumentAsync(digest, ct).ConfigureAwait(false);

    // Other replicas can then answer requests by digest without composing (or asking a provider).
    private Task ShareAsync(ComposeResult result) => Task.WhenAll(
        shared.SetDocumentAsync(result.ManifestDigest, new StoredDocument(result.ManifestMediaType, result.Manifest), null, CancellationToken.None),
        shared.SetDocumentAsync(result.ConfigDigest, new StoredDocument(MediaTypes.OciConfig, result.Config), null, CancellationToken.None));

    private static Platform ParsePlatform(string text)
    {
        try { return Platform.Parse(text); }
        catch (FormatException e) { throw Fail(OciErrorCode.ManifestInvalid, e.Message); }
    }

    private static UpstreamException Fail(OciErrorCode code, string? message) => new(new OciError(code, message));
}
