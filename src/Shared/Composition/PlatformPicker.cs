using System.Text.Json;
using Facade.Shared.Oci;

namespace Facade.Shared.Composition;

/// <summary>Picks the manifest for a platform from an OCI index or Docker manifest list.</summary>
public static class PlatformPicker
{
    /// <summary>
    /// The first entry whose platform matches <paramref name="wanted"/> (linux/amd64 when null).
    /// Throws <see cref="CompositionException"/> when no entry matches: falling back to the first
    /// entry would silently run the wrong architecture.
    /// </summary>
    public static PlatformManifest Pick(ReadOnlyMemory<byte> index, Platform? wanted = null)
    {
        wanted ??= Platform.Default;
        try
        {
            using var document = JsonDocument.Parse(index, new JsonDocumentOptions { MaxDepth = 64 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("manifests"u8, out var manifests)
                || manifests.ValueKind != JsonValueKind.Array)
                throw new CompositionException("the index has no manifests array");
            foreach (var entry in manifests.EnumerateArray())
            {
                if (entry.ValueKind == JsonValueKind.Object && PlatformOf(entry) is { } platform && platform.Matches(wanted))
                    return Describe(entry);
            }
            throw new CompositionException($"the index has no manifest for platform {wanted}");
        }
        catch (JsonException e)
        {
            throw new CompositionException($"invalid JSON in the index: {e.Message}", e);
        }
    }

    private static Platform? PlatformOf(JsonElement entry)
    {
        if (!entry.TryGetProperty("platform"u8, out var platform) || platform.ValueKind != JsonValueKind.Object) return null;
        var os = Text(platform, "os"u8);
        var architecture = Text(platform, "architecture"u8);
        return os is null || architecture is null ? null : new Platform(os, architecture, Text(platform, "variant"u8));
    }

    private static PlatformManifest Describe(JsonElement entry)
    {
        var text = Text(entry, "digest"u8);
        if (!Digest.TryParse(text, out var digest)) throw new CompositionException($"the index names an invalid digest '{text}'");
        var mediaType = Text(entry, "mediaType"u8) ?? "";
        if (!MediaTypes.IsImageManifest(mediaType))
            throw new CompositionException($"the index entry {digest} is '{mediaType}', not an image manifest");
        var size = entry.TryGetProperty("size"u8, out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetInt64(out var n) && n >= 0
            ? n
            : throw new CompositionException($"the index entry {digest} has no valid size");
        return new PlatformManifest(digest, mediaType, size);
    }

    private static string? Text(JsonElement element, ReadOnlySpan<byte> name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
