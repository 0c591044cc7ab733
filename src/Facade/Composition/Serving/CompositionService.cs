using Facade.Shared.Composition;
using Facade.Shared.Errors;
using Facade.Upstreams;

namespace Facade.Composition.Serving;

/// <summary>
/// Composes the image for a composed name (<c>remote/&lt;id&gt;</c>, <c>fixed/&lt;id&gt;</c>):
/// asks the spec provider, composes through <see cref="SpecImageComposer"/> over the mirror,
/// and caches the result with the origin of every blob it names.
/// </summary>
internal sealed class CompositionService(
    SpecProviderRouter specs, SpecImageComposer composer, MirrorImageSource images, CompositionOptions options, CompositionCache cache)
{
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
        try
        {
            var image = await composer.ComposeAsync(spec, wanted, ct).ConfigureAwait(false);
            var key = CompositionCache.Key(image.BaseManifestDigest, image.SpecHash) + "|" + wanted;
            var served = cache.ByKey(key) ?? ServedImage.Create(image, images);
            cache.Add(name, key, served);
            return served;
        }
        catch (CompositionException e)
        {
            throw Fail(OciErrorCode.ManifestInvalid, $"cannot compose '{name}': {e.Message}");
        }
    }

    private static Platform ParsePlatform(string text)
    {
        try { return Platform.Parse(text); }
        catch (FormatException e) { throw Fail(OciErrorCode.ManifestInvalid, e.Message); }
    }

    private static UpstreamException Fail(OciErrorCode code, string? message) => new(new OciError(code, message));
}
