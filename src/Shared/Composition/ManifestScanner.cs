using System.Text.Json;
using Facade.Shared.Oci;

namespace Facade.Shared.Composition;

/// <summary>
/// A read-only pass over the base manifest: its media type and the sum of its layer sizes.
/// It runs before the rewrite because <c>annotations</c> may come before <c>layers</c>.
/// </summary>
internal static class ManifestScanner
{
    public static ManifestSummary Scan(ReadOnlySpan<byte> source)
    {
        var reader = new Utf8JsonReader(source, JsonCopy.ReaderOptions);
        JsonCopy.Next(ref reader);
        JsonCopy.Expect(ref reader, JsonTokenType.StartObject, "the base manifest");
        string? mediaType = null, configMediaType = null;
        long? size = null;
        while (JsonCopy.Next(ref reader) != JsonTokenType.EndObject)
        {
            if (reader.ValueTextEquals("mediaType"u8))
            {
                JsonCopy.Next(ref reader);
                JsonCopy.Expect(ref reader, JsonTokenType.String, "mediaType");
                mediaType = reader.GetString();
            }
            else if (reader.ValueTextEquals("layers"u8))
            {
                JsonCopy.Next(ref reader);
                size = SumLayers(ref reader);
            }
            else if (reader.ValueTextEquals("config"u8))
            {
                JsonCopy.Next(ref reader);
                configMediaType = ConfigMediaType(ref reader);
            }
            else
            {
                JsonCopy.Next(ref reader);
                reader.Skip();
            }
        }
        JsonCopy.ExpectEnd(ref reader, "the base manifest");
        if (MediaTypes.IsIndex(mediaType))
            throw new CompositionException($"the base must be an image manifest, not an index ('{mediaType}'): pick a platform first");
        if (configMediaType is null) throw new CompositionException("the base manifest has no config descriptor");
        if (size is null) throw new CompositionException("the base manifest has no layers");
        mediaType ??= configMediaType == MediaTypes.DockerConfig ? MediaTypes.DockerManifest : MediaTypes.OciManifest;
        if (!MediaTypes.IsImageManifest(mediaType))
            throw new CompositionException($"the base must be an image manifest, not '{mediaType}'");
        return new ManifestSummary(mediaType, size.Value);
    }

    private static long SumLayers(ref Utf8JsonReader reader)
    {
        JsonCopy.Expect(ref reader, JsonTokenType.StartArray, "layers");
        long total = 0;
        while (JsonCopy.Next(ref reader) != JsonTokenType.EndArray)
        {
            JsonCopy.Expect(ref reader, JsonTokenType.StartObject, "each layer descriptor");
            var sawSize = false;
            while (JsonCopy.Next(ref reader) != JsonTokenType.EndObject)
            {
                var isSize = reader.ValueTextEquals("size"u8);
                JsonCopy.Next(ref reader);
                if (!isSize) { reader.Skip(); continue; }
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var size) || size < 0)
                    throw new CompositionException("a base layer size is not a non-negative integer");
                total = checked(total + size);
                sawSize = true;
            }
            if (!sawSize) throw new CompositionException("a base layer descriptor has no size");
        }
        return total;
    }

    private static string ConfigMediaType(ref Utf8JsonReader reader)
    {
        JsonCopy.Expect(ref reader, JsonTokenType.StartObject, "the config descriptor");
        var mediaType = "";
        while (JsonCopy.Next(ref reader) != JsonTokenType.EndObject)
        {
            var isMediaType = reader.ValueTextEquals("mediaType"u8);
            JsonCopy.Next(ref reader);
            if (isMediaType && reader.TokenType == JsonTokenType.String) mediaType = reader.GetString()!;
            else reader.Skip();
        }
        return mediaType;
    }
}
