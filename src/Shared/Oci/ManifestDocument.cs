using System.Text.Json;
using System.Text.Json.Serialization;

namespace Facade.Shared.Oci;

/// <summary>
/// A typed view of an image manifest or an index, for reading what it references. Pass-through
/// paths keep the <see cref="RawManifest"/> bytes; this view is never written back over them.
/// </summary>
public sealed record ManifestDocument
{
    [JsonPropertyName("schemaVersion")] public int SchemaVersion { get; init; }
    [JsonPropertyName("mediaType"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? MediaType { get; init; }
    [JsonPropertyName("artifactType"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? ArtifactType { get; init; }
    [JsonPropertyName("config"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public Descriptor? Config { get; init; }
    [JsonPropertyName("layers"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<Descriptor>? Layers { get; init; }
    [JsonPropertyName("manifests"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<Descriptor>? Manifests { get; init; }
    [JsonPropertyName("subject"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public Descriptor? Subject { get; init; }
    [JsonPropertyName("annotations"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyDictionary<string, string>? Annotations { get; init; }

    /// <summary>Unknown fields, kept so nothing is lost.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }

    /// <summary>Parses manifest bytes; throws <see cref="ManifestFormatException"/> when they are not a manifest.</summary>
    public static ManifestDocument Parse(ReadOnlySpan<byte> bytes)
    {
        try
        {
            var doc = JsonSerializer.Deserialize(bytes, OciJsonContext.Default.ManifestDocument)
                ?? throw new ManifestFormatException("manifest is null");
            if (doc.SchemaVersion != 2) throw new ManifestFormatException($"unsupported schemaVersion {doc.SchemaVersion}");
            return doc;
        }
        catch (JsonException e)
        {
            throw new ManifestFormatException("manifest is not valid JSON: " + e.Message);
        }
    }

    /// <summary>
    /// The media type of manifest bytes: the declared <c>mediaType</c>, else inferred from the
    /// shape (an OCI manifest may omit it).
    /// </summary>
    public string InferMediaType() => MediaType ?? (Manifests is not null ? MediaTypes.OciIndex : MediaTypes.OciManifest);
}

/// <summary>Manifest bytes that are not a manifest this registry understands.</summary>
public sealed class ManifestFormatException(string message) : Exception(message);
