using System.Text.Json;
using Facade.Shared.Oci;

namespace Facade.Shared.Composition;

/// <summary>
/// Turns an add-on image into addenda (its layers after <c>skip-n</c>, each with its diff id and
/// history entry) and Env modifiers. Add-on images are small JSON documents read once per
/// composition, so a pooled <see cref="JsonDocument"/> is used here rather than a hand-rolled reader.
/// </summary>
internal static class AddonImageReader
{
    public static void Read(AddonImage image, List<Addendum> addenda, List<EnvModifier> modifiers)
    {
        using var manifest = Parse(image.Manifest, image.Ref, "manifest");
        using var config = Parse(image.Config, image.Ref, "config");
        var root = manifest.RootElement;
        if (root.TryGetProperty("mediaType"u8, out var mediaType) && MediaTypes.IsIndex(mediaType.GetString()))
            throw Error(image.Ref, "is an index; pick a platform first");
        var layers = AddonJson.Layers(root, image.Ref);
        var diffIds = AddonJson.DiffIds(config.RootElement, image.Ref);
        if (diffIds.Count != layers.Count)
            throw Error(image.Ref, $"has {layers.Count} layers but {diffIds.Count} diff ids");
        var history = AddonJson.LayerHistory(config.RootElement);
        var containerConfig = config.RootElement.TryGetProperty("config"u8, out var c) && c.ValueKind == JsonValueKind.Object ? c : default;
        var skip = SkipLayersLabel.Parse(AddonJson.Label(containerConfig, SkipLayersLabel.Name, image.Ref), layers.Count, image.Ref);
        var origin = LayerOrigin.Image(image.Ref);
        for (var i = skip; i < layers.Count; i++)
        {
            // History entries pair with layers only when every layer has exactly one.
            var entry = history.Count == layers.Count
                ? history[i] with { Comment = history[i].Comment ?? image.Ref }
                : new HistoryEntry(null, image.Ref);
            addenda.Add(new Addendum(layers[i], diffIds[i], entry, origin));
        }
        foreach (var env in AddonJson.Env(containerConfig, image.Ref))
        {
            if (EnvModifierParser.TryParse(env) is { } modifier) modifiers.Add(modifier);
        }
    }

    private static JsonDocument Parse(ReadOnlyMemory<byte> json, string imageRef, string what)
    {
        try
        {
            var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
            if (document.RootElement.ValueKind == JsonValueKind.Object) return document;
            document.Dispose();
            throw Error(imageRef, $"has a {what} that is not a JSON object");
        }
        catch (JsonException e)
        {
            throw new CompositionException($"image '{imageRef}' has an invalid {what}: {e.Message}", e);
        }
    }

    internal static CompositionException Error(string imageRef, string problem) => new($"image '{imageRef}' {problem}");
}
