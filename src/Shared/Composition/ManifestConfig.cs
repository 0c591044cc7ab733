using System.Text.Json;
using Facade.Shared.Oci;

namespace Facade.Shared.Composition;

/// <summary>Reads the config descriptor's digest out of an image manifest.</summary>
public static class ManifestConfig
{
    /// <summary>The digest of the manifest's config blob; <see cref="CompositionException"/> when there is none.</summary>
    public static Digest DigestOf(ReadOnlyMemory<byte> manifest)
    {
        try
        {
            using var document = JsonDocument.Parse(manifest, new JsonDocumentOptions { MaxDepth = 64 });
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("config"u8, out var config)
                && config.ValueKind == JsonValueKind.Object && config.TryGetProperty("digest"u8, out var digest)
                && digest.ValueKind == JsonValueKind.String && Digest.TryParse(digest.GetString(), out var parsed))
                return parsed;
            throw new CompositionException("the manifest has no valid config digest");
        }
        catch (JsonException e)
        {
            throw new CompositionException($"invalid JSON in a manifest: {e.Message}", e);
        }
    }
}
