using Facade.Protos.RegistryFacade;
using Facade.Shared.Composition;
using Facade.Shared.Oci;

namespace Facade.Composition;

/// <summary>
/// Turns an image spec into a composed image: fetches the base (picking the platform from an
/// index) and the add-on images through an <see cref="IImageSource"/>, then runs the pure planner
/// and composer. Fetches of independent images run concurrently. Static layers from
/// configuration come first: images are resolved per composition (for the requested platform),
/// files are described once and remembered.
/// </summary>
public sealed class SpecImageComposer(IImageSource source, IReadOnlyList<StaticLayerOptions>? staticLayers = null)
{
    private readonly Dictionary<string, Task<Addendum>> _files = new(StringComparer.Ordinal);

    /// <summary>
    /// Composes the image of <paramref name="spec"/> for <paramref name="platform"/> (linux/amd64
    /// when null). Throws <see cref="CompositionException"/> for unusable images; fetch failures
    /// surface as the source's exceptions.
    /// </summary>
    public async Task<ComposedImage> ComposeAsync(ImageSpec spec, Platform? platform, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (string.IsNullOrEmpty(spec.BaseRef)) throw new CompositionException("the image spec has no base_ref");
        var baseTask = ResolveAsync(spec.BaseRef, platform, cancellationToken);
        var ideTask = OptionalAsync(spec.IdeRef, platform, cancellationToken);
        var supervisorTask = OptionalAsync(spec.SupervisorRef, platform, cancellationToken);
        var layerTasks = spec.IdeLayerRef.Select(r => ResolveAsync(r, platform, cancellationToken)).ToList();
        var staticTask = StaticLayersAsync(platform, cancellationToken);
        await Task.WhenAll([baseTask, ideTask, supervisorTask, staticTask, .. layerTasks]).ConfigureAwait(false);

        var (baseImage, baseDigest) = await baseTask.ConfigureAwait(false);
        var input = new PlanInput(await staticTask.ConfigureAwait(false), (await ideTask.ConfigureAwait(false))?.Image,
            (await supervisorTask.ConfigureAwait(false))?.Image, layerTasks.Select(t => t.Result.Image).ToList(), spec.ContentSources());
        var plan = CompositionPlanner.Plan(input);
        var result = ImageComposer.Compose(plan.ToComposeInput(baseImage.Manifest, baseImage.Config, spec.BaseRef));
        return new ComposedImage(result, plan, baseImage.Ref, baseDigest, spec.Hash());
    }

    private async Task<IReadOnlyList<StaticLayer>> StaticLayersAsync(Platform? platform, CancellationToken cancellationToken)
    {
        if (staticLayers is not { Count: > 0 }) return [];
        var tasks = staticLayers.Select(async options => options.Type switch
        {
            "image" => (StaticLayer)new StaticImageLayer((await ResolveAsync(options.Ref, platform, cancellationToken).ConfigureAwait(false)).Image),
            "file" => new StaticFileLayer(await FileLayerAsync(options.Ref).ConfigureAwait(false)),
            _ => throw new CompositionException($"static layer type '{options.Type}' is neither 'image' nor 'file'"),
        }).ToList();
        return await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    /// <summary>The description of a static file, computed once (not cancelled by one request: others share it).</summary>
    private Task<Addendum> FileLayerAsync(string path)
    {
        lock (_files)
        {
            if (!_files.TryGetValue(path, out var task) || task.IsFaulted)
                _files[path] = task = StaticFileLayerLoader.LoadAsync(path, CancellationToken.None);
            return task;
        }
    }

    private async Task<(AddonImage Image, Digest Digest)?> OptionalAsync(string reference, Platform? platform, CancellationToken cancellationToken) =>
        string.IsNullOrEmpty(reference) ? null : await ResolveAsync(reference, platform, cancellationToken).ConfigureAwait(false);

    /// <summary>Fetches an image manifest (through its index when needed) and its config; the returned ref is pinned by digest.</summary>
    private async Task<(AddonImage Image, Digest Digest)> ResolveAsync(string reference, Platform? platform, CancellationToken cancellationToken)
    {
        var manifest = await source.GetManifestAsync(reference, cancellationToken).ConfigureAwait(false);
        var digest = Digest.Sha256Of(manifest.Bytes.Span);
        if (MediaTypes.IsIndex(manifest.MediaType))
        {
            var picked = PlatformPicker.Pick(manifest.Bytes, platform);
            manifest = await source.GetManifestAsync(ImageReference.WithDigest(reference, picked.Digest), cancellationToken).ConfigureAwait(false);
            if (!picked.Digest.Matches(manifest.Bytes.Span))
                throw new CompositionException($"image '{reference}': the manifest fetched for {picked.Digest} has another digest");
            digest = picked.Digest;
        }
        else if (!MediaTypes.IsImageManifest(manifest.MediaType))
        {
            throw new CompositionException($"image '{reference}' has unsupported manifest type '{manifest.MediaType}'");
        }
        var configDigest = ManifestConfig.DigestOf(manifest.Bytes);
        var config = await source.GetBlobAsync(reference, configDigest, cancellationToken).ConfigureAwait(false);
        if (!configDigest.Matches(config.Span))
            throw new CompositionException($"image '{reference}': its config does not match digest {configDigest}");
        return (new AddonImage(ImageReference.WithDigest(reference, digest), manifest.Bytes, config), digest);
    }
}
