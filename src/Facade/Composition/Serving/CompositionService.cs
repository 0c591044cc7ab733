using Facade.Shared.Composition;
using Facade.Shared.Errors;
using Facade.Shared.Oci;
using Facade.Upstreams;

namespace Facade.Composition.Serving;

/// <summary>
/// Composes the image for a composed name (<c>remote/&lt;id&gt;</c>, <c>fixed/&lt;id&gt;</c>):
/// asks the spec provider, resolves base and add-on images through the mirror, plans and
/// composes (a pure function of those inputs), and remembers where every blob comes from.
/// Equal (base digest, spec) inputs are composed once.
/// </summary>
internal sealed class CompositionService(
    SpecProviderRouter specs, ImageResolver resolver, StaticFileDescriber files, CompositionOptions options, CompositionCache cache)
{
    private readonly Platform _platform = Platform.Parse(options.Platform);
    private readonly Manifests.SingleFlight<ComposedImage> _compositions = new();

    /// <summary>The composed image for a name (composing it when needed), or throws <see cref="UpstreamException"/>.</summary>
    public async Task<ComposedImage> ComposeAsync(string name, string? platform, CancellationToken ct)
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
        if (string.IsNullOrEmpty(spec.BaseRef)) throw Fail(OciErrorCode.ManifestInvalid, $"the spec of '{name}' has no base image");
        try
        {
            var baseImage = await resolver.ResolveAsync(spec.BaseRef, wanted, ct).ConfigureAwait(false);
            var key = CompositionCache.Key(baseImage.Manifest.Digest, spec.Hash()) + "|" + wanted;
            if (cache.ByKey(key) is { } known)
            {
                cache.Add(name, key, known);
                return known;
            }
            var image = await _compositions.RunAsync(key, () => BuildAsync(spec, baseImage, wanted), ct, out _).ConfigureAwait(false);
            cache.Add(name, key, image);
            return image;
        }
        catch (CompositionException e)
        {
            throw Fail(OciErrorCode.ManifestInvalid, $"cannot compose '{name}': {e.Message}");
        }
    }

    private async Task<ComposedImage> BuildAsync(Protos.RegistryFacade.ImageSpec spec, ResolvedImage baseImage, Platform platform)
    {
        var ct = CancellationToken.None;
        var origins = new Dictionary<Digest, BlobOrigin>();
        AddImageBlobs(origins, baseImage);

        var statics = new List<StaticLayer>();
        foreach (var layer in options.StaticLayers)
        {
            if (layer.Type == StaticLayerType.File)
            {
                var described = files.Describe(layer.Ref);
                origins.TryAdd(described.Addendum.Layer.Digest, new BlobOrigin.LocalFile(layer.Ref, described.Addendum.Layer.Size));
                statics.Add(described);
            }
            else
            {
                statics.Add(new StaticImageLayer(await AddonAsync(layer.Ref, platform, origins, ct).ConfigureAwait(false)));
            }
        }
        var ide = string.IsNullOrEmpty(spec.IdeRef) ? null : await AddonAsync(spec.IdeRef, platform, origins, ct).ConfigureAwait(false);
        var supervisor = string.IsNullOrEmpty(spec.SupervisorRef) ? null : await AddonAsync(spec.SupervisorRef, platform, origins, ct).ConfigureAwait(false);
        var ideLayers = new List<AddonImage>();
        foreach (var reference in spec.IdeLayerRef)
            ideLayers.Add(await AddonAsync(reference, platform, origins, ct).ConfigureAwait(false));
        var content = spec.ContentSources();

        var plan = CompositionPlanner.Plan(new PlanInput(statics, ide, supervisor, ideLayers, content));
        var result = ImageComposer.Compose(plan.ToComposeInput(baseImage.Manifest.Bytes, baseImage.Config, spec.BaseRef));
        foreach (var source in content)
        {
            switch (source)
            {
                case DirectContent direct:
                    origins.TryAdd(Digest.Sha256Of(direct.Content.Span), new BlobOrigin.InMemory(direct.Content));
                    break;
                case RemoteContent remote when Digest.TryParse(remote.Digest, out var remoteDigest):
                    origins.TryAdd(remoteDigest, new BlobOrigin.Redirect(remote.Url));
                    break;
            }
        }
        origins[result.ConfigDigest] = new BlobOrigin.InMemory(result.Config);
        return new ComposedImage(result, origins);
    }

    private async Task<AddonImage> AddonAsync(string reference, Platform platform, Dictionary<Digest, BlobOrigin> origins, CancellationToken ct)
    {
        var image = await resolver.ResolveAsync(reference, platform, ct).ConfigureAwait(false);
        AddImageBlobs(origins, image);
        return new AddonImage(reference, image.Manifest.Bytes, image.Config);
    }

    private static void AddImageBlobs(Dictionary<Digest, BlobOrigin> origins, ResolvedImage image)
    {
        var document = ManifestDocument.Parse(image.Manifest.Bytes.Span);
        var origin = new BlobOrigin.Mirrored(image.Target);
        foreach (var layer in document.Layers ?? [])
            if (Digest.TryParse(layer.Digest, out var digest)) origins.TryAdd(digest, origin);
    }

    private static Platform ParsePlatform(string text)
    {
        try { return Platform.Parse(text); }
        catch (FormatException e) { throw Fail(OciErrorCode.ManifestInvalid, e.Message); }
    }

    private static UpstreamException Fail(OciErrorCode code, string? message) => new(new OciError(code, message));
}
