using System.Text.Json.Serialization;

namespace Facade.Shared.Oci;

/// <summary>The <c>platform</c> object of an index entry, as JSON (matching lives in Composition.Platform).</summary>
public sealed record DescriptorPlatform
{
    [JsonPropertyName("architecture")] public string Architecture { get; init; } = "";
    [JsonPropertyName("os")] public string Os { get; init; } = "";
    [JsonPropertyName("variant")] public string? Variant { get; init; }
    [JsonPropertyName("os.version")] public string? OsVersion { get; init; }

    /// <summary>Unknown fields, kept so nothing is lost.</summary>
    [JsonExtensionData] public Dictionary<string, System.Text.Json.JsonElement>? Extra { get; set; }

    public override string ToString() => Variant is null ? $"{Os}/{Architecture}" : $"{Os}/{Architecture}/{Variant}";
}
