using System.Text.Json;
using Facade.Shared.Oci;

namespace Facade.Shared.Composition;

/// <summary>Typed reads of the parts of an add-on manifest and config the planner needs, with clear errors.</summary>
internal static class AddonJson
{
    public static List<LayerDescriptor> Layers(JsonElement manifest, string imageRef)
    {
        if (!manifest.TryGetProperty("layers"u8, out var layers) || layers.ValueKind != JsonValueKind.Array)
            throw AddonImageReader.Error(imageRef, "has no layers array");
        var result = new List<LayerDescriptor>(layers.GetArrayLength());
        foreach (var layer in layers.EnumerateArray())
        {
            if (layer.ValueKind != JsonValueKind.Object) throw AddonImageReader.Error(imageRef, "has a layer that is not an object");
            var mediaType = String(layer, "mediaType"u8) ?? throw AddonImageReader.Error(imageRef, "has a layer without mediaType");
            var digest = ParseDigest(String(layer, "digest"u8), imageRef, "layer digest");
            if (!layer.TryGetProperty("size"u8, out var sizeElement) || sizeElement.ValueKind != JsonValueKind.Number || !sizeElement.TryGetInt64(out var size) || size < 0)
                throw AddonImageReader.Error(imageRef, $"has layer {digest} without a valid size");
            result.Add(new LayerDescriptor(mediaType, digest, size, Urls(layer, imageRef), Annotations(layer, imageRef)));
        }
        return result;
    }

    public static List<Digest> DiffIds(JsonElement config, string imageRef)
    {
        if (!config.TryGetProperty("rootfs"u8, out var rootfs) || rootfs.ValueKind != JsonValueKind.Object
            || !rootfs.TryGetProperty("diff_ids"u8, out var ids) || ids.ValueKind != JsonValueKind.Array)
            throw AddonImageReader.Error(imageRef, "has no rootfs.diff_ids array");
        var result = new List<Digest>(ids.GetArrayLength());
        foreach (var id in ids.EnumerateArray())
            result.Add(ParseDigest(id.ValueKind == JsonValueKind.String ? id.GetString() : null, imageRef, "diff id"));
        return result;
    }

    /// <summary>The history entries that describe a layer (those without <c>empty_layer: true</c>).</summary>
    public static List<HistoryEntry> LayerHistory(JsonElement config)
    {
        var result = new List<HistoryEntry>();
        if (!config.TryGetProperty("history"u8, out var history) || history.ValueKind != JsonValueKind.Array) return result;
        foreach (var entry in history.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Object) continue;
            if (entry.TryGetProperty("empty_layer"u8, out var empty) && empty.ValueKind == JsonValueKind.True) continue;
            result.Add(new HistoryEntry(String(entry, "created_by"u8), String(entry, "comment"u8)));
        }
        return result;
    }

    public static IEnumerable<string> Env(JsonElement containerConfig, string imageRef)
    {
        if (containerConfig.ValueKind != JsonValueKind.Object
            || !containerConfig.TryGetProperty("Env"u8, out var env) || env.ValueKind == JsonValueKind.Null) return [];
        if (env.ValueKind != JsonValueKind.Array) throw AddonImageReader.Error(imageRef, "has a config.Env that is not an array");
        return env.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String
            ? e.GetString()!
            : throw AddonImageReader.Error(imageRef, "has a config.Env entry that is not a string")).ToList();
    }

    public static string? Label(JsonElement containerConfig, string name, string imageRef)
    {
        if (containerConfig.ValueKind != JsonValueKind.Object
            || !containerConfig.TryGetProperty("Labels"u8, out var labels) || labels.ValueKind != JsonValueKind.Object
            || !labels.TryGetProperty(name, out var value)) return null;
        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw AddonImageReader.Error(imageRef, $"has a label {name} that is not a string");
    }

    private static List<string>? Urls(JsonElement layer, string imageRef)
    {
        if (!layer.TryGetProperty("urls"u8, out var urls) || urls.ValueKind == JsonValueKind.Null) return null;
        if (urls.ValueKind != JsonValueKind.Array) throw AddonImageReader.Error(imageRef, "has layer urls that are not an array");
        return urls.EnumerateArray().Select(u => u.ValueKind == JsonValueKind.String
            ? u.GetString()!
            : throw AddonImageReader.Error(imageRef, "has a layer url that is not a string")).ToList();
    }

    private static List<KeyValuePair<string, string>>? Annotations(JsonElement layer, string imageRef)
    {
        if (!layer.TryGetProperty("annotations"u8, out var annotations) || annotations.ValueKind == JsonValueKind.Null) return null;
        if (annotations.ValueKind != JsonValueKind.Object) throw AddonImageReader.Error(imageRef, "has layer annotations that are not an object");
        return annotations.EnumerateObject().Select(p => p.Value.ValueKind == JsonValueKind.String
            ? new KeyValuePair<string, string>(p.Name, p.Value.GetString()!)
            : throw AddonImageReader.Error(imageRef, $"has a layer annotation {p.Name} that is not a string")).ToList();
    }

    private static string? String(JsonElement element, ReadOnlySpan<byte> name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static Digest ParseDigest(string? text, string imageRef, string what) =>
        Digest.TryParse(text, out var digest) ? digest : throw AddonImageReader.Error(imageRef, $"has an invalid {what} '{text}'");
}
