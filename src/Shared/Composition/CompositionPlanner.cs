using Facade.Shared.Oci;

namespace Facade.Shared.Composition;

/// <summary>
/// Orders the layers of a composed image: static layers, <c>ide_ref</c>, <c>supervisor_ref</c>,
/// each <c>ide_layer_ref</c>, then the content layers. Pure: no I/O, no clock.
/// </summary>
public static class CompositionPlanner
{
    /// <summary>History comment of a content layer.</summary>
    public const string ContentLayerComment = "content layer";

    /// <summary>Plans the composition; throws <see cref="CompositionException"/> for unusable inputs.</summary>
    public static CompositionPlan Plan(PlanInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var addenda = new List<Addendum>();
        var modifiers = new List<EnvModifier>();
        foreach (var layer in input.StaticLayers)
        {
            switch (layer)
            {
                case StaticImageLayer image: AddonImageReader.Read(image.Image, addenda, modifiers); break;
                case StaticFileLayer file: addenda.Add(file.Addendum); break;
                default: throw new CompositionException($"unknown static layer kind {layer.GetType().Name}");
            }
        }
        if (input.Ide is not null) AddonImageReader.Read(input.Ide, addenda, modifiers);
        if (input.Supervisor is not null) AddonImageReader.Read(input.Supervisor, addenda, modifiers);
        foreach (var image in input.IdeLayers) AddonImageReader.Read(image, addenda, modifiers);
        foreach (var content in input.Content) addenda.Add(ToAddendum(content));
        return new CompositionPlan(addenda, modifiers);
    }

    /// <summary>The addendum for one content layer of the spec.</summary>
    public static Addendum ToAddendum(ContentSource content) => content switch
    {
        DirectContent direct => Direct(direct),
        RemoteContent remote => Remote(remote),
        _ => throw new CompositionException($"unknown content layer kind {content.GetType().Name}"),
    };

    private static Addendum Direct(DirectContent direct)
    {
        var digest = Digest.Sha256Of(direct.Content.Span);
        var layer = new LayerDescriptor(MediaTypes.OciLayer, digest, direct.Content.Length);
        return new Addendum(layer, digest, new HistoryEntry(null, ContentLayerComment), LayerOrigin.Direct(direct.Content));
    }

    private static Addendum Remote(RemoteContent remote)
    {
        if (!Uri.TryCreate(remote.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            throw new CompositionException($"remote content layer url '{remote.Url}' is not an absolute http(s) url");
        if (!Digest.TryParse(remote.Digest, out var digest))
            throw new CompositionException($"remote content layer has an invalid digest '{remote.Digest}'");
        if (!Digest.TryParse(remote.DiffId, out var diffId))
            throw new CompositionException($"remote content layer {digest} has an invalid diff id '{remote.DiffId}'");
        if (string.IsNullOrEmpty(remote.MediaType))
            throw new CompositionException($"remote content layer {digest} has no media type");
        if (remote.Size < 0)
            throw new CompositionException($"remote content layer {digest} has a negative size");
        var layer = new LayerDescriptor(remote.MediaType, digest, remote.Size, [remote.Url]);
        return new Addendum(layer, diffId, new HistoryEntry(null, ContentLayerComment), LayerOrigin.Remote(remote.Url));
    }
}
